// A work order (依頼の詳細), for every role that may see it: the details, its tasks (the server
// decides which: crew see only their own), deliverables (staff and the assigned crew add them;
// staff mark the order delivered), feedback (the client accepts or asks for a revision; everyone
// reads it), and its chat room.
//
// Live: every list here is read through lib/query-keys, so lib/live.ts applies socket events to
// it; this page also announces what changed (politely, batched by the announcer), leaving out
// what the user did themselves. An order that does not exist or is not the user's to see gets
// the server's 404, shown as a plain "not found" that tells nothing about it.
import { useEffect, useRef, useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { Link, useLocation, useNavigate, useParams } from "react-router";
import { useI18n } from "../../i18n/index.ts";
import {
  call,
  ApiError,
  type PersonRef,
  type Task,
  type User,
  type WorkOrder,
  type WorkOrderStatus,
} from "../../lib/api.ts";
import { queryKeys, wantsReadings, withReadings } from "../../lib/query-keys.ts";
import { followsOrdersOneByOne, isClient, isStaff, mayAddDeliverable, rooms } from "@crewboard/domain";
import { useLiveEvent, useTrackRoom } from "../../lib/live.ts";
import { announce } from "../../lib/announcer.tsx";
import { useUser } from "../../app/session.tsx";
import { homePath } from "../../app/paths.ts";
import { PageHeading } from "../../ui/PageHeading.tsx";
import { ErrorNotice, LoadingNotice } from "../../ui/Notice.tsx";
import { WorkOrderStatusBadge } from "../../ui/StatusBadge.tsx";
import { textLang } from "../../ui/lang.ts";
import { labelSeparator, needsClientAction, nextStepKey } from "../client/order-status.ts";
import { OrderDetails } from "./OrderDetails.tsx";
import { OrderTasks } from "./OrderTasks.tsx";
import { AddDeliverableForm, DELIVERABLE_OPEN, DeliverableList, DeliveryControl } from "./Deliverables.tsx";
import { FeedbackHistory, ReviewForm } from "./Feedback.tsx";
import { OrderChat } from "./OrderChat.tsx";
import { NominationPanel } from "./NominationPanel.tsx";
import {
  AskAgainLink,
  NominationAnswer,
  askAgainPerson,
  useNominationAnnouncement,
} from "../client/NominationAnswer.tsx";
import "./forms.css";
import "./work-order.css";
import { Icon } from "../../ui/Icon.tsx";
import { ComplaintForm } from "../follow-through/ComplaintForm.tsx";

/** 404 (and 400 for an id that is not one, 403 to be safe): "not found or not yours", nothing more. */
function isMissing(error: unknown): boolean {
  return error instanceof ApiError && (error.status === 404 || error.status === 400 || error.status === 403);
}

export default function WorkOrderPage() {
  const { t } = useI18n();
  const { id = "" } = useParams();
  const user = useUser();
  const location = useLocation();
  const navigate = useNavigate();
  const [created] = useState(() => Boolean((location.state as { created?: boolean } | null)?.created));

  const order = useQuery({
    queryKey: queryKeys.workOrders.detail(id),
    queryFn: ({ signal }) => call("getWorkOrder", { params: { id } }, { signal }),
    retry: (failures, error) => !isMissing(error) && error instanceof ApiError && error.isRetryable && failures < 2,
  });
  // Crew follow an order through its room; staff hear of it on the board and clients in their
  // company's room, so only crew track it here.
  useTrackRoom(order.data && followsOrdersOneByOne(user) ? rooms.workOrder(order.data.id) : undefined);

  useEffect(() => {
    if (!created) return;
    announce(t("workOrder.created"), { important: true });
    // a reload should not confirm again
    navigate({ pathname: location.pathname, hash: location.hash }, { replace: true, state: null });
  }, []); // eslint-disable-line react-hooks/exhaustive-deps -- once, on arrival from the new-order form

  if (!order.data && isMissing(order.error)) return <NotFound user={user} />;

  return (
    <section className="page work-order" data-testid="page-work-order">
      <PageHeading
        title={order.data ? t("workOrder.titleWithNumber", { number: order.data.number }) : t("workOrder.title")}
      />
      {created && (
        <p className="notice notice--ok" data-testid="work-order-created">
          <Icon name="check" className="notice__icon" />
          {t("workOrder.created")}
        </p>
      )}
      {order.isPending && <LoadingNotice />}
      {!order.data && order.isError && <ErrorNotice error={order.error} onRetry={() => void order.refetch()} />}
      {order.data && <OrderBody order={order.data} user={user} />}
    </section>
  );
}

function NotFound({ user }: { user: User }) {
  const { t } = useI18n();
  return (
    <section className="page work-order" data-testid="page-work-order-not-found">
      <PageHeading title={t("workOrder.notFound.title")} />
      <p>{t("workOrder.notFound.body")}</p>
      <p>
        <Link to={homePath(user.role)}>{t("notFound.home")}</Link>
      </p>
    </section>
  );
}

function OrderBody({ order, user }: { order: WorkOrder; user: User }) {
  const { t, locale } = useI18n();
  const location = useLocation();
  const staff = isStaff(user);
  const client = isClient(user);

  const orderTasks = withReadings({ workOrderId: order.id }, wantsReadings(user));
  const tasks = useQuery({
    queryKey: queryKeys.tasks.list(orderTasks),
    queryFn: ({ signal }) => call("listTasks", { query: { ...orderTasks, limit: 100 } }, { signal }),
  });
  const deliverables = useQuery({
    queryKey: queryKeys.workOrders.deliverables(order.id),
    queryFn: ({ signal }) => call("listDeliverables", { params: { id: order.id } }, { signal }),
  });
  const feedback = useQuery({
    queryKey: queryKeys.workOrders.feedback(order.id),
    queryFn: ({ signal }) => call("listFeedback", { params: { id: order.id } }, { signal }),
  });

  // 「また頼む」: from a completed order, the person the nomination's answer named and who did the tasks
  const askAgain: PersonRef[] = [];
  if (client && order.status === "completed") {
    const named = askAgainPerson(order);
    for (const person of [named, ...(tasks.data?.items ?? []).map((task) => task.assignee)])
      if (person && !askAgain.some((p) => p.id === person.id)) askAgain.push(person);
  }
  useNominationAnnouncement(client ? order.id : "none");

  // What the user did here themselves is said by the form; the live echo is not announced again.
  const [deliveryMessage, setDeliveryMessage] = useState("");
  const [reviewMessage, setReviewMessage] = useState("");
  const expected = useRef<WorkOrderStatus | undefined>(undefined);
  const shownStatus = useRef(order.status);
  shownStatus.current = order.status;
  const shownTasks = useRef(new Map<string, Pick<Task, "status" | "progress">>());
  shownTasks.current = new Map(
    (tasks.data?.items ?? []).map((task) => [task.id, { status: task.status, progress: task.progress }]),
  );

  useLiveEvent(["work_order:updated"], (event, { replayed }) => {
    const updated = event.data;
    if (replayed || updated.id !== order.id || updated.status === shownStatus.current) return;
    if (expected.current === updated.status) {
      expected.current = undefined;
      return;
    }
    announce(t("workOrder.announce.status", { status: t(`workOrderStatus.${updated.status}`) }), {
      group: "workOrders",
      important:
        updated.status === "delivered" || updated.status === "revision_requested" || updated.status === "declined",
    });
  });
  useLiveEvent(["task:created", "task:updated", "progress:created"], (event, { replayed }) => {
    const task = event.event === "progress:created" ? event.data.task : event.data;
    if (replayed || task.workOrder.id !== order.id) return;
    const before = shownTasks.current.get(task.id);
    if (before && before.status === task.status && before.progress === task.progress) return;
    if (task.status === "blocked" && before?.status !== "blocked") {
      announce(t("workOrder.announce.taskBlocked", { title: task.title, reason: task.blockedReason ?? "" }), {
        group: "tasks",
        important: true,
      });
      return;
    }
    announce(
      t("workOrder.announce.task", {
        title: task.title,
        status: t(`taskStatus.${task.status}`),
        percent: task.progress,
      }),
      {
        group: event.event === "progress:created" ? "progress" : "tasks",
      },
    );
  });
  useLiveEvent(["deliverable:created", "feedback:created"], (event, { replayed }) => {
    if (replayed || event.data.workOrderId !== order.id) return;
    if (event.event === "deliverable:created") {
      if (event.data.uploadedBy.id !== user.id)
        announce(t("workOrder.announce.deliverable", { title: event.data.title }), { group: "updates" });
    } else if (event.data.author.id !== user.id) {
      announce(t("workOrder.announce.feedback", { verdict: t(`workOrder.verdict.${event.data.verdict}`) }), {
        group: "updates",
      });
    }
  });

  // Arriving from the portal's "Review the delivery": go to the review form once it is there.
  const reviewFocused = useRef(false);
  const showReview = client && order.status === "delivered";
  useEffect(() => {
    if (location.hash !== "#review" || reviewFocused.current || !showReview) return;
    reviewFocused.current = true;
    const heading = document.getElementById("review");
    heading?.focus();
    heading?.scrollIntoView({ block: "start" });
  }, [location.hash, showReview]);

  const canAddDeliverable = mayAddDeliverable(user) && DELIVERABLE_OPEN.includes(order.status);

  return (
    <>
      <p className="lead" lang={textLang(order.title, locale)}>
        {order.title}
      </p>
      <div className="wo-summary">
        <WorkOrderStatusBadge status={order.status} />
        {client && (
          <p
            className={needsClientAction(order) ? "wo-summary__next wo-summary__next--action" : "wo-summary__next"}
            data-testid="wo-next-step"
          >
            <strong>
              {t("workOrder.nextStep")}
              {labelSeparator(locale)}
            </strong>
            {t(nextStepKey(order))}
            {showReview && (
              <>
                {" "}
                <a href="#review">{t("client.order.review")}</a>
              </>
            )}
          </p>
        )}
      </div>

      <nav className="wo-contents" aria-label={t("workOrder.contents")}>
        <ul>
          <li>
            <a href="#wo-details">{t("workOrder.details")}</a>
          </li>
          <li>
            <a href="#wo-tasks">{t("workOrder.tasks")}</a>
          </li>
          <li>
            <a href="#wo-deliverables">{t("workOrder.deliverables")}</a>
          </li>
          <li>
            <a href="#wo-feedback">{t("workOrder.feedback")}</a>
          </li>
          <li>
            <a href="#wo-chat">{t("workOrder.chat")}</a>
          </li>
        </ul>
      </nav>

      <section className="wo-section" aria-labelledby="wo-details">
        <h2 id="wo-details" tabIndex={-1}>
          {t("workOrder.details")}
        </h2>
        <OrderDetails order={order} user={user} />
        {staff && <NominationPanel order={order} />}
        {askAgain.length > 0 && (
          <ul className="wo-ask-again">
            {askAgain.map((person) => (
              <li key={person.id}>
                <AskAgainLink person={person} orderNumber={order.number} />
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="wo-section" aria-labelledby="wo-tasks">
        <h2 id="wo-tasks" tabIndex={-1}>
          {t("workOrder.tasks")}
        </h2>
        <OrderTasks tasks={tasks} user={user} />
      </section>

      <section className="wo-section" aria-labelledby="wo-deliverables">
        <h2 id="wo-deliverables" tabIndex={-1}>
          {t("workOrder.deliverables")}
        </h2>
        <DeliverableList deliverables={deliverables} showRelease={!client} />
        {canAddDeliverable && (
          <AddDeliverableForm
            order={order}
            onAdded={(d) => setDeliveryMessage(t("workOrder.deliverable.added", { title: d.title }))}
          />
        )}
        {staff && (
          <DeliveryControl
            order={order}
            deliverableCount={deliverables.data?.items.length ?? 0}
            onChanged={setDeliveryMessage}
            expectStatus={(status) => (expected.current = status)}
          />
        )}
        {/* what the user just did here (a status next to it; the announcer is for others' changes) */}
        <p className="form__status" role="status" data-testid="wo-delivery-status">
          {deliveryMessage}
        </p>
      </section>

      <section className="wo-section" aria-labelledby="wo-feedback">
        <h2 id="wo-feedback" tabIndex={-1}>
          {t("workOrder.feedback")}
        </h2>
        {showReview && (
          <ReviewForm
            order={order}
            onSent={(f) => {
              expected.current = f.verdict === "accept" ? "completed" : "revision_requested";
              setReviewMessage(
                f.verdict === "accept" ? t("workOrder.review.accepted") : t("workOrder.review.revisionSent"),
              );
            }}
          />
        )}
        <p className="form__status" role="status" data-testid="wo-review-status">
          {reviewMessage}
        </p>
        <FeedbackHistory feedback={feedback} deliverables={deliverables.data?.items} />
      </section>

      <section className="wo-section" aria-labelledby="wo-chat">
        <h2 id="wo-chat" tabIndex={-1}>
          {t("workOrder.chat")}
        </h2>
        <OrderChat
          workOrderId={order.id}
          forClient={client}
          pinned={order.nominationAnswer ? <NominationAnswer order={order} testId="wo-chat-nomination" /> : undefined}
        />
      </section>

      {/* issue 11: 「ご意見・ご不満」 on any order */}
      {client && <ComplaintForm workOrderId={order.id} />}
    </>
  );
}
