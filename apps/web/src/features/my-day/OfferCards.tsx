// Urgent offers on My Day (issue 10): each offer made to me is a card with accept and decline. A
// new one is said once, politely (never on a replay after reconnecting); focus never moves. When
// someone else takes it, the card says so at once (urgent_offer:updated through lib/live.ts); my own
// accept that lost the race (409 offer.taken) says the same. The card stays until I dismiss it.
import { useId, useRef, useState } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useI18n } from "../../i18n/index.ts";
import { call, ApiError, type UrgentOffer } from "../../lib/api.ts";
import { queryKeys } from "../../lib/query-keys.ts";
import { applyTask, applyUrgentOffer, useLiveEvent } from "../../lib/live.ts";
import { announce } from "../../lib/announcer.tsx";
import { errorMessage } from "../../ui/errors.ts";
import { textLang } from "../../ui/lang.ts";
import { Icon } from "../../ui/Icon.tsx";

const MY_OFFERS = { status: ["open", "taken", "expired", "cancelled"] } as const;

export function OfferCards({ userId }: { userId: string }) {
  const { t } = useI18n();
  const headingId = useId();
  const offers = useQuery({
    queryKey: queryKeys.urgentOffers.list({ status: [...MY_OFFERS.status] }),
    queryFn: ({ signal }) => call("listUrgentOffers", { query: { status: [...MY_OFFERS.status] } }, { signal }),
  });
  // the ones shown: open when this screen saw them (or arrived), until dismissed
  const [dismissed, setDismissed] = useState<ReadonlySet<string>>(new Set());
  const seenOpen = useRef(new Set<string>());
  for (const offer of offers.data?.items ?? []) if (offer.status === "open") seenOpen.current.add(offer.id);

  useLiveEvent(["urgent_offer:created"], (event, { replayed }) => {
    if (replayed || event.data.status !== "open") return;
    announce(t("myDay.offer.announce", { title: event.data.task.title }), { group: "tasks", important: true });
  });

  const shown = (offers.data?.items ?? []).filter((o) => seenOpen.current.has(o.id) && !dismissed.has(o.id));
  if (shown.length === 0) return null;
  return (
    <section className="md-section md-offers" aria-labelledby={headingId} data-testid="my-offers">
      <h2 id={headingId} tabIndex={-1}>
        {t("myDay.offer.heading")}
      </h2>
      <ul className="md-offers__list">
        {shown.map((offer) => (
          <li key={offer.id}>
            <OfferCard
              offer={offer}
              userId={userId}
              onDismiss={() => {
                setDismissed((all) => new Set([...all, offer.id]));
                // the card goes away: focus to the section's heading, or the page's when it was the last
                requestAnimationFrame(() =>
                  (document.getElementById(headingId) ?? document.querySelector<HTMLElement>("main h1"))?.focus(),
                );
              }}
            />
          </li>
        ))}
      </ul>
    </section>
  );
}

function OfferCard({ offer, userId, onDismiss }: { offer: UrgentOffer; userId: string; onDismiss: () => void }) {
  const { t, locale, formatDate, formatDue, formatMinutes } = useI18n();
  const queryClient = useQueryClient();
  const titleId = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const mine = offer.recipients.find((r) => r.user.id === userId);
  const answeredNo = mine?.response === "declined";

  async function answer(kind: "accept" | "decline") {
    if (busy) return;
    setBusy(true);
    setError(undefined);
    try {
      if (kind === "accept") {
        const result = await call("acceptUrgentOffer", { params: { id: offer.id } });
        applyUrgentOffer(queryClient, result.offer);
        applyTask(queryClient, result.task, { userId });
      } else {
        applyUrgentOffer(queryClient, await call("declineUrgentOffer", { params: { id: offer.id } }));
      }
    } catch (caught) {
      // lost the race or too late: the offer as it is now comes with the next event; ask for it too
      if (caught instanceof ApiError && (caught.code === "offer.taken" || caught.code === "offer.expired")) {
        void queryClient.invalidateQueries({ queryKey: queryKeys.urgentOffers.all() });
      }
      setError(errorMessage(caught, t));
    } finally {
      setBusy(false);
    }
  }

  let state;
  if (offer.status === "taken")
    state = offer.takenByMe ? (
      <p className="md-offer__state md-offer__state--mine">
        <Icon name="check" className="icon--before" />
        {t("myDay.offer.takenByMe")}
      </p>
    ) : (
      <p className="md-offer__state" data-testid="offer-taken">
        <Icon name="info" className="icon--before" />
        {t("myDay.offer.takenByOther")}
      </p>
    );
  else if (offer.status === "expired" || offer.status === "cancelled")
    state = (
      <p className="md-offer__state">
        <Icon name="info" className="icon--before" />
        {t(offer.status === "expired" ? "myDay.offer.expired" : "myDay.offer.cancelled")}
      </p>
    );
  else if (answeredNo)
    state = (
      <p className="md-offer__state">
        <Icon name="info" className="icon--before" />
        {t("myDay.offer.declined")}
      </p>
    );

  return (
    <article className={`md-offer md-offer--${offer.status}`} aria-labelledby={titleId} data-testid="offer-card">
      <h3 id={titleId} className="md-offer__title">
        <Icon name="urgent" className="icon--before" />
        <span lang={textLang(offer.task.title, locale)}>{offer.task.title}</span>
      </h3>
      <dl className="md-offer__facts">
        <div>
          <dt>{t("myDay.offer.order")}</dt>
          <dd>
            #{offer.task.workOrderNumber}{" "}
            <span lang={textLang(offer.task.workOrderTitle, locale)}>{offer.task.workOrderTitle}</span>
          </dd>
        </div>
        {offer.task.estimateMinutes !== null && (
          <div>
            <dt>{t("myDay.offer.estimate")}</dt>
            <dd>{formatMinutes(offer.task.estimateMinutes)}</dd>
          </div>
        )}
        {offer.task.dueAt && (
          <div>
            <dt>{t("myDay.offer.due")}</dt>
            <dd>
              <time dateTime={offer.task.dueAt}>{formatDue(offer.task.dueAt)}</time>
            </dd>
          </div>
        )}
        <div>
          <dt>{t("myDay.offer.answerBy")}</dt>
          <dd>
            <time dateTime={offer.deadlineAt}>{formatDate(offer.deadlineAt, "dateTime")}</time>
          </dd>
        </div>
      </dl>
      {/* the state is a live region of its own: "taken by someone else" is said where it shows */}
      <div role="status" className="md-offer__live">
        {state}
      </div>
      {error && (
        <p className="field__error" role="alert">
          {error}
        </p>
      )}
      {offer.status === "open" && !answeredNo ? (
        <div className="md-offer__actions">
          <button
            type="button"
            className="button button--primary"
            aria-disabled={busy || undefined}
            onClick={() => void answer("accept")}
          >
            {t("myDay.offer.accept")}
            <span className="visually-hidden">
              {" "}
              <span lang={textLang(offer.task.title, locale)}>{offer.task.title}</span>
            </span>
          </button>
          <button
            type="button"
            className="button button--secondary"
            aria-disabled={busy || undefined}
            onClick={() => void answer("decline")}
          >
            {t("myDay.offer.decline")}
            <span className="visually-hidden">
              {" "}
              <span lang={textLang(offer.task.title, locale)}>{offer.task.title}</span>
            </span>
          </button>
        </div>
      ) : (
        <div className="md-offer__actions">
          <button type="button" className="button button--secondary" onClick={onDismiss}>
            {t("myDay.offer.dismiss")}
            <span className="visually-hidden">
              {" "}
              <span lang={textLang(offer.task.title, locale)}>{offer.task.title}</span>
            </span>
          </button>
        </div>
      )}
    </article>
  );
}
