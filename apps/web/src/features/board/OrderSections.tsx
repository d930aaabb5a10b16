// The top of the board: orders waiting to be accepted (with their nomination), accepted with a
// reason to decline, and the orders in progress, each of which can be split into tasks.
import { TEXT_LIMITS } from "@crewboard/domain";
import { useId, useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { Link } from "react-router";
import { useI18n } from "../../i18n/index.ts";
import { call, ApiError, type Presence, type WorkOrder } from "../../lib/api.ts";
import { applyWorkOrder } from "../../lib/live.ts";
import { paths } from "../../app/paths.ts";
import { WorkOrderStatusBadge } from "../../ui/StatusBadge.tsx";
import { ErrorNotice, LoadingNotice } from "../../ui/Notice.tsx";
import { errorMessage } from "../../ui/errors.ts";
import { textLang } from "../../ui/lang.ts";
import { clampPercent } from "../client/order-status.ts";
import { orderProgressText } from "../work-orders/order-progress.ts";
import { PersonStatus } from "./BoardLists.tsx";
import { ReasonDialog } from "./ReasonDialog.tsx";
import { useOpenOrders, useRequestedOrders } from "./board-queries.ts";
import { boardHeadingIds } from "./board-model.ts";
import { Icon } from "../../ui/Icon.tsx";

function companyName(order: WorkOrder, locale: "ja" | "en"): string {
  return locale === "en" && order.clientCompany.nameEn ? order.clientCompany.nameEn : order.clientCompany.name;
}

function Priority({ order }: { order: WorkOrder }) {
  const { t } = useI18n();
  if (order.priority !== "urgent") return null;
  return (
    <span className="priority priority--urgent">
      <Icon name="urgent" className="icon--before" />
      {t("priority.urgent")}
    </span>
  );
}

const SPLIT_BUTTON_PATIENCE_MS = 3000;

export function focusOrderSplitButton(orderId: string): void {
  // The accepted order's button appears once the open orders have re-rendered, which on a busy
  // machine can be frames after the accept: asked again each frame for a while, so that focus does
  // not fall to the page when the accept button it was on goes away.
  const until = performance.now() + SPLIT_BUTTON_PATIENCE_MS;
  const attempt = () => {
    const button = document.querySelector<HTMLElement>(`[data-order-id="${CSS.escape(orderId)}"] [data-split-button]`);
    if (button) button.focus();
    else if (performance.now() < until) requestAnimationFrame(attempt);
  };
  requestAnimationFrame(attempt);
}

export function RequestedOrders({
  presence,
  onAccepted,
}: {
  presence: Map<string, Presence>;
  onAccepted: (order: WorkOrder) => void;
}) {
  const { t, locale, formatDue } = useI18n();
  const headingId = boardHeadingIds.requested; // a jump target (BoardPage)
  const queryClient = useQueryClient();
  const { query, orders } = useRequestedOrders();
  const [status, setStatus] = useState("");
  const [busyId, setBusyId] = useState<string | undefined>();
  const [declining, setDeclining] = useState<WorkOrder | undefined>();

  function refused(order: WorkOrder, error: unknown): string {
    if (error instanceof ApiError && error.code === "work_order.version_conflict") {
      const current = error.current<WorkOrder>();
      if (current) applyWorkOrder(queryClient, current);
      return t("board.order.changed", { number: order.number });
    }
    return errorMessage(error, t);
  }

  async function accept(order: WorkOrder) {
    if (busyId) return;
    setBusyId(order.id);
    setStatus("");
    try {
      const saved = await call("updateWorkOrder", {
        params: { id: order.id },
        body: { version: order.version, status: "accepted" },
      });
      applyWorkOrder(queryClient, saved);
      setStatus(t("board.order.accepted", { number: order.number }));
      onAccepted(saved);
    } catch (error) {
      setStatus(refused(order, error));
    } finally {
      setBusyId(undefined);
    }
  }

  async function decline(order: WorkOrder, reason: string): Promise<string | void> {
    try {
      const saved = await call("updateWorkOrder", {
        params: { id: order.id },
        body: { version: order.version, status: "declined", declineReason: reason },
      });
      applyWorkOrder(queryClient, saved);
      setDeclining(undefined);
      setStatus(t("board.order.declined", { number: order.number }));
      requestAnimationFrame(() => document.getElementById(headingId)?.focus());
    } catch (error) {
      return refused(order, error);
    }
  }

  return (
    <section className="board-section board-requested" aria-labelledby={headingId} data-testid="requested-orders">
      <h2 id={headingId} tabIndex={-1}>
        {t("board.requested.title")} <span className="board-count">{orders.length}</span>
      </h2>
      <p className="form__status" role="status">
        {status}
      </p>
      {query.isPending ? (
        <LoadingNotice />
      ) : !query.data ? (
        <ErrorNotice error={query.error} onRetry={() => void query.refetch()} />
      ) : orders.length === 0 ? (
        <p className="board-muted">{t("board.requested.empty")}</p>
      ) : (
        <ul className="board-orders">
          {orders.map((order) => (
            <li key={order.id}>
              <RequestedOrder
                order={order}
                presence={order.nominatedCrew ? presence.get(order.nominatedCrew.id) : undefined}
                busy={busyId === order.id}
                onAccept={() => void accept(order)}
                onDecline={() => setDeclining(order)}
                company={companyName(order, locale)}
                due={formatDue(order.dueAt)}
              />
            </li>
          ))}
        </ul>
      )}
      <ReasonDialog
        isOpen={declining !== undefined}
        title={declining ? t("board.decline.title", { number: declining.number }) : ""}
        intro={t("board.decline.intro")}
        label={t("board.decline.reason")}
        maxLength={TEXT_LIMITS.declineReason}
        requiredMessage={t("board.decline.reasonRequired")}
        submitLabel={t("board.decline.submit")}
        testId="decline-dialog"
        onClose={() => setDeclining(undefined)}
        onSubmit={(reason) => (declining ? decline(declining, reason) : undefined)}
      />
    </section>
  );
}

function RequestedOrder({
  order,
  presence,
  busy,
  onAccept,
  onDecline,
  company,
  due,
}: {
  order: WorkOrder;
  presence: Presence | undefined;
  busy: boolean;
  onAccept: () => void;
  onDecline: () => void;
  company: string;
  due: string;
}) {
  const { t, locale } = useI18n();
  const titleId = useId();
  return (
    <article className="board-order" aria-labelledby={titleId} data-order-id={order.id}>
      <p className="board-order__number">
        {t("board.order.number", { number: order.number })} <Priority order={order} />
      </p>
      <h3 id={titleId} className="board-order__title">
        <Link to={paths.workOrder(order.id)} lang={textLang(order.title, locale)}>
          {order.title}
        </Link>
      </h3>
      <ul className="board-order__meta">
        <li lang={textLang(company, locale)}>{t("board.order.client", { name: company })}</li>
        <li lang={textLang(order.createdBy.name, locale)}>
          {t("board.order.createdBy", { name: order.createdBy.name })}
        </li>
        <li>
          <time dateTime={order.dueAt}>{t("board.order.due", { due })}</time>
        </li>
        <li className="board-order__nomination">
          {order.nominatedCrew ? (
            <>
              <Icon name="star" className="icon--before" />
              <span lang={textLang(order.nominatedCrew.name, locale)}>
                {t("board.order.nominated", { name: order.nominatedCrew.name })}
              </span>{" "}
              <PersonStatus presence={presence} />
            </>
          ) : (
            <span className="board-muted">{t("board.order.noNomination")}</span>
          )}
        </li>
        {order.nominatedCrew && order.nominationNote && (
          <li className="board-order__note">
            {t("board.order.nominationNote")}{" "}
            <q lang={textLang(order.nominationNote, locale)}>{order.nominationNote}</q>
          </li>
        )}
      </ul>
      <div className="board-form__actions">
        <button type="button" className="button button--primary" onClick={onAccept} aria-disabled={busy || undefined}>
          {busy ? t("board.saving") : t("board.order.accept")}
          <ForOrder title={order.title} />
        </button>
        <button type="button" className="button button--secondary" onClick={onDecline}>
          {t("board.order.decline")}
          <ForOrder title={order.title} />
        </button>
      </div>
    </article>
  );
}

export function OpenOrders({ onSplit }: { onSplit: (order: WorkOrder) => void }) {
  const i18n = useI18n();
  const { t, locale, formatDue } = i18n;
  const headingId = boardHeadingIds.openOrders; // a jump target (BoardPage)
  const { query, orders } = useOpenOrders();
  return (
    <section className="board-section board-open-orders" aria-labelledby={headingId} data-testid="open-orders">
      <h2 id={headingId} tabIndex={-1}>
        {t("board.orders.title")} <span className="board-count">{orders.length}</span>
      </h2>
      {query.isPending ? (
        <LoadingNotice />
      ) : !query.data ? (
        <ErrorNotice error={query.error} onRetry={() => void query.refetch()} />
      ) : orders.length === 0 ? (
        <p className="board-muted">{t("board.orders.empty")}</p>
      ) : (
        <ul className="board-orders board-orders--compact">
          {orders.map((order) => {
            const company = companyName(order, locale);
            const titleId = `${headingId}-${order.id}`;
            return (
              <li key={order.id}>
                <article
                  className="board-order board-order--compact"
                  aria-labelledby={titleId}
                  data-order-id={order.id}
                >
                  <p className="board-order__number">
                    {t("board.order.number", { number: order.number })} <WorkOrderStatusBadge status={order.status} />{" "}
                    <Priority order={order} />
                  </p>
                  <h3 id={titleId} className="board-order__title">
                    <Link to={paths.workOrder(order.id)} lang={textLang(order.title, locale)}>
                      {order.title}
                    </Link>
                  </h3>
                  <ul className="board-order__meta">
                    <li lang={textLang(company, locale)}>{t("board.order.client", { name: company })}</li>
                    <li>
                      <time dateTime={order.dueAt}>{t("board.order.due", { due: formatDue(order.dueAt) })}</time>
                    </li>
                    {/* worded for the status: a delivered order is never "in progress" */}
                    <li>{orderProgressText(order, i18n, clampPercent(order.progress))}</li>
                  </ul>
                  {order.status !== "delivered" && (
                    <div className="board-form__actions">
                      <button
                        type="button"
                        className="button button--secondary"
                        data-split-button=""
                        onClick={() => onSplit(order)}
                      >
                        {t("board.orders.split")}
                        <ForOrder title={order.title} />
                      </button>
                    </div>
                  )}
                </article>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

/**
 * The order's title after a button's label, for screen readers (issue 9 barrier 8): every order
 * has the same buttons, so each is named with its order, as My Day does: 「受け付ける（伝票 1〜60 の入力）」.
 */
function ForOrder({ title }: { title: string }) {
  const { t, locale } = useI18n();
  return (
    <span className="visually-hidden" lang={textLang(title, locale)}>
      {t("board.paren", { text: title })}
    </span>
  );
}
