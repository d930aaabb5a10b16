// My Day (今日の作業), the crew member's home: today's check-in, my tasks (doing first, then
// blocked, to do, review; then by due date) with one tap to start / pause / send for review,
// progress and "I'm blocked" that work offline, and my chat rooms.
//
// Live: the task list is read under queryKeys.tasks.list(…), which lib/live.ts keeps in step
// with the socket (a manager's new task for me appears at once). Others' changes are announced
// politely and batched; the list does not re-sort by itself (task-order.ts), so nothing the user
// is reading or typing in moves. The simpler layout shows one task at a time.
//
// A revision request from the client shows on each task of that order, with the comment, until
// the order is delivered again — done tasks included (a second list: done and revision requested),
// and is said once when it arrives (live-announcements.ts).
import { useEffect, useId, useMemo, useRef, useState } from "react";
import { useQuery, useQueryClient, type UseQueryResult } from "@tanstack/react-query";
import { useI18n } from "../../i18n/index.ts";
import { call, type QueryOf, type Page, type Task } from "../../lib/api.ts";
import { offlineQueue } from "../../lib/outbox.ts";
import { queryKeys, wantsReadings, withReadings } from "../../lib/query-keys.ts";
import { focusModeOf, usePreferences } from "../../lib/preferences.ts";
import { useUser } from "../../app/session.tsx";
import { PageHeading } from "../../ui/PageHeading.tsx";
import { ErrorNotice, LoadingNotice } from "../../ui/Notice.tsx";
import { entriesFor, useQueueEntries } from "./actions.ts";
import { OfferCards } from "./OfferCards.tsx";
import { BreakReminder } from "./BreakReminder.tsx";
import { CheckInSection } from "./CheckInSection.tsx";
import { useTaskAnnouncements } from "./live-announcements.ts";
import { MyMessages } from "./MyMessages.tsx";
import { TaskCard } from "./TaskCard.tsx";
import { useStableOrder } from "./task-order.ts";
import "./my-day.css";
import { Icon } from "../../ui/Icon.tsx";
import { PraiseSection } from "../follow-through/PraiseSection.tsx";

/** Everything assigned to me that is not done (one key: the live layer keeps it current). */
export const MY_TASKS: QueryOf<"listTasks"> = {
  assigneeId: "me",
  status: ["doing", "blocked", "todo", "review"],
  limit: 100,
};
/** My done tasks whose order the client sent back for a revision (until it is delivered again). */
export const MY_REVISED_DONE: QueryOf<"listTasks"> = {
  assigneeId: "me",
  status: ["done"],
  revisionRequested: true,
  limit: 100,
};

export default function MyDayPage() {
  const { t, formatDate } = useI18n();
  const user = useUser();
  const { breakMinutes } = usePreferences();
  const easyRead = wantsReadings(user);
  const myTasks = withReadings(MY_TASKS, easyRead);
  const myRevisedDone = withReadings(MY_REVISED_DONE, easyRead);
  const open = useQuery({
    queryKey: queryKeys.tasks.list(myTasks),
    queryFn: ({ signal }) => call("listTasks", { query: myTasks }, { signal }),
  });
  const revisedDone = useQuery({
    queryKey: queryKeys.tasks.list(myRevisedDone),
    queryFn: ({ signal }) => call("listTasks", { query: myRevisedDone }, { signal }),
  });
  // one list for the screen (the done ones join when they come; a failure there shows nothing extra)
  const items = useMemo(() => {
    if (!open.data) return undefined;
    const seen = new Set(open.data.items.map((x) => x.id));
    return [...open.data.items, ...(revisedDone.data?.items ?? []).filter((x) => !seen.has(x.id))];
  }, [open.data, revisedDone.data]);
  useTaskAnnouncements(items, user.id, t);

  return (
    <section className="page md-page" data-testid="page-my-day">
      <PageHeading title={t("myDay.title")} />
      <p className="md-today">{t("myDay.today", { date: formatDate(Date.now(), "weekdayDate") })}</p>
      <BreakReminder minutes={breakMinutes} />
      <CheckInSection user={user} />
      <OfferCards userId={user.id} />
      <TasksSection userId={user.id} query={open} items={items} />
      <Others userId={user.id} />
    </section>
  );
}

/**
 * The chat links and praise. In focus mode (the simpler layout) they wait behind a disclosure: the
 * help button in the header is the one way to ask for help (issue 9 barrier 10).
 */
function Others({ userId }: { userId: string }) {
  const { t } = useI18n();
  const simpleLayout = focusModeOf(usePreferences());
  if (!simpleLayout)
    return (
      <>
        <MyMessages userId={userId} />
        <PraiseSection />
      </>
    );
  return (
    <details className="md-details md-focus__others" data-testid="focus-others">
      <summary>
        <Icon name="chevronDown" className="md-details__marker" />
        {t("myDay.focus.others")}
      </summary>
      <MyMessages userId={userId} />
      <PraiseSection />
    </details>
  );
}

function TasksSection({
  userId,
  query,
  items,
}: {
  userId: string;
  query: UseQueryResult<Page<Task>>;
  items: Task[] | undefined;
}) {
  const { t, tn } = useI18n();
  const headingId = useId();
  const hintId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  // the focus mode, asked for itself or with easy-read (its layout aids)
  const simpleLayout = focusModeOf(usePreferences());
  const order = useStableOrder(items);
  const entries = useQueueEntries();
  const client = useQueryClient();
  // A change refused after waiting offline was shown ahead of the server: show the real state.
  useEffect(
    () =>
      offlineQueue.onFlushed((report) => {
        if (report.failed > 0) void client.invalidateQueries({ queryKey: queryKeys.tasks.lists() });
      }),
    [client],
  );

  let body;
  if (query.isPending) body = <LoadingNotice />;
  else if (query.isError) body = <ErrorNotice error={query.error} onRetry={() => void query.refetch()} />;
  else if (order.tasks.length === 0) body = <p className="notice notice--info">{t("myDay.tasks.empty")}</p>;
  else if (simpleLayout) body = <OneAtATime order={order} userId={userId} entries={entries} />;
  else {
    body = (
      <ol className="md-task-list">
        {order.tasks.map((task) => (
          <li key={task.id}>
            <TaskCard
              task={task}
              userId={userId}
              entries={entriesFor(entries, task.id)}
              isNew={order.added.has(task.id)}
            />
          </li>
        ))}
      </ol>
    );
  }

  return (
    <section className="md-section md-tasks" aria-labelledby={headingId}>
      <h2 id={headingId} ref={headingRef} tabIndex={-1}>
        {t("myDay.tasks.heading")}
      </h2>
      {query.data && <p className="md-count">{tn("myDay.tasks.count", order.tasks.length)}</p>}
      {order.stale && order.tasks.length > 1 && (
        <div className="md-resort">
          <p id={hintId} className="md-hint">
            {t("myDay.tasks.resortHint")}
          </p>
          <button
            type="button"
            className="button"
            aria-describedby={hintId}
            onClick={() => {
              order.resort();
              // the button goes away with the new order: keep the user at the list's start
              headingRef.current?.focus();
            }}
          >
            {t("myDay.tasks.resort")}
          </button>
        </div>
      )}
      {body}
    </section>
  );
}

/** Simpler layout: the current task alone, with previous / next. */
function OneAtATime({
  order,
  userId,
  entries,
}: {
  order: ReturnType<typeof useStableOrder>;
  userId: string;
  entries: ReturnType<typeof useQueueEntries>;
}) {
  const { t } = useI18n();
  const [currentId, setCurrentId] = useState<string | undefined>();
  const [moved, setMoved] = useState(false);
  const lastIndex = useRef(0);
  const found = order.tasks.findIndex((task) => task.id === currentId);
  // the current task went away (done, reassigned): stay at the same place in the list
  const index = found >= 0 ? found : Math.min(lastIndex.current, order.tasks.length - 1);
  lastIndex.current = index;
  const task = order.tasks[index]!;

  const go = (to: number) => {
    const next = order.tasks[to];
    if (!next) return;
    setCurrentId(next.id);
    setMoved(true);
  };

  return (
    <div className="md-one">
      {order.tasks.length > 1 && (
        <nav className="md-one__nav" aria-label={t("myDay.simple.nav")}>
          <p className="md-one__position" data-testid="simple-position">
            {t("myDay.simple.position", { index: index + 1, total: order.tasks.length })}
          </p>
          {/* only the moves there are: no disabled buttons that look as if they could be pressed */}
          <div className="md-actions">
            {index > 0 && (
              <button type="button" className="button" onClick={() => go(index - 1)}>
                <Icon name="arrowLeft" className="icon--before" />
                {t("myDay.simple.previous")}
              </button>
            )}
            {index < order.tasks.length - 1 && (
              <button type="button" className="button" onClick={() => go(index + 1)}>
                {t("myDay.simple.next")}
                <Icon name="arrowRight" className="icon--after" />
              </button>
            )}
          </div>
        </nav>
      )}
      <TaskCard
        key={task.id}
        task={task}
        userId={userId}
        entries={entriesFor(entries, task.id)}
        isNew={order.added.has(task.id)}
        focusOnMount={moved}
        focusMode
      />
    </div>
  );
}
