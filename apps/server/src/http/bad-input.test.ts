// Bad input never gets a 500 and never writes: every write endpoint and list query is sent
// malformed JSON, wrong types, missing and unknown fields, an oversized body, another content
// type, a malformed path id, illegal transitions and stale versions. Each answer must be the
// documented 4xx as problem+json with a `code` (and, for validation, the field at fault in
// `errors[].path`), and a fingerprint of the database must be the same before and after.
// Then: Idempotency-Key replays, and a property-based fuzz of two write endpoints.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { TASK_STATUSES } from "@crewboard/domain";
import { describeEachDatabase, startTestApp, type TestApp } from "../test/test-app.ts";
import type { ApiClient, ApiResponse } from "../test/api-client.ts";

type Account = "admin" | "manager1" | "client-a1" | "crew1";
const ACCOUNTS: Account[] = ["admin", "manager1", "client-a1", "crew1"];

/** Rows the tests aim at, found in the seeded demo data. */
interface Fixtures {
  companyA: string;
  teamA: string;
  /** the admin who sends the requests */
  adminUser: string;
  managerUser: string;
  crew1: string;
  crew2: string;
  /** a client user: never a valid assignee or nominee */
  clientUser: string;
  requestedOrder: { id: string; version: number };
  inProgressOrder: string;
  deliveredOrder: string;
  completedOrder: string;
  /** a deliverable that belongs to another order than `deliveredOrder` */
  foreignDeliverable: string;
  /** todo, in an accepted order */
  todoTask: { id: string; version: number };
  /** doing, assigned to crew1, in an in-progress order */
  crewTask: { id: string; version: number };
  /** done, in a delivered order */
  doneTask: string;
  /** for the stale-version and idempotency tests, which do write */
  spareTask: string;
  spareTaskOfCrew1: string;
}

const FUTURE = new Date(Date.now() + 30 * 24 * 3600_000).toISOString();
const PAST = "2020-01-01T00:00:00.000Z";
const UNKNOWN_ID = "0190d6c8-7a4e-7b7a-9c51-2f5e0b7d2a11";
const JSON_TYPE = { "content-type": "application/json" };

// ---------------------------------------------------------------------------------------------
// What a refused request must look like

interface Expected {
  status: number;
  code: string;
  /** an `errors[].path` naming the field at fault (this path, or one under it) */
  field?: string;
}

function expectProblem(res: ApiResponse, expected: Expected): void {
  const where = `${res.status} ${res.text.slice(0, 500)}`;
  expect(res.status, where).toBe(expected.status);
  expect(res.headers.get("content-type"), where).toMatch(/^application\/problem\+json/);
  expect(res.body.code, where).toBe(expected.code);
  expect(res.body.status, where).toBe(expected.status);
  expect(typeof res.body.title, where).toBe("string");
  if (expected.field) {
    const paths: string[] = (res.body.errors ?? []).map((e: { path: string }) => e.path);
    expect(
      paths.some((p) => p === expected.field || p.startsWith(`${expected.field}.`)),
      `expected errors[].path ${expected.field}, got ${JSON.stringify(paths)}`,
    ).toBe(true);
  }
}

// ---------------------------------------------------------------------------------------------
// The cases, declared per endpoint

interface Case extends Expected {
  name: string;
  as: Account;
  method: "GET" | "POST" | "PATCH" | "PUT";
  path: (f: Fixtures) => string;
  /** sent as JSON */
  body?: (f: Fixtures) => unknown;
  /** sent as is, with `headers` */
  raw?: (f: Fixtures) => string;
  headers?: Record<string, string>;
  check?: (res: ApiResponse, f: Fixtures) => void;
}

interface WriteEndpoint {
  name: string;
  as: Account;
  method: "POST" | "PATCH" | "PUT";
  path: (f: Fixtures) => string;
  /** the path with the id replaced, for routes with an :id */
  withId?: (f: Fixtures, id: string) => string;
  notFoundCode?: string;
  /** a body the endpoint would accept: sent only with something else wrong */
  valid: (f: Fixtures) => Record<string, unknown>;
  wrongType: { body: (f: Fixtures) => unknown; field: string };
  missing?: { body: (f: Fixtures) => unknown; field: string };
  /** endpoint-specific refusals (by default as the same account, on the same path) */
  more?: MoreCase[];
}
type MoreCase = Omit<Case, "as" | "method" | "path"> & Partial<Pick<Case, "as" | "path">>;

/** The refusals every JSON write endpoint must give. */
function casesFor(e: WriteEndpoint): Case[] {
  const base = { as: e.as, method: e.method, path: e.path };
  const cases: Case[] = [
    {
      ...base,
      name: "malformed JSON",
      raw: () => '{"title": "unterminated',
      headers: JSON_TYPE,
      status: 400,
      code: "request.malformed_json",
    },
    {
      ...base,
      name: "JSON that is a bare string",
      raw: () => '"hello"',
      headers: JSON_TYPE,
      status: 400,
      code: "request.malformed_json",
    },
    {
      ...base,
      name: "JSON that is an array, not an object",
      raw: () => "[1, 2]",
      headers: JSON_TYPE,
      status: 400,
      code: "validation.failed",
      field: "body",
    },
    { ...base, name: "no body at all", status: 400, code: "validation.failed", field: "body" },
    {
      ...base,
      name: "a wrong type",
      body: e.wrongType.body,
      status: 400,
      code: "validation.failed",
      field: e.wrongType.field,
    },
    ...(e.missing
      ? [
          {
            ...base,
            name: "a missing required field",
            body: e.missing.body,
            status: 400,
            code: "validation.failed",
            field: e.missing.field,
          },
        ]
      : []),
    {
      ...base,
      name: "an unknown field",
      body: (f) => ({ ...e.valid(f), colour: "red" }),
      status: 400,
      code: "validation.failed",
      field: "body.colour",
    },
    {
      ...base,
      name: "an unknown field that tries to set the owner",
      body: (f) => ({ ...e.valid(f), createdById: f.crew1, id: UNKNOWN_ID }),
      status: 400,
      code: "validation.failed",
      field: "body.createdById",
    },
    {
      ...base,
      name: "an oversized body (> 100kb)",
      raw: (f) => JSON.stringify({ ...e.valid(f), padding: "x".repeat(110 * 1024) }),
      headers: JSON_TYPE,
      status: 413,
      code: "request.too_large",
    },
    {
      ...base,
      name: "text/plain",
      raw: (f) => JSON.stringify(e.valid(f)),
      headers: { "content-type": "text/plain" },
      status: 415,
      code: "request.unsupported_media_type",
    },
    {
      ...base,
      name: "a form-encoded body",
      raw: () => "title=hello&percent=5",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      status: 415,
      code: "request.unsupported_media_type",
    },
    {
      ...base,
      name: "JSON in an unsupported charset",
      raw: (f) => JSON.stringify(e.valid(f)),
      headers: { "content-type": "application/json; charset=latin1" },
      status: 415,
      code: "request.unsupported_media_type",
    },
    {
      ...base,
      name: "a gzip Content-Encoding that does not inflate",
      raw: (f) => JSON.stringify(e.valid(f)),
      headers: { ...JSON_TYPE, "content-encoding": "gzip" },
      status: 400,
      code: "request.malformed_json",
    },
  ];
  if (e.withId) {
    const withId = e.withId;
    cases.push(
      {
        ...base,
        name: "a malformed path id",
        path: (f) => withId(f, "not-a-uuid"),
        body: e.valid,
        status: 400,
        code: "validation.failed",
        field: "params.id",
      },
      {
        ...base,
        name: "a numeric path id",
        path: (f) => withId(f, "42"),
        body: e.valid,
        status: 400,
        code: "validation.failed",
        field: "params.id",
      },
      {
        ...base,
        name: "a path id with broken %-encoding",
        path: (f) => withId(f, "%E0%A4%A"),
        body: e.valid,
        status: 400,
        code: "validation.failed",
        field: "params",
      },
      {
        ...base,
        name: "an id that does not exist",
        path: (f) => withId(f, UNKNOWN_ID),
        body: e.valid,
        status: 404,
        code: e.notFoundCode!,
      },
    );
  }
  for (const m of e.more ?? []) cases.push({ ...base, ...m });
  return cases;
}

const ENDPOINTS: WriteEndpoint[] = [
  {
    name: "POST /work-orders",
    as: "manager1",
    method: "POST",
    path: () => "/work-orders",
    valid: (f) => ({ title: "Bad input test", dueAt: FUTURE, clientCompanyId: f.companyA }),
    wrongType: { body: (f) => ({ title: 42, dueAt: FUTURE, clientCompanyId: f.companyA }), field: "body.title" },
    missing: { body: (f) => ({ title: "No due date", clientCompanyId: f.companyA }), field: "body.dueAt" },
    more: [
      {
        name: "a blank title",
        body: (f) => ({ title: "   ", dueAt: FUTURE, clientCompanyId: f.companyA }),
        status: 400,
        code: "validation.failed",
        field: "body.title",
      },
      {
        name: "a title with a NUL character",
        body: (f) => ({ title: "a\u0000b", dueAt: FUTURE, clientCompanyId: f.companyA }),
        status: 400,
        code: "validation.failed",
        field: "body.title",
      },
      {
        name: "a due date that is not a date",
        body: (f) => ({ title: "x", dueAt: "next friday", clientCompanyId: f.companyA }),
        status: 400,
        code: "validation.failed",
        field: "body.dueAt",
      },
      {
        name: "a due date without an offset",
        body: (f) => ({ title: "x", dueAt: "2099-01-01T00:00:00", clientCompanyId: f.companyA }),
        status: 400,
        code: "validation.failed",
        field: "body.dueAt",
      },
      {
        name: "a due date of 30 February",
        body: (f) => ({ title: "x", dueAt: "2099-02-30T00:00:00Z", clientCompanyId: f.companyA }),
        status: 400,
        code: "validation.failed",
        field: "body.dueAt",
      },
      {
        name: "a due date in the past",
        body: (f) => ({ title: "x", dueAt: PAST, clientCompanyId: f.companyA }),
        status: 400,
        code: "validation.failed",
        field: "body.dueAt",
      },
      {
        name: "a javascript: link",
        body: (f) => ({ title: "x", dueAt: FUTURE, clientCompanyId: f.companyA, links: ["javascript:alert(1)"] }),
        status: 400,
        code: "validation.failed",
        field: "body.links",
      },
      {
        name: "an unknown priority",
        body: (f) => ({ title: "x", dueAt: FUTURE, clientCompanyId: f.companyA, priority: "asap" }),
        status: 400,
        code: "validation.failed",
        field: "body.priority",
      },
      {
        name: "a company id that is not a uuid",
        body: () => ({ title: "x", dueAt: FUTURE, clientCompanyId: "sakura" }),
        status: 400,
        code: "validation.failed",
        field: "body.clientCompanyId",
      },
      {
        name: "a company that does not exist",
        body: () => ({ title: "x", dueAt: FUTURE, clientCompanyId: UNKNOWN_ID }),
        status: 400,
        code: "validation.failed",
        field: "body.clientCompanyId",
      },
      {
        name: "staff leaving out the company",
        body: () => ({ title: "x", dueAt: FUTURE }),
        status: 400,
        code: "validation.failed",
        field: "body.clientCompanyId",
      },
      {
        name: "a client user nominated as crew",
        body: (f) => ({ title: "x", dueAt: FUTURE, clientCompanyId: f.companyA, nominatedCrewId: f.clientUser }),
        status: 400,
        code: "validation.failed",
        field: "body.nominatedCrewId",
      },
      {
        name: "from a crew member (not allowed)",
        as: "crew1",
        body: (f) => ({ title: "x", dueAt: FUTURE, clientCompanyId: f.companyA }),
        status: 403,
        code: "auth.forbidden",
      },
    ],
  },
  {
    name: "PATCH /work-orders/:id",
    as: "manager1",
    method: "PATCH",
    path: (f) => `/work-orders/${f.requestedOrder.id}`,
    withId: (_f, id) => `/work-orders/${id}`,
    notFoundCode: "work_order.not_found",
    valid: () => ({ title: "Renamed" }),
    wrongType: { body: () => ({ priority: 3 }), field: "body.priority" },
    more: [
      {
        name: "decline without a reason",
        body: () => ({ status: "declined" }),
        status: 400,
        code: "validation.failed",
        field: "body.declineReason",
      },
      {
        name: "a blank decline reason",
        body: () => ({ status: "declined", declineReason: "  " }),
        status: 400,
        code: "validation.failed",
        field: "body.declineReason",
      },
      {
        name: "a decline reason without declining",
        body: () => ({ status: "accepted", declineReason: "no" }),
        status: 400,
        code: "validation.failed",
        field: "body.declineReason",
      },
      {
        name: "an unknown status",
        body: () => ({ status: "archived" }),
        status: 400,
        code: "validation.failed",
        field: "body.status",
      },
      {
        name: "a version of 0",
        body: () => ({ version: 0, title: "x" }),
        status: 400,
        code: "validation.failed",
        field: "body.version",
      },
      {
        name: "requested → delivered (illegal transition)",
        body: () => ({ status: "delivered" }),
        status: 409,
        code: "work_order.illegal_transition",
        check: (res) => expect(res.body.allowed).toEqual(["accepted", "declined"]),
      },
      {
        name: "requested → completed (illegal transition)",
        body: () => ({ status: "completed" }),
        status: 409,
        code: "work_order.illegal_transition",
        check: (res) => expect(res.body.allowed).toEqual(["accepted", "declined"]),
      },
      {
        name: "a version that is not the current one",
        body: (f) => ({ version: f.requestedOrder.version + 7, title: "x" }),
        status: 409,
        code: "work_order.version_conflict",
        check: (res, f) =>
          expect(res.body.current).toMatchObject({
            id: f.requestedOrder.id,
            version: f.requestedOrder.version,
            status: "requested",
          }),
      },
      {
        name: "a due date in year 0",
        body: () => ({ dueAt: "0000-01-01T00:00:00Z" }),
        status: 400,
        code: "validation.failed",
        field: "body",
      },
      {
        name: "a nominee who is not crew",
        body: (f) => ({ nominatedCrewId: f.clientUser }),
        status: 400,
        code: "validation.failed",
        field: "body.nominatedCrewId",
      },
      {
        name: "a change to a completed order",
        path: (f) => `/work-orders/${f.completedOrder}`,
        body: () => ({ title: "too late" }),
        status: 409,
        code: "work_order.not_editable",
      },
      {
        name: "a client setting the status",
        as: "client-a1",
        body: () => ({ status: "accepted" }),
        status: 403,
        code: "auth.forbidden",
        field: "body.status",
      },
      {
        name: "a crew member (not allowed)",
        as: "crew1",
        body: () => ({ title: "x" }),
        status: 403,
        code: "auth.forbidden",
      },
    ],
  },
  {
    name: "POST /work-orders/:id/tasks",
    as: "manager1",
    method: "POST",
    path: (f) => `/work-orders/${f.inProgressOrder}/tasks`,
    withId: (_f, id) => `/work-orders/${id}/tasks`,
    notFoundCode: "work_order.not_found",
    valid: () => ({ tasks: [{ title: "A new task" }] }),
    wrongType: { body: () => ({ tasks: "one task please" }), field: "body.tasks" },
    missing: { body: () => ({}), field: "body.tasks" },
    more: [
      {
        name: "an empty task list",
        body: () => ({ tasks: [] }),
        status: 400,
        code: "validation.failed",
        field: "body.tasks",
      },
      {
        name: "a task without a title",
        body: () => ({ tasks: [{ title: "ok" }, { description: "no title" }] }),
        status: 400,
        code: "validation.failed",
        field: "body.tasks.1.title",
      },
      {
        name: "an unknown field inside a task",
        body: () => ({ tasks: [{ title: "a", colour: "red" }] }),
        status: 400,
        code: "validation.failed",
        field: "body.tasks.0.colour",
      },
      {
        name: "an estimate of 0 minutes",
        body: () => ({ tasks: [{ title: "a", estimateMinutes: 0 }] }),
        status: 400,
        code: "validation.failed",
        field: "body.tasks.0.estimateMinutes",
      },
      {
        name: "51 tasks at once",
        body: () => ({ tasks: Array.from({ length: 51 }, (_, i) => ({ title: `t${i}` })) }),
        status: 400,
        code: "validation.failed",
        field: "body.tasks",
      },
      {
        name: "a bad assignee on the third task (all or none)",
        body: (f) => ({
          tasks: [
            { title: "one", assigneeId: f.crew1 },
            { title: "two" },
            { title: "three", assigneeId: f.clientUser },
          ],
        }),
        status: 400,
        code: "validation.failed",
        field: "body.tasks.2.assigneeId",
      },
      {
        name: "splitting a requested order",
        path: (f) => `/work-orders/${f.requestedOrder.id}/tasks`,
        body: () => ({ tasks: [{ title: "early" }] }),
        status: 409,
        code: "work_order.not_splittable",
      },
      {
        name: "a client (not allowed)",
        as: "client-a1",
        body: () => ({ tasks: [{ title: "x" }] }),
        status: 403,
        code: "auth.forbidden",
      },
    ],
  },
  {
    name: "PATCH /tasks/:id",
    as: "manager1",
    method: "PATCH",
    path: (f) => `/tasks/${f.todoTask.id}`,
    withId: (_f, id) => `/tasks/${id}`,
    notFoundCode: "task.not_found",
    valid: (f) => ({ version: f.todoTask.version, title: "Renamed" }),
    wrongType: { body: (f) => ({ version: String(f.todoTask.version), title: "x" }), field: "body.version" },
    missing: { body: () => ({ title: "no version" }), field: "body.version" },
    more: [
      {
        name: "todo → done (illegal transition)",
        body: (f) => ({ version: f.todoTask.version, status: "done" }),
        status: 409,
        code: "task.illegal_transition",
        check: (res) => expect(res.body.allowed).toEqual(["doing", "blocked"]),
      },
      {
        name: "todo → review (illegal transition)",
        body: (f) => ({ version: f.todoTask.version, status: "review" }),
        status: 409,
        code: "task.illegal_transition",
        check: (res) => expect(res.body.allowed).toEqual(["doing", "blocked"]),
      },
      {
        name: "blocked without a reason",
        body: (f) => ({ version: f.todoTask.version, status: "blocked" }),
        status: 400,
        code: "validation.failed",
        field: "body.blockedReason",
      },
      {
        name: "a fractional version",
        body: (f) => ({ version: f.todoTask.version + 0.5 }),
        status: 400,
        code: "validation.failed",
        field: "body.version",
      },
      {
        name: "a negative position",
        body: (f) => ({ version: f.todoTask.version, position: -1 }),
        status: 400,
        code: "validation.failed",
        field: "body.position",
      },
      {
        name: "an assignee who is a client",
        body: (f) => ({ version: f.todoTask.version, assigneeId: f.clientUser }),
        status: 400,
        code: "validation.failed",
        field: "body.assigneeId",
      },
      {
        name: "a stale version",
        body: (f) => ({ version: f.todoTask.version + 3, title: "x" }),
        status: 409,
        code: "task.version_conflict",
        check: (res, f) =>
          expect(res.body.current).toMatchObject({ id: f.todoTask.id, version: f.todoTask.version, status: "todo" }),
      },
      {
        name: "a crew member renaming their task",
        as: "crew1",
        path: (f) => `/tasks/${f.crewTask.id}`,
        body: (f) => ({ version: f.crewTask.version, title: "mine now" }),
        status: 403,
        code: "auth.forbidden",
        field: "body.title",
      },
      {
        name: "a crew member marking their task done",
        as: "crew1",
        path: (f) => `/tasks/${f.crewTask.id}`,
        body: (f) => ({ version: f.crewTask.version, status: "done" }),
        status: 403,
        code: "auth.forbidden",
        field: "body.status",
      },
      {
        name: "a crew member changing a task that is not theirs",
        as: "crew1",
        body: (f) => ({ version: f.todoTask.version, status: "doing" }),
        status: 404,
        code: "task.not_found",
      },
    ],
  },
  {
    name: "POST /tasks/:id/progress",
    as: "crew1",
    method: "POST",
    path: (f) => `/tasks/${f.crewTask.id}/progress`,
    withId: (_f, id) => `/tasks/${id}/progress`,
    notFoundCode: "task.not_found",
    valid: () => ({ percent: 50, note: "half way" }),
    wrongType: { body: () => ({ percent: "50" }), field: "body.percent" },
    missing: { body: () => ({ note: "forgot the percent" }), field: "body.percent" },
    more: [
      {
        name: "101 percent",
        body: () => ({ percent: 101 }),
        status: 400,
        code: "validation.failed",
        field: "body.percent",
      },
      {
        name: "a fractional percent",
        body: () => ({ percent: 50.5 }),
        status: 400,
        code: "validation.failed",
        field: "body.percent",
      },
      {
        name: "negative minutes",
        body: () => ({ percent: 50, minutesSpent: -5 }),
        status: 400,
        code: "validation.failed",
        field: "body.minutesSpent",
      },
      {
        name: "more minutes than a day has",
        body: () => ({ percent: 50, minutesSpent: 24 * 60 + 1 }),
        status: 400,
        code: "validation.failed",
        field: "body.minutesSpent",
      },
      {
        name: "a blank blocker",
        body: () => ({ percent: 50, blocker: "   " }),
        status: 400,
        code: "validation.failed",
        field: "body.blocker",
      },
      {
        name: "a note with a NUL character",
        body: () => ({ percent: 50, note: "ok\u0000" }),
        status: 400,
        code: "validation.failed",
        field: "body.note",
      },
      {
        name: "progress on a done task",
        as: "manager1",
        path: (f) => `/tasks/${f.doneTask}/progress`,
        body: () => ({ percent: 10 }),
        status: 409,
        code: "task.illegal_transition",
      },
      {
        name: "progress on someone else's task",
        path: (f) => `/tasks/${f.todoTask.id}/progress`,
        body: () => ({ percent: 10 }),
        status: 404,
        code: "task.not_found",
      },
      {
        name: "a client (not allowed)",
        as: "client-a1",
        body: () => ({ percent: 10 }),
        status: 403,
        code: "auth.forbidden",
      },
    ],
  },
  {
    name: "POST /work-orders/:id/feedback",
    as: "client-a1",
    method: "POST",
    path: (f) => `/work-orders/${f.deliveredOrder}/feedback`,
    withId: (_f, id) => `/work-orders/${id}/feedback`,
    notFoundCode: "work_order.not_found",
    valid: () => ({ verdict: "accept", rating: 5 }),
    wrongType: { body: () => ({ verdict: "accept", rating: "5" }), field: "body.rating" },
    missing: { body: () => ({ rating: 4 }), field: "body.verdict" },
    more: [
      {
        name: "an unknown verdict",
        body: () => ({ verdict: "love it" }),
        status: 400,
        code: "validation.failed",
        field: "body.verdict",
      },
      {
        name: "a rating of 6",
        body: () => ({ verdict: "accept", rating: 6 }),
        status: 400,
        code: "validation.failed",
        field: "body.rating",
      },
      {
        name: "a revision request without a comment",
        body: () => ({ verdict: "request_revision" }),
        status: 400,
        code: "validation.failed",
        field: "body.comment",
      },
      {
        name: "a comment with neither text nor rating",
        body: () => ({ verdict: "comment", comment: "  " }),
        status: 400,
        code: "validation.failed",
        field: "body.comment",
      },
      {
        name: "a deliverable of another order",
        body: (f) => ({ verdict: "accept", deliverableId: f.foreignDeliverable }),
        status: 400,
        code: "validation.failed",
        field: "body.deliverableId",
      },
      {
        name: "accepting an order still in progress",
        path: (f) => `/work-orders/${f.inProgressOrder}/feedback`,
        body: () => ({ verdict: "accept" }),
        status: 409,
        code: "feedback.not_allowed",
      },
      {
        name: "rating a requested order",
        path: (f) => `/work-orders/${f.requestedOrder.id}/feedback`,
        body: () => ({ verdict: "comment", rating: 1 }),
        status: 409,
        code: "feedback.not_allowed",
      },
      {
        name: "a manager (clients only)",
        as: "manager1",
        body: () => ({ verdict: "accept" }),
        status: 403,
        code: "auth.forbidden",
      },
    ],
  },
  {
    name: "POST /users",
    as: "admin",
    method: "POST",
    path: () => "/users",
    valid: () => ({ email: "bad.input@crewboard.example", name: "Bad Input", role: "crew" }),
    wrongType: {
      body: () => ({ email: "bad.input@crewboard.example", name: "Bad Input", role: 1 }),
      field: "body.role",
    },
    missing: { body: () => ({ email: "bad.input@crewboard.example", role: "crew" }), field: "body.name" },
    more: [
      {
        name: "an invalid email",
        body: () => ({ email: "not-an-email", name: "x", role: "crew" }),
        status: 400,
        code: "validation.failed",
        field: "body.email",
      },
      {
        name: "a password chosen by the admin (the server makes a one-time password)",
        body: () => ({ email: "pw@crewboard.example", name: "x", password: "a-long-enough-password", role: "crew" }),
        status: 400,
        code: "validation.failed",
        field: "body.password",
      },
      {
        name: "an unknown role",
        body: () => ({ email: "root@crewboard.example", name: "x", role: "root" }),
        status: 400,
        code: "validation.failed",
        field: "body.role",
      },
      {
        name: "a client without a company",
        body: () => ({ email: "c@crewboard.example", name: "x", role: "client" }),
        status: 400,
        code: "validation.failed",
        field: "body.clientCompanyId",
      },
      {
        name: "a manager with a work style",
        body: () => ({ email: "m@crewboard.example", name: "x", role: "manager", workStyle: "home" }),
        status: 400,
        code: "validation.failed",
        field: "body.workStyle",
      },
      {
        name: "a company that does not exist",
        body: () => ({ email: "c@crewboard.example", name: "x", role: "client", clientCompanyId: UNKNOWN_ID }),
        status: 400,
        code: "validation.failed",
        field: "body.clientCompanyId",
      },
      {
        name: "a team that does not exist",
        body: () => ({ email: "t@crewboard.example", name: "x", role: "crew", teamId: UNKNOWN_ID }),
        status: 400,
        code: "validation.failed",
        field: "body.teamId",
      },
      {
        name: "a client user in a team",
        body: (f) => ({
          email: "ct@crewboard.example",
          name: "x",
          role: "client",
          clientCompanyId: f.companyA,
          teamId: f.teamA,
        }),
        status: 400,
        code: "validation.failed",
        field: "body.teamId",
      },
      {
        name: "an email already in use (any case)",
        body: () => ({ email: "Crew1@CrewBoard.example", name: "x", role: "crew" }),
        status: 409,
        code: "user.email_taken",
        field: "body.email",
      },
      {
        name: "a manager (admins only)",
        as: "manager1",
        body: () => ({ email: "n@crewboard.example", name: "x", role: "crew" }),
        status: 403,
        code: "auth.forbidden",
      },
    ],
  },
  {
    name: "PATCH /users/:id",
    as: "admin",
    method: "PATCH",
    path: (f) => `/users/${f.crew2}`,
    withId: (_f, id) => `/users/${id}`,
    notFoundCode: "user.not_found",
    valid: () => ({ name: "Renamed" }),
    wrongType: { body: () => ({ active: "no" }), field: "body.active" },
    more: [
      {
        name: "a role of client (staff roles only)",
        body: () => ({ role: "client" }),
        status: 400,
        code: "validation.failed",
        field: "body.role",
      },
      {
        name: "an unknown role",
        body: () => ({ role: "owner" }),
        status: 400,
        code: "validation.failed",
        field: "body.role",
      },
      {
        name: "a password (use the password reset)",
        body: () => ({ password: "a-long-enough-password" }),
        status: 400,
        code: "validation.failed",
        field: "body.password",
      },
      {
        name: "deactivating myself",
        path: (f) => `/users/${f.adminUser}`,
        body: () => ({ active: false }),
        status: 400,
        code: "validation.failed",
        field: "body.active",
      },
      {
        name: "changing my own role",
        path: (f) => `/users/${f.adminUser}`,
        body: () => ({ role: "crew" }),
        status: 400,
        code: "validation.failed",
        field: "body.role",
      },
      {
        name: "a client user made staff",
        path: (f) => `/users/${f.clientUser}`,
        body: () => ({ role: "manager" }),
        status: 400,
        code: "validation.failed",
        field: "body.role",
      },
      {
        name: "a client user put in a team",
        path: (f) => `/users/${f.clientUser}`,
        body: (f) => ({ teamId: f.teamA }),
        status: 400,
        code: "validation.failed",
        field: "body.teamId",
      },
      {
        name: "a work style for a manager",
        path: (f) => `/users/${f.managerUser}`,
        body: () => ({ workStyle: "home" }),
        status: 400,
        code: "validation.failed",
        field: "body.workStyle",
      },
      {
        name: "a work style kept while becoming a manager",
        body: () => ({ role: "manager", workStyle: "office" }),
        status: 400,
        code: "validation.failed",
        field: "body.workStyle",
      },
      {
        name: "a team that does not exist",
        body: () => ({ teamId: UNKNOWN_ID }),
        status: 400,
        code: "validation.failed",
        field: "body.teamId",
      },
      {
        name: "an unknown work style",
        body: () => ({ workStyle: "moon" }),
        status: 400,
        code: "validation.failed",
        field: "body.workStyle",
      },
      {
        name: "a manager (admins only)",
        as: "manager1",
        body: () => ({ name: "x" }),
        status: 403,
        code: "auth.forbidden",
      },
    ],
  },
  {
    name: "POST /me/password",
    as: "crew1",
    method: "POST",
    path: () => "/me/password",
    valid: () => ({ currentPassword: "crewboard-demo", newPassword: "a-brand-new-password" }),
    wrongType: {
      body: () => ({ currentPassword: "crewboard-demo", newPassword: 123456789012 }),
      field: "body.newPassword",
    },
    missing: { body: () => ({ newPassword: "a-brand-new-password" }), field: "body.currentPassword" },
    more: [
      {
        name: "a new password under 12 characters",
        body: () => ({ currentPassword: "crewboard-demo", newPassword: "short-pw" }),
        status: 400,
        code: "validation.failed",
        field: "body.newPassword",
      },
      {
        name: "a new password over 256 characters",
        body: () => ({ currentPassword: "crewboard-demo", newPassword: "x".repeat(257) }),
        status: 400,
        code: "validation.failed",
        field: "body.newPassword",
      },
      {
        name: "the same password again",
        body: () => ({ currentPassword: "crewboard-demo", newPassword: "crewboard-demo" }),
        status: 400,
        code: "validation.failed",
        field: "body.newPassword",
      },
      {
        name: "an empty current password",
        body: () => ({ currentPassword: "", newPassword: "a-brand-new-password" }),
        status: 400,
        code: "validation.failed",
        field: "body.currentPassword",
      },
    ],
  },
  {
    name: "POST /client-companies",
    as: "admin",
    method: "POST",
    path: () => "/client-companies",
    valid: () => ({ name: "株式会社テスト" }),
    wrongType: { body: () => ({ name: 5 }), field: "body.name" },
    missing: { body: () => ({ nameEn: "Test Inc." }), field: "body.name" },
    more: [
      {
        name: "a blank name",
        body: () => ({ name: "   " }),
        status: 400,
        code: "validation.failed",
        field: "body.name",
      },
      {
        name: "a name over 100 characters",
        body: () => ({ name: "x".repeat(101) }),
        status: 400,
        code: "validation.failed",
        field: "body.name",
      },
      {
        name: "created already deactivated",
        body: () => ({ name: "x", active: false }),
        status: 400,
        code: "validation.failed",
        field: "body.active",
      },
      {
        name: "a manager (admins only)",
        as: "manager1",
        body: () => ({ name: "x" }),
        status: 403,
        code: "auth.forbidden",
      },
    ],
  },
  {
    name: "PATCH /client-companies/:id",
    as: "admin",
    method: "PATCH",
    path: (f) => `/client-companies/${f.companyA}`,
    withId: (_f, id) => `/client-companies/${id}`,
    notFoundCode: "client_company.not_found",
    valid: () => ({ nameEn: "Renamed Inc." }),
    wrongType: { body: () => ({ active: "yes" }), field: "body.active" },
    more: [
      { name: "a blank name", body: () => ({ name: " " }), status: 400, code: "validation.failed", field: "body.name" },
      {
        name: "a name set to null",
        body: () => ({ name: null }),
        status: 400,
        code: "validation.failed",
        field: "body.name",
      },
      {
        name: "a manager (admins only)",
        as: "manager1",
        body: () => ({ active: false }),
        status: 403,
        code: "auth.forbidden",
      },
    ],
  },
  {
    name: "PATCH /me",
    as: "crew1",
    method: "PATCH",
    path: () => "/me",
    valid: () => ({ locale: "en" }),
    wrongType: { body: () => ({ locale: 1 }), field: "body.locale" },
    more: [
      {
        name: "an unknown locale",
        body: () => ({ locale: "fr" }),
        status: 400,
        code: "validation.failed",
        field: "body.locale",
      },
      {
        name: "making myself an admin",
        body: () => ({ role: "admin" }),
        status: 400,
        code: "validation.failed",
        field: "body.role",
      },
      {
        name: "changing my email",
        body: () => ({ email: "me@evil.example" }),
        status: 400,
        code: "validation.failed",
        field: "body.email",
      },
      {
        name: "an unknown accessibility setting",
        body: () => ({ accessibility: { fontFamily: "serif" } }),
        status: 400,
        code: "validation.failed",
        field: "body.accessibility.fontFamily",
      },
      {
        name: "a wrong accessibility type",
        body: () => ({ accessibility: { highContrast: "yes" } }),
        status: 400,
        code: "validation.failed",
        field: "body.accessibility.highContrast",
      },
      {
        name: "accessibility as an array",
        body: () => ({ accessibility: ["large"] }),
        status: 400,
        code: "validation.failed",
        field: "body.accessibility",
      },
    ],
  },
  {
    name: "PUT /check-ins/today",
    as: "crew1",
    method: "PUT",
    path: () => "/check-ins/today",
    valid: () => ({ condition: "good" }),
    wrongType: { body: () => ({ condition: 5 }), field: "body.condition" },
    missing: { body: () => ({ note: "how am I?" }), field: "body.condition" },
    more: [
      {
        name: "an unknown condition",
        body: () => ({ condition: "great" }),
        status: 400,
        code: "validation.failed",
        field: "body.condition",
      },
      {
        name: "an unknown place",
        body: () => ({ condition: "good", place: "moon" }),
        status: 400,
        code: "validation.failed",
        field: "body.place",
      },
      {
        name: "a note over 1000 characters",
        body: () => ({ condition: "good", note: "x".repeat(1001) }),
        status: 400,
        code: "validation.failed",
        field: "body.note",
      },
      {
        name: "checking in for someone else",
        body: (f) => ({ condition: "good", userId: f.crew2 }),
        status: 400,
        code: "validation.failed",
        field: "body.userId",
      },
      {
        name: "a manager (crew only)",
        as: "manager1",
        body: () => ({ condition: "good" }),
        status: 403,
        code: "auth.forbidden",
      },
    ],
  },
  {
    name: "POST /work-orders/:id/deliverables",
    as: "manager1",
    method: "POST",
    path: (f) => `/work-orders/${f.inProgressOrder}/deliverables`,
    withId: (_f, id) => `/work-orders/${id}/deliverables`,
    notFoundCode: "work_order.not_found",
    valid: () => ({ title: "Result", url: "https://files.example/result.xlsx" }),
    wrongType: { body: () => ({ title: ["Result"], url: "https://files.example/result.xlsx" }), field: "body.title" },
    missing: { body: () => ({ url: "https://files.example/result.xlsx" }), field: "body.title" },
    more: [
      {
        name: "neither a link nor a file",
        body: () => ({ title: "Result" }),
        status: 400,
        code: "validation.failed",
        field: "body.url",
      },
      {
        name: "an ftp link",
        body: () => ({ title: "Result", url: "ftp://files.example/x" }),
        status: 400,
        code: "validation.failed",
        field: "body.url",
      },
      {
        name: "a link that is not a URL",
        body: () => ({ title: "Result", url: "result.xlsx" }),
        status: 400,
        code: "validation.failed",
        field: "body.url",
      },
      {
        name: "a deliverable for a requested order",
        path: (f) => `/work-orders/${f.requestedOrder.id}/deliverables`,
        body: () => ({ title: "early", url: "https://files.example/x" }),
        status: 409,
        code: "work_order.not_editable",
      },
      {
        name: "a client (not allowed)",
        as: "client-a1",
        body: () => ({ title: "x", url: "https://files.example/x" }),
        status: 403,
        code: "auth.forbidden",
      },
    ],
  },
];

/** List queries: refused with 400 naming the query parameter. */
const QUERY_CASES: Case[] = [
  ["/work-orders?limit=0", "query.limit"],
  ["/work-orders?limit=abc", "query.limit"],
  ["/work-orders?limit=101", "query.limit"],
  ["/work-orders?limit=2.5", "query.limit"],
  ["/work-orders?limit=1&limit=2", "query.limit"],
  ["/work-orders?status=bogus", "query.status"],
  ["/work-orders?status=in_progress,bogus", "query.status"],
  ["/work-orders?status=", "query.status"],
  ["/work-orders?cursor=not-a-uuid", "query.cursor"],
  ["/work-orders?priority=asap", "query.priority"],
  ["/work-orders?clientCompanyId=sakura", "query.clientCompanyId"],
  ["/work-orders?q=", "query.q"],
  ["/work-orders?q=a%00b", "query.q"],
  ["/work-orders?sort=title", "query.sort"],
  ["/work-orders?status[]=requested", "query.status[]"],
  ["/work-orders?ruby=yes", "query.ruby"],
  ["/tasks?blocked=maybe", "query.blocked"],
  ["/tasks?ruby=1", "query.ruby"],
  ["/tasks?ruby=", "query.ruby"],
  ["/tasks?assigneeId=someone", "query.assigneeId"],
  ["/tasks?dueBefore=tomorrow", "query.dueBefore"],
  ["/tasks?status=finished", "query.status"],
  ["/tasks?limit=-1", "query.limit"],
  ["/tasks?limit=5001", "query.limit"],
  ["/tasks/not-a-uuid/progress?limit=5", "params.id"],
  ["/tasks/" + UNKNOWN_ID + "/progress?limit=0", "query.limit"],
  ["/users?active=maybe", "query.active"],
  ["/users?teamId=team-a", "query.teamId"],
  ["/users?q=", "query.q"],
  ["/users?role=owner", "query.role"],
  ["/client-companies?active=2", "query.active"],
  ["/client-companies?q=" + "x".repeat(101), "query.q"],
  ["/client-companies/sakura", "params.id"],
].map(([url, field]) => ({
  name: `GET ${url}`,
  as: "manager1" as const,
  method: "GET" as const,
  path: () => url!,
  status: 400,
  code: "validation.failed",
  field,
}));

/** The audit log's filters (admins only): refused with 400 naming the parameter. */
const AUDIT_QUERY_CASES: Case[] = [
  ["/audit-events?from=yesterday", "query.from"],
  ["/audit-events?to=2026-13-01T00:00:00Z", "query.to"],
  ["/audit-events?from=2026-11-27T00:00:00Z&to=2026-11-20T00:00:00Z", "query.to"],
  ["/audit-events?action=DROP%20TABLE", "query.action"],
  ["/audit-events?action=" + Array.from({ length: 21 }, (_, i) => `a.b${"c".repeat(i)}`).join(","), "query.action"],
  ["/audit-events?actorId=admin", "query.actorId"],
  ["/audit-events?entityType=", "query.entityType"],
  ["/audit-events?colour=red", "query.colour"],
  ["/audit-events/export?from=last%20week", "query.from"],
  ["/audit-events/export?cursor=" + UNKNOWN_ID, "query.cursor"],
  ["/audit-events/export?action=,", "query.action"],
].map(([url, field]) => ({
  name: `GET ${url}`,
  as: "admin" as const,
  method: "GET" as const,
  path: () => url!,
  status: 400,
  code: "validation.failed",
  field,
}));

// ---------------------------------------------------------------------------------------------

describeEachDatabase("bad input is refused and writes nothing", (kind) => {
  let t: TestApp;
  let f: Fixtures;
  const as = {} as Record<Account, ApiClient>;

  /**
   * What a refused request must not change: row counts of everything a write touches, and the
   * version/status/updatedAt of every work order, task, user, check-in and client company.
   */
  async function fingerprint() {
    const p = t.db.prisma;
    const stamp = (rows: { updatedAt: Date }[]) => rows.map((r) => ({ ...r, updatedAt: r.updatedAt.toISOString() }));
    return {
      counts: {
        workOrder: await p.workOrder.count(),
        task: await p.task.count(),
        progressUpdate: await p.progressUpdate.count(),
        feedback: await p.feedback.count(),
        followUp: await p.followUp.count(),
        deliverable: await p.deliverable.count(),
        user: await p.user.count(),
        clientCompany: await p.clientCompany.count(),
        checkIn: await p.checkIn.count(),
        accommodation: await p.accommodation.count(),
        auditEvent: await p.auditEvent.count(),
        notification: await p.notification.count(),
        idempotencyKey: await p.idempotencyKey.count(),
      },
      workOrders: stamp(
        await p.workOrder.findMany({
          select: { id: true, version: true, status: true, title: true, updatedAt: true },
          orderBy: { id: "asc" },
        }),
      ),
      tasks: stamp(
        await p.task.findMany({
          select: { id: true, version: true, status: true, title: true, updatedAt: true },
          orderBy: { id: "asc" },
        }),
      ),
      users: stamp(
        await p.user.findMany({
          select: { id: true, role: true, locale: true, active: true, updatedAt: true },
          orderBy: { id: "asc" },
        }),
      ),
      checkIns: stamp(
        await p.checkIn.findMany({ select: { id: true, condition: true, updatedAt: true }, orderBy: { id: "asc" } }),
      ),
      clientCompanies: stamp(
        await p.clientCompany.findMany({ select: { id: true, active: true, updatedAt: true }, orderBy: { id: "asc" } }),
      ),
    };
  }

  async function send(c: Pick<Case, "as" | "method" | "path" | "body" | "raw" | "headers">): Promise<ApiResponse> {
    const client = as[c.as];
    const path = c.path(f);
    if (c.raw) return client.request(c.method, path, undefined, { raw: c.raw(f), headers: c.headers });
    return client.request(c.method, path, c.body?.(f), { headers: c.headers });
  }

  /** Sends the request; it must be refused as expected, and the database must be unchanged. */
  async function expectRefused(c: Case): Promise<ApiResponse> {
    const before = await fingerprint();
    const res = await send(c);
    expectProblem(res, c);
    c.check?.(res, f);
    expect(await fingerprint()).toEqual(before);
    return res;
  }

  beforeAll(async () => {
    t = await startTestApp(kind);
    for (const name of ACCOUNTS) as[name] = await t.as(name);
    const p = t.db.prisma;
    const user = (name: string) => p.user.findUniqueOrThrow({ where: { email: `${name}@crewboard.example` } });
    const companyA = as["client-a1"].user!.clientCompanyId!;
    const crew1 = (await user("crew1")).id;
    const order = (status: "requested" | "in_progress" | "delivered" | "completed") =>
      p.workOrder.findFirstOrThrow({ where: { status, clientCompanyId: companyA }, orderBy: { number: "asc" } });
    const requested = await order("requested");
    const delivered = await order("delivered");
    const todoTasks = await p.task.findMany({
      where: { status: "todo", assigneeId: { not: crew1 }, workOrder: { status: "accepted" } },
      orderBy: { id: "asc" },
    });
    const crewTasks = await p.task.findMany({
      where: { status: "doing", assigneeId: crew1, workOrder: { status: "in_progress" } },
      orderBy: { id: "asc" },
    });
    const spareOfCrew1 = await p.task.findFirst({
      where: {
        assigneeId: crew1,
        status: { in: ["todo", "doing", "blocked", "review"] },
        id: { not: crewTasks[0]!.id },
        workOrder: { status: { in: ["accepted", "in_progress"] } },
      },
    });
    f = {
      companyA,
      teamA: (await p.team.findFirstOrThrow({ orderBy: { name: "asc" } })).id,
      adminUser: as.admin.user!.id,
      managerUser: as.manager1.user!.id,
      crew1,
      crew2: (await user("crew2")).id,
      clientUser: as["client-a1"].user!.id,
      requestedOrder: { id: requested.id, version: requested.version },
      inProgressOrder: (await order("in_progress")).id,
      deliveredOrder: delivered.id,
      completedOrder: (await order("completed")).id,
      foreignDeliverable: (await p.deliverable.findFirstOrThrow({ where: { workOrderId: { not: delivered.id } } })).id,
      todoTask: { id: todoTasks[0]!.id, version: todoTasks[0]!.version },
      crewTask: { id: crewTasks[0]!.id, version: crewTasks[0]!.version },
      doneTask: (await p.task.findFirstOrThrow({ where: { status: "done", workOrder: { status: "delivered" } } })).id,
      spareTask: todoTasks[1]!.id,
      spareTaskOfCrew1: (spareOfCrew1 ?? crewTasks[0]!).id,
    };
    expect(todoTasks.length).toBeGreaterThanOrEqual(2);
  });
  afterAll(() => t?.close());

  for (const endpoint of ENDPOINTS) {
    describe(endpoint.name, () => {
      for (const c of casesFor(endpoint)) {
        it(`${c.name} → ${c.status} ${c.code}${c.field ? ` (${c.field})` : ""}`, async () => {
          await expectRefused(c);
        });
      }
    });
  }

  describe("list queries", () => {
    for (const c of [...QUERY_CASES, ...AUDIT_QUERY_CASES]) {
      it(`${c.name} → 400 naming ${c.field}`, async () => {
        await expectRefused(c);
      });
    }
  });

  it("an unknown endpoint is a 404 problem, not an HTML page", async () => {
    await expectRefused({
      name: "",
      as: "manager1",
      method: "POST",
      path: () => "/work-orderz",
      body: () => ({}),
      status: 404,
      code: "route.not_found",
    });
  });

  describe("stale versions", () => {
    it("PATCH /tasks/:id with the version read before someone else's change → 409 with the current task", async () => {
      const manager = as.manager1;
      const read = await manager.get(`/tasks/${f.spareTask}`);
      expect(read.status).toBe(200);
      const first = await manager.patch(`/tasks/${f.spareTask}`, {
        version: read.body.version,
        title: "Changed by the first writer",
      });
      expect(first.status).toBe(200);
      expect(first.body.version).toBe(read.body.version + 1);

      const res = await expectRefused({
        name: "",
        as: "manager1",
        method: "PATCH",
        path: () => `/tasks/${f.spareTask}`,
        body: () => ({ version: read.body.version, title: "Changed by the second writer", estimateMinutes: 30 }),
        status: 409,
        code: "task.version_conflict",
      });
      expect(res.body.current).toMatchObject({
        id: f.spareTask,
        version: first.body.version,
        title: "Changed by the first writer",
      });
      const row = await t.db.prisma.task.findUniqueOrThrow({ where: { id: f.spareTask } });
      expect(row).toMatchObject({ version: first.body.version, title: "Changed by the first writer" });
      expect(row.estimateMinutes).toBe(read.body.estimateMinutes);

      // the loser retries with the version it was given back, and wins
      const retry = await manager.patch(`/tasks/${f.spareTask}`, {
        version: res.body.current.version,
        title: "Changed by the second writer",
      });
      expect(retry.status).toBe(200);
      expect(retry.body.version).toBe(first.body.version + 1);
    });

    it("a progress update moves the version on: a crew member's old version is stale", async () => {
      const crew = as.crew1;
      const read = await crew.get(`/tasks/${f.spareTaskOfCrew1}`);
      const logged = await crew.post(`/tasks/${f.spareTaskOfCrew1}/progress`, { percent: 20, note: "started" });
      expect(logged.status).toBe(201);
      expect(logged.body.task.version).toBeGreaterThan(read.body.version);
      const res = await expectRefused({
        name: "",
        as: "crew1",
        method: "PATCH",
        path: () => `/tasks/${f.spareTaskOfCrew1}`,
        body: () => ({ version: read.body.version, status: "review" }),
        status: 409,
        code: "task.version_conflict",
      });
      expect(res.body.current.version).toBe(logged.body.task.version);
    });

    it("PATCH /work-orders/:id with an old version → 409 with the current order", async () => {
      const manager = as.manager1;
      const read = await manager.get(`/work-orders/${f.requestedOrder.id}`);
      const first = await manager.patch(`/work-orders/${f.requestedOrder.id}`, {
        version: read.body.version,
        priority: "urgent",
      });
      expect(first.status).toBe(200);
      const res = await expectRefused({
        name: "",
        as: "manager1",
        method: "PATCH",
        path: () => `/work-orders/${f.requestedOrder.id}`,
        body: () => ({ version: read.body.version, title: "Lost update" }),
        status: 409,
        code: "work_order.version_conflict",
      });
      expect(res.body.current).toMatchObject({
        id: f.requestedOrder.id,
        version: first.body.version,
        priority: "urgent",
      });
      f.requestedOrder.version = first.body.version;
    });
  });

  describe("Idempotency-Key", () => {
    it("a retried POST /tasks/:id/progress writes once and replays the first answer", async () => {
      const crew = as.crew1;
      const key = `progress-${randomUUID()}`;
      const path = `/tasks/${f.crewTask.id}/progress`;
      const body = { percent: 65, note: "retry me", minutesSpent: 15 };
      const countFor = () => t.db.prisma.progressUpdate.count({ where: { taskId: f.crewTask.id } });
      const before = await countFor();

      const first = await crew.post(path, body, { headers: { "Idempotency-Key": key } });
      expect(first.status).toBe(201);
      expect(first.headers.get("idempotent-replayed")).toBeNull();
      expect(await countFor()).toBe(before + 1);
      const afterFirst = await fingerprint();

      const retry = await crew.post(path, body, { headers: { "Idempotency-Key": key } });
      expect(retry.status).toBe(201);
      expect(retry.headers.get("idempotent-replayed")).toBe("true");
      expect(retry.body).toEqual(first.body);
      expect(await countFor()).toBe(before + 1);
      expect(await fingerprint()).toEqual(afterFirst);

      // the same key with another body, or on another path, is refused and writes nothing
      const reused = await expectRefused({
        name: "",
        as: "crew1",
        method: "POST",
        path: () => path,
        body: () => ({ ...body, percent: 70 }),
        headers: { "Idempotency-Key": key },
        status: 422,
        code: "idempotency.key_reused",
      });
      expect(reused.body.detail).toContain(path);
      await expectRefused({
        name: "",
        as: "crew1",
        method: "PATCH",
        path: () => "/me",
        body: () => ({ locale: "en" }),
        headers: { "Idempotency-Key": key },
        status: 422,
        code: "idempotency.key_reused",
      });
      expect(await countFor()).toBe(before + 1);

      // keys belong to their user: the manager's identical key is a request of its own
      const other = await as.manager1.post(path, body, { headers: { "Idempotency-Key": key } });
      expect(other.status).toBe(201);
      expect(other.headers.get("idempotent-replayed")).toBeNull();
      expect(other.body.progressUpdate.id).not.toBe(first.body.progressUpdate.id);
      expect(await countFor()).toBe(before + 2);
    });

    it("a refused request is not stored: the retry with a fixed body goes through", async () => {
      const crew = as.crew1;
      const key = `progress-${randomUUID()}`;
      const path = `/tasks/${f.crewTask.id}/progress`;
      await expectRefused({
        name: "",
        as: "crew1",
        method: "POST",
        path: () => path,
        body: () => ({ percent: 170 }),
        headers: { "Idempotency-Key": key },
        status: 400,
        code: "validation.failed",
        field: "body.percent",
      });
      const fixed = await crew.post(path, { percent: 70 }, { headers: { "Idempotency-Key": key } });
      expect(fixed.status).toBe(201);
      expect(fixed.headers.get("idempotent-replayed")).toBeNull();
    });

    it("concurrent copies of one request with the same Idempotency-Key write once", async () => {
      const crew = as.crew1;
      const key = `progress-${randomUUID()}`;
      const path = `/tasks/${f.crewTask.id}/progress`;
      const before = await t.db.prisma.progressUpdate.count({ where: { taskId: f.crewTask.id } });
      const answers = await Promise.all(
        [1, 2, 3].map(() =>
          crew.post(path, { percent: 72, note: "sent three times" }, { headers: { "Idempotency-Key": key } }),
        ),
      );
      // one wrote; each other copy got the same answer replayed, or was told to retry in a moment
      expect(answers.filter((a) => a.status === 201 && !a.headers.get("idempotent-replayed"))).toHaveLength(1);
      for (const a of answers) expect([201, 409]).toContain(a.status);
      for (const a of answers.filter((x) => x.status === 409)) expect(a.body.code).toBe("idempotency.in_progress");
      expect(await t.db.prisma.progressUpdate.count({ where: { taskId: f.crewTask.id } })).toBe(before + 1);
      const retry = await crew.post(
        path,
        { percent: 72, note: "sent three times" },
        { headers: { "Idempotency-Key": key } },
      );
      expect(retry.status).toBe(201);
      expect(retry.headers.get("idempotent-replayed")).toBe("true");
      const first = answers.find((a) => a.status === 201)!;
      expect(retry.body.progressUpdate.id).toBe(first.body.progressUpdate.id);
    });

    it("an empty or over-long key is refused, naming the header", async () => {
      const path = `/tasks/${f.crewTask.id}/progress`;
      for (const key of ["", "k".repeat(201)]) {
        await expectRefused({
          name: "",
          as: "crew1",
          method: "POST",
          path: () => path,
          body: () => ({ percent: 71 }),
          headers: { "Idempotency-Key": key },
          status: 400,
          code: "validation.failed",
          field: "header.Idempotency-Key",
        });
      }
    });
  });

  // 100 requests, each followed by a database fingerprint: minutes, not seconds, on a busy 2-core machine
  describe("fuzz: random JSON bodies get 2xx or 4xx, and a 4xx writes nothing", { timeout: 180_000 }, () => {
    const RUNS = 100;
    const CURRENT_VERSION = "<<current version>>";
    const anyJson = fc.jsonValue({ maxDepth: 3, stringUnit: "binary" });
    /** mostly a value the endpoint accepts, sometimes a bad one: so that about a third of the bodies get through */
    const field = <T>(good: fc.Arbitrary<T>, bad: fc.Arbitrary<unknown>) =>
      fc.oneof(
        { weight: 12, arbitrary: good as fc.Arbitrary<unknown> },
        { weight: 1, arbitrary: bad },
        { weight: 1, arbitrary: anyJson },
      );
    const goodText = (maxLength: number) =>
      fc
        .string({ unit: "grapheme", minLength: 1, maxLength })
        .filter((s) => s.trim().length > 0 && !s.includes("\u0000"));
    const badText = fc.oneof(
      fc.string({ unit: "binary", maxLength: 40 }),
      fc.constantFrom("", "   ", "a\u0000b", "x".repeat(10_001), "\ud800 lone surrogate", '\'; DROP TABLE "Task"; --'),
    );
    const futureDate = fc
      .date({ min: new Date(Date.now() + 86_400_000), max: new Date("2100-01-01"), noInvalidDate: true })
      .map((d) => d.toISOString());
    const badDate = fc.oneof(
      fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
      fc.constantFrom(
        PAST,
        "0000-01-01T00:00:00Z",
        "0001-01-01T00:00:00+01:00",
        "9999-12-31T23:59:59Z",
        "2099-02-30T00:00:00Z",
        "2099-01-01T00:00:00",
        "tomorrow",
      ),
    );
    /** a random unknown key, now and then */
    const extra = fc.oneof(
      { weight: 6, arbitrary: fc.constant({}) },
      { weight: 1, arbitrary: fc.dictionary(fc.string({ maxLength: 12 }), anyJson, { minKeys: 1, maxKeys: 2 }) },
    );

    async function fuzz(label: string, arb: fc.Arbitrary<unknown>, request: (body: unknown) => Promise<ApiResponse>) {
      let baseline = await fingerprint();
      const seen = { ok: 0, refused: 0 };
      await fc.assert(
        fc.asyncProperty(arb, async (body) => {
          const res = await request(body);
          const where = `${label} ${JSON.stringify(body)?.slice(0, 300)} → ${res.status} ${res.text.slice(0, 300)}`;
          expect(res.status, where).toBeGreaterThanOrEqual(200);
          expect(res.status, where).toBeLessThan(500);
          if (res.status >= 400) {
            seen.refused++;
            expect(res.headers.get("content-type"), where).toMatch(/^application\/problem\+json/);
            expect(typeof res.body.code, where).toBe("string");
            expect(res.body.status, where).toBe(res.status);
            expect(await fingerprint(), where).toEqual(baseline);
          } else {
            seen.ok++;
            baseline = await fingerprint();
          }
        }),
        { numRuns: RUNS, endOnFailure: true },
      );
      expect(seen.ok + seen.refused).toBe(RUNS);
      return seen;
    }

    it("POST /work-orders", async () => {
      const badId = fc.oneof(fc.constantFrom(f.clientUser, UNKNOWN_ID, f.requestedOrder.id), fc.uuid(), badText);
      const nearlyValid = fc
        .tuple(
          fc.record(
            {
              title: field(goodText(60), fc.oneof(badText, fc.constant("x".repeat(201)))),
              description: field(
                fc.string({ unit: "grapheme", maxLength: 200 }).filter((s) => !s.includes("\u0000")),
                badText,
              ),
              links: field(
                fc.array(fc.webUrl(), { maxLength: 3 }),
                fc.oneof(
                  fc.constant(["javascript:alert(1)"]),
                  fc.constant(["ftp://files.example/x"]),
                  fc.array(fc.webUrl(), { minLength: 21, maxLength: 21 }),
                ),
              ),
              dueAt: field(futureDate, badDate),
              priority: field(fc.constantFrom("normal", "urgent"), fc.constantFrom("low", "URGENT", "")),
              nominatedCrewId: field(fc.constantFrom(f.crew1, f.crew2), badId),
              nominationNote: field(goodText(100), fc.constant("x".repeat(501))),
              clientCompanyId: field(fc.constant(f.companyA), badId),
            },
            { requiredKeys: ["title", "dueAt", "clientCompanyId"] },
          ),
          extra,
        )
        .map(([record, more]) => ({ ...record, ...more }));
      const client = as.manager1;
      const seen = await fuzz(
        "POST /work-orders",
        fc.oneof({ weight: 1, arbitrary: anyJson }, { weight: 3, arbitrary: nearlyValid }),
        (body) => client.request("POST", "/work-orders", undefined, { raw: JSON.stringify(body), headers: JSON_TYPE }),
      );
      expect(seen.refused).toBeGreaterThan(0);
      expect(seen.ok).toBeGreaterThan(0);
    });

    it("PATCH /tasks/:id", async () => {
      const taskId = f.todoTask.id;
      const statusPart = fc.oneof(
        fc.constant({}),
        fc.constantFrom(...TASK_STATUSES.filter((s) => s !== "blocked")).map((status) => ({ status })),
        goodText(80).map((blockedReason) => ({ status: "blocked", blockedReason })),
        fc.constantFrom(
          { status: "blocked" },
          { blockedReason: "why not" },
          { status: "finished" },
          { status: "blocked", blockedReason: "" },
        ),
      );
      const nearlyValid = fc
        .tuple(
          fc.record(
            {
              version: fc.oneof(
                { weight: 12, arbitrary: fc.constant(CURRENT_VERSION) },
                { weight: 1, arbitrary: fc.integer({ min: -1, max: 50 }) },
                { weight: 1, arbitrary: anyJson },
              ),
              title: field(goodText(60), fc.oneof(badText, fc.constant("x".repeat(201)))),
              description: field(
                fc.string({ unit: "grapheme", maxLength: 200 }).filter((s) => !s.includes("\u0000")),
                badText,
              ),
              acceptanceCriteria: field(
                fc.string({ unit: "grapheme", maxLength: 200 }).filter((s) => !s.includes("\u0000")),
                badText,
              ),
              assigneeId: field(
                fc.constantFrom(f.crew1, f.crew2, null),
                fc.oneof(fc.constantFrom(f.clientUser, UNKNOWN_ID), fc.uuid(), badText),
              ),
              estimateMinutes: field(
                fc.oneof(fc.integer({ min: 1, max: 6000 }), fc.constant(null)),
                fc.constantFrom(0, -5, 6001, 1.5, 2 ** 31),
              ),
              dueAt: field(fc.oneof(futureDate, fc.constant(PAST), fc.constant(null)), badDate),
              position: field(fc.integer({ min: 0, max: 1_000_000 }), fc.constantFrom(-1, 1_000_001, 2 ** 53)),
            },
            { requiredKeys: ["version"] },
          ),
          statusPart,
          extra,
        )
        .map(([record, status, more]) => ({ ...record, ...status, ...more }));
      const client = as.manager1;
      const seen = await fuzz(
        "PATCH /tasks/:id",
        fc.oneof({ weight: 1, arbitrary: anyJson }, { weight: 3, arbitrary: nearlyValid }),
        async (body) => {
          if (body && typeof body === "object" && (body as { version?: unknown }).version === CURRENT_VERSION) {
            const { version } = await t.db.prisma.task.findUniqueOrThrow({
              where: { id: taskId },
              select: { version: true },
            });
            body = { ...body, version };
          }
          return client.request("PATCH", `/tasks/${taskId}`, undefined, {
            raw: JSON.stringify(body),
            headers: JSON_TYPE,
          });
        },
      );
      expect(seen.refused).toBeGreaterThan(0);
      expect(seen.ok).toBeGreaterThan(0);
    });
  });
});
