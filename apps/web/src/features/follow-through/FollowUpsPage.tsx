// Follow-ups: managers and admins see the dashboard (open, overdue, closed this month, time to
// close) and every follow-up; a client sees their company's, with the steps that concern them.
import { useId, useState } from "react";
import { Link } from "react-router";
import { useQuery } from "@tanstack/react-query";
import { isStaff } from "@crewboard/domain";
import { useI18n, type MessageKey } from "../../i18n/index.ts";
import {
  getFollowUpStats,
  listFollowUps,
  type FollowUp,
  type ListFollowUpsParams,
} from "../../lib/follow-through-api.ts";
import { queryKeys } from "../../lib/query-keys.ts";
import { useSession } from "../../app/session.tsx";
import { PageHeading } from "../../ui/PageHeading.tsx";
import { ErrorNotice, LoadingNotice } from "../../ui/Notice.tsx";
import { Icon } from "../../ui/Icon.tsx";
import { textLang } from "../../ui/lang.ts";
import { followUpPath } from "./paths.ts";
import "./follow-through.css";

type Filter = NonNullable<ListFollowUpsParams["state"]> | "all";

export default function FollowUpsPage() {
  const { t } = useI18n();
  const { user } = useSession();
  const staff = user ? isStaff(user) : false;
  const [filter, setFilter] = useState<Filter>(staff ? "open" : "all");
  const params = filter === "all" ? {} : { state: filter };
  const list = useQuery({
    queryKey: queryKeys.followUps.list(params),
    queryFn: ({ signal }) => listFollowUps({ ...params, limit: 100 }, signal),
  });
  const filterName = useId();
  return (
    <section className="page fu-page" data-testid="page-follow-ups">
      <PageHeading title={staff ? t("followUps.title") : t("followUps.clientTitle")} />
      <p>{staff ? t("followUps.intro") : t("followUps.clientIntro")}</p>
      {staff && <Stats />}
      {staff && (
        <fieldset className="fu-filter">
          <legend>{t("followUps.filter.label")}</legend>
          {(["open", "overdue", "closed", "all"] as const).map((f) => (
            <label key={f}>
              <input type="radio" name={filterName} value={f} checked={filter === f} onChange={() => setFilter(f)} />{" "}
              {t(`followUps.filter.${f}`)}
            </label>
          ))}
        </fieldset>
      )}
      {list.isPending && <LoadingNotice />}
      {list.isError && <ErrorNotice error={list.error} onRetry={() => void list.refetch()} />}
      {list.isSuccess && list.data.items.length === 0 && <p>{t("followUps.none")}</p>}
      {list.isSuccess && list.data.items.length > 0 && (
        <ul className="fu-list" data-testid="follow-up-list">
          {list.data.items.map((f) => (
            <FollowUpItem key={f.id} f={f} />
          ))}
        </ul>
      )}
    </section>
  );
}

function FollowUpItem({ f }: { f: FollowUp }) {
  const { t, tNodes, locale, formatDate } = useI18n();
  const stepKey = (f.view === "full" ? `followUps.step.${f.status}` : `followUps.clientStep.${f.status}`) as MessageKey;
  return (
    <li className="fu-item" data-testid="follow-up-item">
      <p className="fu-step__head">
        <Link to={followUpPath(f.id)}>
          {tNodes("followUps.order", {
            number: `#${f.workOrder.number}`,
            title: <span lang={textLang(f.workOrder.title, locale)}>{f.workOrder.title}</span>,
          })}
        </Link>
      </p>
      <p>
        <span className="fu-badge">
          <Icon name={f.status === "closed" ? "done" : "waiting"} /> {t(stepKey)}
        </span>
        {f.overdue && (
          <>
            {" "}
            <span className="fu-badge">
              <Icon name="warning" /> {t("followUps.overdueBadge")}
            </span>
          </>
        )}
      </p>
      <p>
        {f.owner
          ? tNodes("followUps.owner", { name: <span lang={textLang(f.owner.name, locale)}>{f.owner.name}</span> })
          : t("followUps.noOwner")}
      </p>
      {f.view === "full" && f.dueAt && f.status !== "closed" && (
        <p>{t("followUps.due", { due: formatDate(f.dueAt, "weekdayDateTime") })}</p>
      )}
      <p>
        {f.closedAt
          ? t("followUps.closedAt", { at: formatDate(f.closedAt, "dateTime") })
          : t("followUps.openedAt", { at: formatDate(f.createdAt, "dateTime") })}
      </p>
    </li>
  );
}

function Stats() {
  const { t, formatNumber } = useI18n();
  const headingId = useId();
  const stats = useQuery({ queryKey: queryKeys.followUps.stats(), queryFn: ({ signal }) => getFollowUpStats(signal) });
  if (!stats.data)
    return stats.isError ? <ErrorNotice error={stats.error} onRetry={() => void stats.refetch()} /> : null;
  const s = stats.data;
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>{t("followUps.stats.heading")}</h2>
      <dl className="fu-stats" data-testid="follow-up-stats">
        <div>
          <dt>{t("followUps.stats.open")}</dt>
          <dd>{formatNumber(s.open)}</dd>
        </div>
        <div>
          <dt>{t("followUps.stats.overdue")}</dt>
          <dd>{formatNumber(s.overdue)}</dd>
        </div>
        <div>
          <dt>{t("followUps.stats.closedThisMonth")}</dt>
          <dd>{formatNumber(s.closedThisMonth)}</dd>
        </div>
        <div>
          <dt>{t("followUps.stats.timeToClose")}</dt>
          <dd>
            {s.medianHoursToClose === null
              ? t("followUps.stats.none")
              : t("followUps.stats.hours", { hours: formatNumber(s.medianHoursToClose) })}
          </dd>
        </div>
      </dl>
    </section>
  );
}
