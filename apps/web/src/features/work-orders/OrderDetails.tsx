// The order itself: number, title, status, due, priority, progress, nomination, description,
// links, the reason when declined, and its dates.
import { isEmployee } from "@crewboard/domain";
import { useI18n } from "../../i18n/index.ts";
import type { User, WorkOrder } from "../../lib/api.ts";
import { WorkOrderStatusBadge } from "../../ui/StatusBadge.tsx";
import { textLang } from "../../ui/lang.ts";
import { isHttpUrl } from "../client/new-order.ts";
import { OrderProgress } from "./OrderProgress.tsx";
import { Icon } from "../../ui/Icon.tsx";
import { NominationAnswer } from "../client/NominationAnswer.tsx";

export function OrderDetails({ order, user }: { order: WorkOrder; user: User }) {
  const { t, locale, formatDue, formatDate } = useI18n();
  const company = locale === "en" && order.clientCompany.nameEn ? order.clientCompany.nameEn : order.clientCompany.name;
  const dates: [string, string | null][] = [
    [t("workOrder.createdAt", { date: formatDate(order.createdAt, "dateTime") }), order.createdAt],
    [
      order.acceptedAt ? t("workOrder.acceptedAt", { date: formatDate(order.acceptedAt, "dateTime") }) : "",
      order.acceptedAt,
    ],
    [
      order.deliveredAt ? t("workOrder.deliveredAt", { date: formatDate(order.deliveredAt, "dateTime") }) : "",
      order.deliveredAt,
    ],
    [
      order.completedAt ? t("workOrder.completedAt", { date: formatDate(order.completedAt, "dateTime") }) : "",
      order.completedAt,
    ],
    [
      order.declinedAt ? t("workOrder.declinedAt", { date: formatDate(order.declinedAt, "dateTime") }) : "",
      order.declinedAt,
    ],
  ];
  return (
    <dl className="wo-facts">
      <div>
        <dt>{t("workOrder.number")}</dt>
        <dd className="wo-facts__number">#{order.number}</dd>
      </div>
      <div>
        <dt>{t("workOrder.status")}</dt>
        <dd>
          <WorkOrderStatusBadge status={order.status} />
        </dd>
      </div>
      <div>
        <dt>{t("workOrder.due")}</dt>
        <dd>
          <time dateTime={order.dueAt}>{formatDue(order.dueAt)}</time>
        </dd>
      </div>
      <div>
        <dt>{t("workOrder.priority")}</dt>
        <dd>
          {order.priority === "urgent" ? (
            <span className="priority priority--urgent">
              <Icon name="urgent" className="icon--before" />
              {t("priority.urgent")}
            </span>
          ) : (
            t("priority.normal")
          )}
        </dd>
      </div>
      <div className="wo-facts__wide">
        <dt>{t("workOrder.progress")}</dt>
        <dd>
          <OrderProgress order={order} />
        </dd>
      </div>
      {isEmployee(user) && (
        <div>
          <dt>{t("workOrder.company")}</dt>
          <dd lang={textLang(company, locale)}>{company}</dd>
        </div>
      )}
      <div>
        <dt>{t("workOrder.requestedBy")}</dt>
        <dd lang={textLang(order.createdBy.name, locale)}>{order.createdBy.name}</dd>
      </div>
      <div>
        <dt>{t("workOrder.nominated")}</dt>
        <dd>
          {order.nominatedCrew ? (
            <span lang={textLang(order.nominatedCrew.name, locale)}>{order.nominatedCrew.name}</span>
          ) : (
            t("common.none")
          )}
        </dd>
      </div>
      {order.nominatedCrew && order.nominationNote && (
        <div className="wo-facts__wide">
          <dt>{t("workOrder.nominationNote")}</dt>
          <dd lang={textLang(order.nominationNote, locale)} className="preserve-lines">
            {order.nominationNote}
          </dd>
        </div>
      )}
      {order.nominatedCrew && (order.nominationAnswer || order.status !== "completed") && (
        <div className="wo-facts__wide">
          <dt>{t("client.nomination.heading")}</dt>
          <dd>
            <NominationAnswer order={order} testId="wo-nomination-answer" />
          </dd>
        </div>
      )}
      {order.status === "declined" && order.declineReason && (
        <div className="wo-facts__wide wo-facts__declined">
          <dt>{t("workOrder.declineReason")}</dt>
          <dd lang={textLang(order.declineReason, locale)} className="preserve-lines">
            {order.declineReason}
          </dd>
        </div>
      )}
      <div className="wo-facts__wide">
        <dt>{t("workOrder.description")}</dt>
        <dd lang={textLang(order.description, locale)} className="preserve-lines">
          {order.description.trim() ? order.description : t("common.none")}
        </dd>
      </div>
      <div className="wo-facts__wide">
        <dt>{t("workOrder.links")}</dt>
        <dd>
          {order.links.length === 0 ? (
            t("common.none")
          ) : (
            <ul className="wo-links">
              {order.links.map((link, index) => (
                <li key={`${index}-${link}`}>
                  {/* only web addresses become links (never javascript: and the like) */}
                  {isHttpUrl(link) ? (
                    <a href={link} rel="noopener noreferrer nofollow">
                      {link}
                    </a>
                  ) : (
                    link
                  )}
                </li>
              ))}
            </ul>
          )}
        </dd>
      </div>
      <div className="wo-facts__wide">
        <dt>{t("workOrder.dates")}</dt>
        <dd>
          <ul className="wo-dates">
            {dates
              .filter(([text]) => text)
              .map(([text, at]) => (
                <li key={text}>
                  <time dateTime={at ?? undefined}>{text}</time>
                </li>
              ))}
          </ul>
        </dd>
      </div>
    </dl>
  );
}
