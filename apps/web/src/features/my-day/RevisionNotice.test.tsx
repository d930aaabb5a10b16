// @vitest-environment jsdom
// A client's revision request on My Day (issue 7, item 6): a task whose order was sent back shows
// a labelled notice ("修正のご依頼があります", words and an icon) with who asked, when, and the
// comment in its own language — also for a task already done, until the order is delivered again.
// Arriving live, it is announced once, politely and in full, never again on a replay.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import MyDayPage from "./MyDayPage.tsx";
import { makeUser, renderSignedIn } from "../../test/render.tsx";
import { CREW3, envelope, task } from "../../test/fixtures.ts";
import { setLocale } from "../../i18n/index.ts";
import { setCsrfToken, type Task } from "../../lib/api.ts";
import { applyPreferences, DEFAULT_PREFERENCES } from "../../lib/preferences.ts";
import { Announcer, AnnouncerRegions } from "../../lib/announcer.tsx";
import { useLiveCacheSync } from "../../lib/live.ts";
import { liveClient, type LiveEnvelope } from "../../lib/socket.ts";
import { forgetOwnVersions } from "./actions.ts";
import { clearDrafts } from "./drafts.ts";
import { fakeApi, resetQueue, setOnline } from "./testing.ts";

const user = makeUser({ id: CREW3 });
const me = { id: CREW3, name: "中村 美咲", displayName: "中村 美咲", role: "crew" as const };
const COMMENT = "Rows 14, 37 and 88: the amounts do not match the slips. Please check them again.";
const REQUEST = { comment: COMMENT, requestedAt: "2026-11-24T05:43:00.000Z", requestedBy: "佐藤 美咲" };
const ORDER = { id: "wo-13", number: 13, title: "経費伝票の入力（10月分）", clientCompanyId: "company-a" };

/** Delivers an event as the live client does after the socket hands it over (its private `apply`). */
function deliver(e: LiveEnvelope, replayed = false): void {
  (liveClient as unknown as { apply(e: LiveEnvelope, replayed: boolean): void }).apply(e, replayed);
}

function LiveSync() {
  useLiveCacheSync(CREW3);
  return null;
}

function renderMyDay() {
  const spoken: string[] = [];
  const instance = new Announcer((batch) => batch.map((m) => m.text).join(" "));
  instance.subscribe((text) => spoken.push(text));
  renderSignedIn(
    <AnnouncerRegions instance={instance}>
      <LiveSync />
      <MyDayPage />
    </AnnouncerRegions>,
    { user, path: "/my-day" },
  );
  return { spoken };
}

const card = (title: string) => screen.getByRole("article", { name: title });

describe("My Day: a revision request reaches the crew member", () => {
  beforeEach(async () => {
    setLocale("ja");
    setCsrfToken(undefined);
    setOnline(true);
    applyPreferences(DEFAULT_PREFERENCES);
    forgetOwnVersions();
    clearDrafts();
    await resetQueue(CREW3);
  });
  afterEach(() => vi.unstubAllGlobals());

  it("shows the request with the comment on the task, and on a done task of the order until it is delivered again", async () => {
    fakeApi({
      tasks: [
        task({
          id: "t-fix",
          title: "Slips 61–120",
          status: "doing",
          progress: 100,
          workOrder: ORDER,
          assignee: me,
          allowedTransitions: ["todo", "review", "blocked"],
          revisionRequest: REQUEST,
        }),
        task({
          id: "t-done",
          title: "Slips 1–60",
          status: "done",
          progress: 100,
          workOrder: ORDER,
          assignee: me,
          allowedTransitions: ["doing"],
          revisionRequest: REQUEST,
        }),
        task({ id: "t-other", title: "ほかの作業", status: "todo", assignee: me }),
        task({ id: "t-old", title: "終わった作業", status: "done", assignee: me, allowedTransitions: ["doing"] }),
      ],
    });
    renderMyDay();
    await screen.findAllByTestId("task-card");
    await waitFor(() => expect(screen.getAllByTestId("task-card")).toHaveLength(3));

    const fixing = card("Slips 61–120");
    const notice = within(fixing).getByRole("region", { name: "修正のご依頼があります" });
    // the label is words, its icon is hidden from screen readers
    expect(within(notice).getByText("修正のご依頼があります").querySelector("svg[aria-hidden=true]")).not.toBeNull(); // text and an icon
    expect(within(notice).getByText("佐藤 美咲 さん")).toBeInTheDocument();
    const comment = within(notice).getByText(COMMENT);
    expect(comment).toHaveAttribute("lang", "en");
    expect(within(notice).getByText("お客様のコメント")).toBeInTheDocument();
    expect(notice.querySelector("time")).toHaveAttribute("dateTime", REQUEST.requestedAt);
    // the task still says where it stands: 作業中 100%
    expect(within(fixing).getByText("作業中")).toBeInTheDocument();
    expect(within(fixing).getByText("100%")).toBeInTheDocument();

    // the task already done stays on My Day while the request stands, saying what happens next
    const done = card("Slips 1–60");
    expect(within(done).getByRole("region", { name: "修正のご依頼があります" })).toHaveTextContent(COMMENT);
    expect(within(done).getByText(/管理者が作業中に戻したら、修正を始めてください。/)).toBeInTheDocument();
    // tasks of other orders show no notice; other done tasks stay off the list
    expect(within(card("ほかの作業")).queryByTestId("revision-notice")).toBeNull();
    expect(screen.queryByRole("article", { name: "終わった作業" })).toBeNull();
  });

  it("says it once when it arrives live, in full with the comment, and the notice appears", async () => {
    const before = task({
      id: "t-fix",
      title: "Slips 61–120",
      status: "doing",
      progress: 100,
      version: 7,
      workOrder: ORDER,
      assignee: me,
      allowedTransitions: ["todo", "review", "blocked"],
    });
    const second = task({
      id: "t-fix-2",
      title: "Slips 121–180",
      status: "todo",
      version: 2,
      workOrder: ORDER,
      assignee: me,
    });
    fakeApi({ tasks: [before, second] });
    const { spoken } = renderMyDay();
    await waitFor(() => expect(screen.getAllByTestId("task-card")).toHaveLength(2));
    expect(screen.queryByTestId("revision-notice")).toBeNull();

    const room = `user:${CREW3}-live-${Date.now()}`;
    // what the server sends: each task of the order with the request (same version), and one notification
    for (const t of [before, second])
      deliver(envelope("task:updated", { ...t, revisionRequest: REQUEST } as Task, room));
    deliver(
      envelope(
        "notification:created",
        {
          id: "n-1",
          kind: "work_order.revision_requested",
          data: { workOrderId: ORDER.id, number: 13, title: ORDER.title, comment: COMMENT, requestedBy: "佐藤 美咲" },
          createdAt: REQUEST.requestedAt,
        },
        room,
      ),
    );

    await waitFor(() => expect(screen.getAllByTestId("revision-notice")).toHaveLength(2));
    await waitFor(() => expect(spoken).toHaveLength(1), { timeout: 4000 });
    expect(spoken[0]).toBe(`修正のご依頼があります：依頼 #13「${ORDER.title}」。佐藤 美咲 さんのコメント：${COMMENT}`);

    // a replay after a reconnect is not said again
    deliver(
      envelope(
        "notification:created",
        {
          id: "n-1",
          kind: "work_order.revision_requested",
          data: { number: 13, title: ORDER.title, comment: COMMENT, requestedBy: "佐藤 美咲" },
          createdAt: REQUEST.requestedAt,
        },
        room,
      ),
      true,
    );
    await new Promise((r) => setTimeout(r, 1500));
    expect(spoken).toHaveLength(1);
  });
});
