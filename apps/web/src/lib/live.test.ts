// Realtime events → React Query caches (lib/live.ts).
import { describe, expect, it, vi } from "vitest";
import type { InfiniteData } from "@tanstack/react-query";
import { applyLiveEvent, resetRoom } from "./live.ts";
import { queryKeys } from "./query-keys.ts";
import type { Deliverable, Feedback, Message, Page, ProgressUpdate, Task, WorkOrder } from "./api.ts";
import { CREW3, CREW5, envelope, message, progressUpdate, task, urgentOffer, workOrder } from "../test/fixtures.ts";
import { testQueryClient } from "../test/query-client.ts";

const context = { userId: CREW3 };
const page = <T>(items: T[]): Page<T> => ({ items, nextCursor: null });

describe("live cache updates", () => {
  it("replaces an updated task by id in every cached list and in its detail", () => {
    const client = testQueryClient();
    const original = task({ status: "todo", version: 1 });
    client.setQueryData(queryKeys.tasks.list({ assigneeId: "me" }), page([original, task({ id: "task-2" })]));
    client.setQueryData(queryKeys.tasks.list({ workOrderId: "wo-1" }), page([original]));
    client.setQueryData(queryKeys.tasks.detail("task-1"), original);

    const started = task({ status: "doing", version: 2, progress: 10 });
    applyLiveEvent(client, envelope("task:updated", started), context);

    expect(
      client.getQueryData<Page<Task>>(queryKeys.tasks.list({ assigneeId: "me" }))!.items.map((t) => [t.id, t.status]),
    ).toEqual([
      ["task-1", "doing"],
      ["task-2", "todo"],
    ]);
    expect(client.getQueryData<Page<Task>>(queryKeys.tasks.list({ workOrderId: "wo-1" }))!.items[0]!.version).toBe(2);
    expect(client.getQueryData<Task>(queryKeys.tasks.detail("task-1"))!.status).toBe("doing");
  });

  it("moves a task between lists filtered by status (a board's columns)", () => {
    const client = testQueryClient();
    const t1 = task({ status: "doing", version: 2 });
    client.setQueryData(queryKeys.tasks.list({ status: ["doing"] }), page([t1]));
    client.setQueryData(queryKeys.tasks.list({ status: ["blocked"] }), page<Task>([]));
    client.setQueryData(queryKeys.tasks.list({ blocked: true }), page<Task>([]));

    const blocked = task({ status: "blocked", version: 3, blockedReason: "two slips unreadable" });
    applyLiveEvent(client, envelope("task:updated", blocked), context);

    expect(client.getQueryData<Page<Task>>(queryKeys.tasks.list({ status: ["doing"] }))!.items).toEqual([]);
    expect(client.getQueryData<Page<Task>>(queryKeys.tasks.list({ status: ["blocked"] }))!.items).toEqual([blocked]);
    expect(client.getQueryData<Page<Task>>(queryKeys.tasks.list({ blocked: true }))!.items).toEqual([blocked]);
  });

  it("adds a created task to the lists it belongs in only (newest first)", () => {
    const client = testQueryClient();
    const older = task({ id: "task-0" });
    client.setQueryData(queryKeys.tasks.list({ assigneeId: "me" }), page([older]));
    client.setQueryData(queryKeys.tasks.list({ assigneeId: CREW5 }), page<Task>([]));

    const mine = task({
      id: "task-new",
      assignee: { id: CREW3, name: "中村 美咲", displayName: "中村 美咲", role: "crew" },
    });
    applyLiveEvent(client, envelope("task:created", mine), context);

    expect(client.getQueryData<Page<Task>>(queryKeys.tasks.list({ assigneeId: "me" }))!.items.map((t) => t.id)).toEqual(
      ["task-new", "task-0"],
    );
    expect(client.getQueryData<Page<Task>>(queryKeys.tasks.list({ assigneeId: CREW5 }))!.items).toEqual([]);
    // a detail that was never fetched is not invented
    expect(client.getQueryData(queryKeys.tasks.detail("task-new"))).toBeUndefined();
  });

  it("never lets an older version overwrite a newer one (replayed events)", () => {
    const client = testQueryClient();
    const current = task({ status: "review", version: 5 });
    client.setQueryData(queryKeys.tasks.list({}), page([current]));
    client.setQueryData(queryKeys.tasks.detail("task-1"), current);
    applyLiveEvent(client, envelope("task:updated", task({ status: "doing", version: 4 })), context);
    expect(client.getQueryData<Page<Task>>(queryKeys.tasks.list({}))!.items[0]!.status).toBe("review");
    expect(client.getQueryData<Task>(queryKeys.tasks.detail("task-1"))!.version).toBe(5);
  });

  it("removes a task on task:removed and refetches its detail", () => {
    const client = testQueryClient();
    client.setQueryData(queryKeys.tasks.list({ assigneeId: "me" }), page([task(), task({ id: "task-2" })]));
    client.setQueryData(queryKeys.tasks.detail("task-1"), task());
    const invalidate = vi.spyOn(client, "invalidateQueries");
    applyLiveEvent(client, envelope("task:removed", { taskId: "task-1", workOrderId: "wo-1" }, "user:x"), context);
    expect(client.getQueryData<Page<Task>>(queryKeys.tasks.list({ assigneeId: "me" }))!.items.map((t) => t.id)).toEqual(
      ["task-2"],
    );
    expect(invalidate).toHaveBeenCalledWith({ queryKey: queryKeys.tasks.detail("task-1") });
  });

  it("a notification about an accommodation refetches the accommodations shown (issue 12), nothing else of health", () => {
    const client = testQueryClient();
    const invalidate = vi.spyOn(client, "invalidateQueries");
    const notification = (kind: string) =>
      envelope(
        "notification:created",
        { id: `n-${kind}`, kind, data: {}, createdAt: new Date().toISOString() },
        "user:x",
      );
    applyLiveEvent(client, notification("accommodation.updated"), context);
    expect(invalidate).toHaveBeenCalledWith({ queryKey: queryKeys.accommodations.all() });
    invalidate.mockClear();
    applyLiveEvent(client, notification("task.assigned"), context);
    expect(invalidate).not.toHaveBeenCalledWith({ queryKey: queryKeys.accommodations.all() });
  });

  it("urgent offers (issue 10): a new one joins the open lists; taken, it leaves them and replaces the copy elsewhere", () => {
    const client = testQueryClient();
    client.setQueryData(queryKeys.urgentOffers.list({ status: ["open"] }), { items: [] });
    client.setQueryData(queryKeys.urgentOffers.list({}), { items: [] });
    client.setQueryData(queryKeys.urgentOffers.list({ taskId: "task-other" }), { items: [] });
    const open = urgentOffer();
    applyLiveEvent(client, envelope("urgent_offer:created", open), context);
    const ids = (params: object) =>
      client.getQueryData<{ items: { id: string; status: string }[] }>(["urgent-offers", "list", params])!.items;
    expect(ids({ status: ["open"] }).map((o) => o.id)).toEqual(["offer-1"]);
    expect(ids({}).map((o) => o.id)).toEqual(["offer-1"]);
    expect(ids({ taskId: "task-other" })).toEqual([]);

    const taken = urgentOffer({ status: "taken", version: 2, updatedAt: "2026-11-24T01:31:00.000Z" });
    applyLiveEvent(client, envelope("urgent_offer:updated", taken), context);
    expect(ids({ status: ["open"] })).toEqual([]);
    expect(ids({})[0]!.status).toBe("taken");
    // an older copy arriving late changes nothing
    applyLiveEvent(client, envelope("urgent_offer:updated", open), context);
    expect(ids({})[0]!.status).toBe("taken");
  });

  it("a nomination's answer (issue 10) replaces the order in the client's list and its detail at once", () => {
    const client = testQueryClient();
    const nominated = workOrder({ nominatedCrew: { id: CREW3, name: "小林 彩香", displayName: "小林", role: "crew" } });
    client.setQueryData(queryKeys.workOrders.list({}), page([nominated]));
    client.setQueryData(queryKeys.workOrders.detail("wo-1"), nominated);
    const answered = workOrder({
      ...nominated,
      version: 2,
      updatedAt: "2026-11-24T00:30:00.000Z",
      nominationAnswer: {
        answer: "declined",
        reason: "今週は別の急ぎの仕事があります。",
        alternative: { id: CREW5, name: "吉田 陽子", displayName: "吉田", role: "crew" },
        answeredAt: "2026-11-24T00:30:00.000Z",
      },
    });
    applyLiveEvent(client, envelope("work_order:nomination_answered", answered), context);
    expect(client.getQueryData<Page<WorkOrder>>(queryKeys.workOrders.list({}))!.items[0]!.nominationAnswer).toEqual(
      answered.nominationAnswer,
    );
    expect(client.getQueryData<WorkOrder>(queryKeys.workOrders.detail("wo-1"))!.nominationAnswer?.answer).toBe(
      "declined",
    );
  });

  it("updates work orders in lists (also paged with useInfiniteQuery) and details", () => {
    const client = testQueryClient();
    const requested = workOrder();
    const infinite: InfiniteData<Page<WorkOrder>> = {
      pages: [page([workOrder({ id: "wo-3" })]), page([requested])],
      pageParams: [undefined, "cursor-1"],
    };
    client.setQueryData(queryKeys.workOrders.list({}), infinite);
    client.setQueryData(queryKeys.workOrders.list({ status: ["requested"] }), page([requested]));
    client.setQueryData(queryKeys.workOrders.detail("wo-1"), requested);

    const accepted = workOrder({ status: "accepted", version: 2, updatedAt: "2026-11-24T00:20:00.000Z" });
    applyLiveEvent(client, envelope("work_order:updated", accepted), context);

    const all = client.getQueryData<InfiniteData<Page<WorkOrder>>>(queryKeys.workOrders.list({}))!;
    expect(all.pages[1]!.items[0]!.status).toBe("accepted");
    expect(all.pages[0]!.items.map((o) => o.id)).toEqual(["wo-3"]);
    expect(client.getQueryData<Page<WorkOrder>>(queryKeys.workOrders.list({ status: ["requested"] }))!.items).toEqual(
      [],
    );
    expect(client.getQueryData<WorkOrder>(queryKeys.workOrders.detail("wo-1"))!.status).toBe("accepted");

    const created = workOrder({ id: "wo-new", number: 13 });
    applyLiveEvent(client, envelope("work_order:created", created), context);
    const after = client.getQueryData<InfiniteData<Page<WorkOrder>>>(queryKeys.workOrders.list({}))!;
    expect(after.pages[0]!.items.map((o) => o.id)).toEqual(["wo-new", "wo-3"]);
    expect(
      client
        .getQueryData<Page<WorkOrder>>(queryKeys.workOrders.list({ status: ["requested"] }))!
        .items.map((o) => o.id),
    ).toEqual(["wo-new"]);
  });

  it("adds a created order to a searched list only when the server's search finds it: the whole phrase, ignoring case", () => {
    const client = testQueryClient();
    client.setQueryData(queryKeys.workOrders.list({ q: "monthly REPORT" }), page<WorkOrder>([]));
    client.setQueryData(queryKeys.workOrders.list({ q: "report monthly" }), page<WorkOrder>([]));
    client.setQueryData(queryKeys.workOrders.list({ q: "50%" }), page<WorkOrder>([]));

    applyLiveEvent(
      client,
      envelope("work_order:created", workOrder({ id: "wo-new", title: "Monthly report, 50 pages" })),
      context,
    );

    const ids = (q: string) =>
      client.getQueryData<Page<WorkOrder>>(queryKeys.workOrders.list({ q }))!.items.map((o) => o.id);
    expect(ids("monthly REPORT")).toEqual(["wo-new"]);
    // the same words in another order are not the phrase the server looks for
    expect(ids("report monthly")).toEqual([]);
    // % is a letter, not a wildcard
    expect(ids("50%")).toEqual([]);
  });

  it("keeps a task due exactly at a list's dueBefore in it (<=, as the server)", () => {
    const client = testQueryClient();
    const dueBefore = "2026-11-25T08:00:00.000Z";
    client.setQueryData(queryKeys.tasks.list({ dueBefore }), page<Task>([]));
    client.setQueryData(queryKeys.tasks.list({ dueBefore: "2026-11-25T07:59:00.000Z" }), page<Task>([]));

    applyLiveEvent(client, envelope("task:created", task({ id: "task-due", dueAt: dueBefore })), context);

    expect(client.getQueryData<Page<Task>>(queryKeys.tasks.list({ dueBefore }))!.items.map((t) => t.id)).toEqual([
      "task-due",
    ]);
    expect(
      client.getQueryData<Page<Task>>(queryKeys.tasks.list({ dueBefore: "2026-11-25T07:59:00.000Z" }))!.items,
    ).toEqual([]);
  });

  it("progress:created updates the task and prepends to its history", () => {
    const client = testQueryClient();
    client.setQueryData(queryKeys.tasks.list({ assigneeId: "me" }), page([task({ status: "doing", version: 2 })]));
    client.setQueryData(queryKeys.tasks.progress("task-1"), page([progressUpdate({ id: "pu-0", percent: 10 })]));
    const update = progressUpdate({ id: "pu-1", percent: 33 });
    applyLiveEvent(
      client,
      envelope("progress:created", {
        progressUpdate: update,
        task: task({ status: "doing", version: 3, progress: 33 }),
      }),
      context,
    );
    expect(client.getQueryData<Page<Task>>(queryKeys.tasks.list({ assigneeId: "me" }))!.items[0]!.progress).toBe(33);
    expect(
      client.getQueryData<Page<ProgressUpdate>>(queryKeys.tasks.progress("task-1"))!.items.map((p) => p.id),
    ).toEqual(["pu-1", "pu-0"]);
  });

  it("deliverable:released marks a staff member's cached deliverable as shown, and brings it to a client's list", () => {
    const unreleased: Deliverable = {
      id: "d-1",
      workOrderId: "wo-1",
      title: "入力済みシート",
      note: "",
      url: "https://files.example/sheet.xlsx",
      fileName: null,
      contentType: null,
      sizeBytes: null,
      downloadUrl: null,
      uploadedBy: { id: CREW5, name: "吉田 陽子", displayName: "吉田 陽子", role: "crew" },
      createdAt: "2026-11-20T01:00:00.000Z",
      releasedAt: null,
    };
    const released = { ...unreleased, releasedAt: "2026-11-20T05:00:00.000Z" };
    const staff = testQueryClient();
    staff.setQueryData(queryKeys.workOrders.deliverables("wo-1"), { items: [unreleased] });
    applyLiveEvent(staff, envelope("deliverable:released", released), context);
    expect(staff.getQueryData<{ items: Deliverable[] }>(queryKeys.workOrders.deliverables("wo-1"))!.items).toEqual([
      released,
    ]);

    const client = testQueryClient();
    client.setQueryData(queryKeys.workOrders.deliverables("wo-1"), { items: [] });
    applyLiveEvent(client, envelope("deliverable:released", released), context);
    expect(client.getQueryData<{ items: Deliverable[] }>(queryKeys.workOrders.deliverables("wo-1"))!.items).toEqual([
      released,
    ]);
  });

  it("puts a message into its room, replacing the sender's pending copy with the same clientKey", () => {
    const client = testQueryClient();
    const pending = message({ id: "temp-1", clientKey: "key-1", body: "hello" });
    client.setQueryData(queryKeys.chat.messages("room-1"), page([pending, message({ id: "m-0" })]));
    applyLiveEvent(
      client,
      envelope("message:created", message({ id: "m-1", clientKey: "key-1", body: "hello" }), "chat:room-1"),
      context,
    );
    applyLiveEvent(
      client,
      envelope("message:created", message({ id: "m-2", body: "new one" }), "chat:room-1"),
      context,
    );
    expect(client.getQueryData<Page<Message>>(queryKeys.chat.messages("room-1"))!.items.map((m) => m.id)).toEqual([
      "m-2",
      "m-1",
      "m-0",
    ]);
  });

  it("adds items where they belong by time (createdAt, id), not at the top", () => {
    const client = testQueryClient();
    // the progress history of 「伝票 1〜60 の入力」, newest first; the ids say nothing about time
    const at = (hhmm: string) => `2026-11-24T${hhmm}:00.000+09:00`;
    const iso = (hhmm: string) => new Date(at(hhmm)).toISOString();
    client.setQueryData(
      queryKeys.tasks.progress("task-1"),
      page([
        progressUpdate({ id: "ffffffff-0000-4000-8000-000000000001", createdAt: iso("13:30") }),
        progressUpdate({ id: "00000000-0000-4000-8000-000000000002", createdAt: iso("09:40") }),
      ]),
    );
    const progressOf = () =>
      client.getQueryData<Page<ProgressUpdate>>(queryKeys.tasks.progress("task-1"))!.items.map((p) => p.createdAt);
    // an update written at 11:05 that arrives late (replayed after a reconnect)
    applyLiveEvent(
      client,
      envelope("progress:created", {
        progressUpdate: progressUpdate({ id: "99999999-0000-4000-8000-000000000003", createdAt: iso("11:05") }),
        task: task({ version: 5 }),
      }),
      context,
    );
    // and the newest, at 14:43, with an id that sorts lowest
    applyLiveEvent(
      client,
      envelope("progress:created", {
        progressUpdate: progressUpdate({ id: "0190d6c8-0000-7000-8000-000000000004", createdAt: iso("14:43") }),
        task: task({ version: 6 }),
      }),
      context,
    );
    expect(progressOf()).toEqual([iso("14:43"), iso("13:30"), iso("11:05"), iso("09:40")]);

    // the same millisecond: the greater id is the newer one, as on the server
    applyLiveEvent(
      client,
      envelope("progress:created", {
        progressUpdate: progressUpdate({ id: "aaaaaaaa-0000-4000-8000-000000000005", createdAt: iso("13:30") }),
        task: task({ version: 7 }),
      }),
      context,
    );
    expect(
      client.getQueryData<Page<ProgressUpdate>>(queryKeys.tasks.progress("task-1"))!.items.map((p) => p.id.slice(0, 2)),
    ).toEqual(["01", "ff", "aa", "99", "00"]);
  });

  it("leaves an item older than the loaded pages to the next page (no duplicate later)", () => {
    const client = testQueryClient();
    const infinite: InfiniteData<Page<WorkOrder>> = {
      pages: [{ items: [workOrder({ id: "wo-9", createdAt: "2026-11-24T05:00:00.000Z" })], nextCursor: "next" }],
      pageParams: [undefined],
    };
    client.setQueryData(queryKeys.workOrders.list({}), infinite);
    applyLiveEvent(
      client,
      envelope("work_order:created", workOrder({ id: "wo-old", createdAt: "2026-11-20T05:00:00.000Z" })),
      context,
    );
    expect(
      client
        .getQueryData<InfiniteData<Page<WorkOrder>>>(queryKeys.workOrders.list({}))!
        .pages[0]!.items.map((o) => o.id),
    ).toEqual(["wo-9"]);
    // on the last page it is added at the end
    client.setQueryData(queryKeys.workOrders.list({}), {
      ...infinite,
      pages: [{ ...infinite.pages[0]!, nextCursor: null }],
    });
    applyLiveEvent(
      client,
      envelope("work_order:created", workOrder({ id: "wo-old", createdAt: "2026-11-20T05:00:00.000Z" })),
      context,
    );
    expect(
      client
        .getQueryData<InfiniteData<Page<WorkOrder>>>(queryKeys.workOrders.list({}))!
        .pages[0]!.items.map((o) => o.id),
    ).toEqual(["wo-9", "wo-old"]);
  });

  it("keeps deliverables and feedback oldest first, by time", () => {
    const client = testQueryClient();
    const feedback = (id: string, createdAt: string) => ({ id, workOrderId: "wo-1", createdAt }) as unknown as Feedback;
    client.setQueryData(queryKeys.workOrders.feedback("wo-1"), {
      items: [feedback("ff", "2026-11-24T01:00:00.000Z"), feedback("00", "2026-11-24T03:00:00.000Z")],
    });
    applyLiveEvent(client, envelope("feedback:created", feedback("11", "2026-11-24T02:00:00.000Z")), context);
    applyLiveEvent(client, envelope("feedback:created", feedback("22", "2026-11-24T04:00:00.000Z")), context);
    expect(
      client.getQueryData<{ items: Feedback[] }>(queryKeys.workOrders.feedback("wo-1"))!.items.map((f) => f.id),
    ).toEqual(["ff", "11", "00", "22"]);
  });

  it("refetches what a room feeds after a reset", () => {
    const client = testQueryClient();
    const invalidate = vi.spyOn(client, "invalidateQueries");
    resetRoom(client, "board");
    expect(invalidate).toHaveBeenCalledWith({ queryKey: queryKeys.workOrders.all() });
    expect(invalidate).toHaveBeenCalledWith({ queryKey: queryKeys.tasks.all() });
    invalidate.mockClear();
    resetRoom(client, "chat:0190d6c8-7a4e-7b7a-9c51-2f5e0b7d2a11");
    expect(invalidate).toHaveBeenCalledWith({ queryKey: queryKeys.chat.all() });
  });
});
