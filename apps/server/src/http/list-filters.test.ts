// The list filters are defined once (packages/domain list-queries.ts): the server builds its SQL
// from them, and the web's live cache runs matchesListQuery on changed items. For each query here,
// what the server lists must be exactly what the matcher keeps of everything the user may see —
// the phrase search (whole phrase, any case, % and _ as letters), dueBefore (<=, any offset),
// "me", blocked together with status, and a standing revision request.
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Task, WorkOrder } from "@crewboard/contracts";
import { matchesListQuery, TASK_LIST_FILTERS, WORK_ORDER_LIST_FILTERS } from "@crewboard/domain";
import { describeEachDatabase, startTestApp, type TestApp } from "../test/test-app.ts";
import type { ApiClient } from "../test/api-client.ts";
import { monthAhead } from "../test/dates.ts";

type Query = Record<string, string | boolean | readonly string[]>;

const queryString = (query: Query) =>
  Object.entries(query)
    .map(([key, value]) => `${key}=${encodeURIComponent(Array.isArray(value) ? value.join(",") : String(value))}`)
    .join("&");

/** Every item of a list, page by page. */
async function listAll<T extends { id: string }>(api: ApiClient, path: string, query: Query = {}): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  do {
    const qs = queryString({ ...query, limit: "100", ...(cursor ? { cursor } : {}) });
    const res = await api.get(`${path}?${qs}`);
    expect(res.status, `${path}?${qs}: ${res.text}`).toBe(200);
    items.push(...(res.body.items as T[]));
    cursor = res.body.nextCursor;
  } while (cursor);
  return items;
}

const ids = (items: readonly { id: string }[]) => items.map((x) => x.id).sort();

describeEachDatabase("list filters: the server's lists and the live cache's matcher agree", (kind) => {
  let t: TestApp;
  let manager: ApiClient, crew3: ApiClient;
  let orderTitle: string;

  beforeAll(async () => {
    t = await startTestApp(kind);
    [manager, crew3] = await Promise.all([t.as("manager1"), t.as("crew3")]);
    const company = (await manager.get("/client-companies?limit=1")).body.items[0];
    orderTitle = `Monthly report, 50% checked (${kind})`;
    const created = await manager.post("/work-orders", {
      title: orderTitle,
      dueAt: monthAhead(), // a new order's due date must be in the future
      clientCompanyId: company.id,
    });
    expect(created.status, created.text).toBe(201);
  });
  afterAll(async () => {
    await t?.close();
  });

  it("work orders: q is the whole phrase, ignoring case, with % and _ as letters", async () => {
    const all = await listAll<WorkOrder>(manager, "/work-orders");
    const queries: Query[] = [
      { q: "monthly REPORT" },
      { q: "report monthly" }, // the same words in another order: another phrase
      { q: "50% checked" },
      { q: "50_ checked" },
      { q: "Monthly%checked" }, // % is no wildcard
      { q: "伝票" },
      { status: ["requested", "accepted"] },
      { status: ["requested"], q: "report" },
    ];
    for (const query of queries) {
      const listed = await listAll<WorkOrder>(manager, "/work-orders", query);
      const facts = (o: WorkOrder) => ({
        status: o.status,
        clientCompanyId: o.clientCompany.id,
        priority: o.priority,
        title: o.title,
      });
      expect(ids(listed), JSON.stringify(query)).toEqual(
        ids(all.filter((o) => matchesListQuery(WORK_ORDER_LIST_FILTERS, query, facts(o)))),
      );
    }
    const search = async (q: string) => (await listAll<WorkOrder>(manager, "/work-orders", { q })).map((o) => o.title);
    expect(await search("monthly REPORT")).toContain(orderTitle);
    expect(await search("report monthly")).not.toContain(orderTitle);
    expect(await search("Monthly%checked")).not.toContain(orderTitle);
  });

  it("tasks: dueBefore is <= at any offset; 'me', blocked with status, revision requests", async () => {
    const facts = (x: Task) => ({
      workOrderId: x.workOrder.id,
      assigneeId: x.assignee?.id ?? null,
      status: x.status,
      dueAt: x.dueAt,
      revisionRequest: x.revisionRequest,
    });
    const due = (await listAll<Task>(manager, "/tasks")).find((x) => x.dueAt)!.dueAt!;
    const justBefore = new Date(Date.parse(due) - 1).toISOString();
    const inTokyo = new Date(Date.parse(due) + 9 * 3_600_000).toISOString().replace(/\.\d{3}Z$/, ".000+09:00");
    const queries: Query[] = [
      { dueBefore: due },
      { dueBefore: justBefore },
      { dueBefore: inTokyo },
      { assigneeId: "me" },
      { status: ["doing"], blocked: true },
      { status: ["doing", "blocked"], blocked: true },
      { blocked: false },
      { revisionRequested: false },
      { revisionRequested: true },
    ];
    for (const [who, api] of [
      ["manager1", manager],
      ["crew3", crew3],
    ] as const) {
      const all = await listAll<Task>(api, "/tasks");
      for (const query of queries) {
        const listed = await listAll<Task>(api, "/tasks", query);
        const expected = all.filter((x) => matchesListQuery(TASK_LIST_FILTERS, query, facts(x), api.user!));
        expect(ids(listed), `${who} ${JSON.stringify(query)}`).toEqual(ids(expected));
      }
    }
    const dueExactly = await listAll<Task>(manager, "/tasks", { dueBefore: due });
    expect(dueExactly.some((x) => x.dueAt === due)).toBe(true);
    expect(await listAll<Task>(manager, "/tasks", { status: ["doing"], blocked: true })).toEqual([]);
  });
});
