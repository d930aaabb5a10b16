// Crew overview (managers): by 10:00, who is struggling today. One table row per crew member of
// the manager's team (admins: everyone): today's check-in (condition as text + icon; "not checked
// in yet" and "unwell" first and marked in words), office or home today, online / away / offline,
// blocked tasks (linked to the board), and load (open tasks, estimated hours left).
//
// Live: tasks through lib/live.ts, presence through presence:updated; check-ins have no live
// event, so they are fetched again every minute (and on demand).
import { useId, useMemo } from "react";
import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { intlLocale, useI18n } from "../../i18n/index.ts";
import { listCheckIns, listUsers, type CheckIn, type Condition } from "../../lib/api.ts";
import { queryKeys } from "../../lib/query-keys.ts";
import { paths } from "../../app/paths.ts";
import { useUser } from "../../app/session.tsx";
import { PageHeading } from "../../ui/PageHeading.tsx";
import { ErrorNotice, LoadingNotice } from "../../ui/Notice.tsx";
import { textLang } from "../../ui/lang.ts";
import { useBoardTasks } from "../board/board-queries.ts";
import { PLACE_ICONS, PRESENCE_ICONS, usePresence } from "./presence.ts";
import { crewRows, type CrewRow } from "./crew-model.ts";
import "./crew.css";
import { Icon, type IconName } from "../../ui/Icon.tsx";

const CONDITION_ICONS: Record<Condition, IconName> = { good: "good", okay: "okay", tired: "tired", unwell: "unwell" };
const NOT_CHECKED_IN_ICON: IconName = "help";

export default function CrewOverviewPage() {
  const { t } = useI18n();
  return (
    <section className="page crew-page" data-testid="page-crew">
      <PageHeading title={t("crew.title")} />
      <p className="crew-muted">{t("crew.intro")}</p>
      <CrewOverview />
    </section>
  );
}

function CrewOverview() {
  const { t, locale } = useI18n();
  const user = useUser();
  const teamId = user.role === "admin" ? null : user.teamId;
  const people = useQuery({
    queryKey: ["crew", "members", teamId ?? "all"] as const,
    queryFn: ({ signal }) => listUsers({ role: "crew", active: true, limit: 100 }, signal),
    select: (page) => page.items.filter((person) => teamId === null || person.teamId === teamId),
    staleTime: 5 * 60_000,
  });
  const checkIns = useQuery({
    queryKey: queryKeys.checkIns({}),
    queryFn: ({ signal }) => listCheckIns({}, signal),
    refetchInterval: 60_000,
    refetchOnWindowFocus: true,
  });
  const { query: tasksQuery, tasks } = useBoardTasks();
  const presence = usePresence();

  const rows = useMemo(
    () => crewRows(people.data ?? [], checkIns.data?.items ?? [], tasks, presence, new Intl.Collator(intlLocale(locale))),
    [people.data, checkIns.data, tasks, presence, locale],
  );

  if (people.isPending || checkIns.isPending || tasksQuery.isPending) return <LoadingNotice />;
  const failed = people.error ?? checkIns.error ?? (tasksQuery.data ? null : tasksQuery.error);
  if (failed) {
    return (
      <ErrorNotice
        error={failed}
        onRetry={() => {
          void people.refetch();
          void checkIns.refetch();
          void tasksQuery.refetch();
        }}
      />
    );
  }
  if (rows.length === 0) return <p className="notice">{t("crew.empty")}</p>;

  return (
    <>
      <Attention rows={rows} />
      <p className="crew-muted crew-refresh">
        {t("crew.refreshNote")}{" "}
        <button type="button" className="button button--secondary" onClick={() => void checkIns.refetch()}>
          {t("crew.refresh")}
        </button>
      </p>
      <CrewTable rows={rows} />
    </>
  );
}

function Attention({ rows }: { rows: CrewRow[] }) {
  const { t, locale } = useI18n();
  const headingId = useId();
  const groups: { key: "unwell" | "notCheckedIn" | "tired"; icon: IconName; rows: CrewRow[] }[] = [
    { key: "unwell", icon: CONDITION_ICONS.unwell, rows: rows.filter((r) => r.checkIn?.condition === "unwell") },
    { key: "notCheckedIn", icon: NOT_CHECKED_IN_ICON, rows: rows.filter((r) => !r.checkIn) },
    { key: "tired", icon: CONDITION_ICONS.tired, rows: rows.filter((r) => r.checkIn?.condition === "tired") },
  ];
  const any = groups.some((g) => g.rows.length > 0 && g.key !== "tired");
  return (
    <section className="crew-attention" aria-labelledby={headingId} data-testid="crew-attention">
      <h2 id={headingId}>{t("crew.attention.title")}</h2>
      {any ? (
        <dl className="crew-attention__list">
          {groups
            .filter((g) => g.rows.length > 0)
            .map((group) => (
              <div key={group.key} className={`crew-attention__group crew-attention__group--${group.key}`}>
                <dt>
                  <Icon name={group.icon} className="crew-icon" />
                  {t(`crew.attention.${group.key}`)}
                </dt>
                <dd>
                  <ul className="crew-names">
                    {group.rows.map((row) => (
                      <li key={row.person.id} lang={textLang(row.person.name, locale)}>
                        {row.person.name}
                      </li>
                    ))}
                  </ul>
                </dd>
              </div>
            ))}
        </dl>
      ) : (
        <p>{t("crew.attention.none")}</p>
      )}
    </section>
  );
}

function CheckInCell({ checkIn }: { checkIn: CheckIn | undefined }) {
  const { t, locale, formatDate } = useI18n();
  if (!checkIn) {
    return (
      <td className="crew-cell--none">
        <span className="crew-condition crew-condition--none">
          <Icon name={NOT_CHECKED_IN_ICON} className="crew-icon" />
          {t("crew.notCheckedIn")}
        </span>
      </td>
    );
  }
  return (
    <td>
      <span className={`crew-condition crew-condition--${checkIn.condition}`}>
        <Icon name={CONDITION_ICONS[checkIn.condition]} className="crew-icon" />
        {t(`condition.${checkIn.condition}`)}
      </span>{" "}
      <span className="crew-muted crew-time">{t("crew.checkedInAt", { time: formatDate(checkIn.createdAt, "time") })}</span>
      {checkIn.note && (
        <p className="crew-note" lang={textLang(checkIn.note, locale)}>
          {checkIn.note}
        </p>
      )}
    </td>
  );
}

function CrewTable({ rows }: { rows: CrewRow[] }) {
  const { t, tn, locale, formatNumber } = useI18n();
  const captionId = useId();
  return (
    <>
      <p className="table-scroll__hint">{t("crew.scrollHint")}</p>
      <div className="table-scroll" role="region" aria-labelledby={captionId} tabIndex={0}>
        <table className="data-table crew-table" data-testid="crew-table">
          <caption id={captionId}>{t("crew.table.caption", { count: rows.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("crew.col.name")}</th>
              <th scope="col">{t("crew.col.checkIn")}</th>
              <th scope="col">{t("crew.col.place")}</th>
              <th scope="col">{t("crew.col.presence")}</th>
              <th scope="col">{t("crew.col.blocked")}</th>
              <th scope="col">{t("crew.col.load")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr
                key={row.person.id}
                className={!row.checkIn ? "crew-row crew-row--none" : `crew-row crew-row--${row.checkIn.condition}`}
                data-testid={`crew-row-${row.person.id}`}
              >
                <th scope="row" lang={textLang(row.person.name, locale)}>
                  {row.person.name}
                </th>
                <CheckInCell checkIn={row.checkIn} />
                <td>
                  <span className="crew-inline">
                    <Icon name={row.place ? PLACE_ICONS[row.place] : "help"} className="crew-icon" />
                    {row.place ? t(`place.${row.place}`) : t("crew.placeUnknown")}
                  </span>
                </td>
                <td>
                  <span className={`crew-inline crew-presence--${row.presence?.status ?? "unknown"}`}>
                    <Icon name={row.presence ? PRESENCE_ICONS[row.presence.status] : "help"} className="crew-icon" />
                    {row.presence ? t(`presence.${row.presence.status}`) : t("crew.presenceUnknown")}
                  </span>
                </td>
                <td>
                  {row.blockedTasks.length === 0 ? (
                    <span className="crew-muted">{t("crew.blocked.none")}</span>
                  ) : (
                    <>
                      <span className="crew-blocked">
                        <Icon name="blocked" className="crew-icon" />
                        {tn("crew.blocked.count", row.blockedTasks.length)}
                      </span>
                      <ul className="crew-blocked__list">
                        {row.blockedTasks.map((task) => (
                          <li key={task.id}>
                            <Link to={paths.workOrder(task.workOrder.id)} lang={textLang(task.title, locale)}>
                              {task.title}
                            </Link>
                          </li>
                        ))}
                      </ul>
                      <Link to={`${paths.board}?crew=${encodeURIComponent(row.person.id)}&blocked=1`}>
                        {t("crew.blocked.showOnBoard", { name: row.person.name })}
                      </Link>
                    </>
                  )}
                </td>
                <td>
                  {row.openTasks.length === 0 ? (
                    <span className="crew-muted">{t("crew.load.none")}</span>
                  ) : (
                    <>
                      <span className="crew-load">{tn("crew.load.open", row.openTasks.length)}</span>
                      {row.hoursLeft > 0 && <span className="crew-load crew-muted">{t("crew.load.hours", { hours: formatNumber(row.hoursLeft) })}</span>}
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
