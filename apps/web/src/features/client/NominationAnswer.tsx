// The manager's answer to a client's nomination (issue 10), in the reader's language: honoured, or
// declined (the order itself is not) with the manager's reason in their own words and maybe someone
// else instead. Shown on the client's portal, on the order page and above the order's chat; it
// changes at once with work_order:nomination_answered (lib/live.ts replaces the order in the caches).
import type { ReactNode } from "react";
import { Link } from "react-router";
import { mayAnswerNominationOf } from "@crewboard/domain";
import { useI18n } from "../../i18n/index.ts";
import type { PersonRef, WorkOrder } from "../../lib/api.ts";
import { paths } from "../../app/paths.ts";
import { useLiveEvent } from "../../lib/live.ts";
import { announce } from "../../lib/announcer.tsx";
import "./nomination.css";
import { textLang } from "../../ui/lang.ts";
import { Icon } from "../../ui/Icon.tsx";

export function NominationAnswer({ order, testId }: { order: WorkOrder; testId?: string }) {
  const { t, tNodes, locale, formatDate } = useI18n();
  const nominee = order.nominatedCrew;
  if (!nominee) return null;
  const person = (name: string): ReactNode => <span lang={textLang(name, locale)}>{name}</span>;
  const answer = order.nominationAnswer;
  if (!answer) {
    // nothing to wait for on a finished or declined order
    if (!mayAnswerNominationOf({ status: order.status, nominatedCrewId: nominee.id })) return null;
    return (
      <p className="nomination-answer nomination-answer--waiting" data-testid={testId}>
        <Icon name="waiting" className="icon--before" />
        {tNodes("client.nomination.waiting", { name: person(nominee.name) })}
      </p>
    );
  }
  const when = <time dateTime={answer.answeredAt}>{formatDate(answer.answeredAt, "dateTime")}</time>;
  if (answer.answer === "honoured") {
    return (
      <p className="nomination-answer nomination-answer--honoured" data-testid={testId}>
        <Icon name="check" className="icon--before" />
        {tNodes("client.nomination.honoured", { name: person(nominee.name) })}{" "}
        <span className="nomination-answer__when">{tNodes("client.nomination.when", { when })}</span>
      </p>
    );
  }
  return (
    <div className="nomination-answer nomination-answer--declined" data-testid={testId}>
      <p>
        <Icon name="info" className="icon--before" />
        {tNodes("client.nomination.declined", { name: person(nominee.name) })}{" "}
        <span className="nomination-answer__when">{tNodes("client.nomination.when", { when })}</span>
      </p>
      {answer.reason && (
        <p>
          <span className="nomination-answer__label">{t("client.nomination.reason")}</span>{" "}
          <q lang={textLang(answer.reason, locale)} className="preserve-lines">
            {answer.reason}
          </q>
        </p>
      )}
      {answer.alternative && (
        <p>{tNodes("client.nomination.alternative", { name: person(answer.alternative.name) })}</p>
      )}
    </div>
  );
}

/** Whom a client may ask for again from a completed order: whoever the nomination's answer named. */
export function askAgainPerson(order: WorkOrder): PersonRef | null {
  if (order.status !== "completed" || !order.nominatedCrew || !order.nominationAnswer) return null;
  return order.nominationAnswer.answer === "honoured" ? order.nominatedCrew : order.nominationAnswer.alternative;
}

export const askAgainPath = (personId: string) => `${paths.newOrder}?nominee=${encodeURIComponent(personId)}`;

/** 「{name} さんにまた頼む」: a new order with the same person nominated. */
export function AskAgainLink({ person, orderNumber }: { person: PersonRef; orderNumber: number }) {
  const { tNodes, locale } = useI18n();
  return (
    <Link to={askAgainPath(person.id)} className="button button--secondary">
      {tNodes("client.order.askAgain", { name: <span lang={textLang(person.name, locale)}>{person.name}</span> })}
      <span className="visually-hidden"> #{orderNumber}</span>
    </Link>
  );
}

/** Says the answer politely, once, when it arrives live (the screen shows it at once anyway). */
export function useNominationAnnouncement(workOrderId?: string) {
  const { t } = useI18n();
  useLiveEvent(["work_order:nomination_answered"], (event, { replayed }) => {
    const order = event.data;
    if (replayed || !order.nominationAnswer || !order.nominatedCrew) return;
    if (workOrderId && order.id !== workOrderId) return;
    const name = order.nominatedCrew.name;
    announce(
      `#${order.number} ${
        order.nominationAnswer.answer === "honoured"
          ? t("client.nomination.honoured", { name })
          : t("client.nomination.declined", { name })
      }`,
      { group: "workOrders", important: true },
    );
  });
}
