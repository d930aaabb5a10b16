import { describe, expect, it } from "vitest";
import {
  ChangePasswordRequest,
  ListAuditEventsQuery,
  CreateWorkOrderRequest,
  ListWorkOrdersQuery,
  UpdateTaskRequest,
  UpdateWorkOrderRequest,
  CreateFeedbackRequest,
  CreateUserRequest,
} from "./index.ts";
import { buildOpenApiDocument, toOpenApiPath, routes } from "./index.ts";

describe("request schemas", () => {
  it("reject unknown fields", () => {
    const r = CreateWorkOrderRequest.safeParse({ title: "x", dueAt: "2026-12-01T08:00:00Z", isAdmin: true });
    expect(r.success).toBe(false);
  });
  it("fill defaults", () => {
    const r = CreateWorkOrderRequest.parse({ title: " 伝票入力 ", dueAt: "2026-12-01T08:00:00+09:00" });
    expect(r).toMatchObject({ title: "伝票入力", description: "", links: [], priority: "normal" });
  });
  it("need a reason to block a task or decline an order, and only then", () => {
    expect(UpdateTaskRequest.safeParse({ version: 1, status: "blocked" }).success).toBe(false);
    expect(
      UpdateTaskRequest.safeParse({ version: 1, status: "blocked", blockedReason: "原本が読めない" }).success,
    ).toBe(true);
    expect(UpdateTaskRequest.safeParse({ version: 1, blockedReason: "why?" }).success).toBe(false);
    expect(UpdateTaskRequest.safeParse({ status: "doing" }).success).toBe(false); // version is required
    expect(UpdateWorkOrderRequest.safeParse({ status: "declined" }).success).toBe(false);
    expect(
      UpdateWorkOrderRequest.safeParse({ status: "declined", declineReason: "対応できる人がいません" }).success,
    ).toBe(true);
  });
  it("need a comment to request a revision", () => {
    expect(CreateFeedbackRequest.safeParse({ verdict: "request_revision" }).success).toBe(false);
    expect(CreateFeedbackRequest.safeParse({ verdict: "accept", rating: 6 }).success).toBe(false);
    expect(CreateFeedbackRequest.safeParse({ verdict: "accept", rating: 5 }).success).toBe(true);
  });
  it("keep client users tied to a company and work styles to crew", () => {
    const base = { email: "A@Example.com", name: "x" };
    expect(CreateUserRequest.safeParse({ ...base, role: "client" }).success).toBe(false);
    expect(CreateUserRequest.safeParse({ ...base, role: "manager", workStyle: "home" }).success).toBe(false);
    expect(CreateUserRequest.parse({ ...base, role: "crew", workStyle: "home" }).email).toBe("a@example.com");
    // the admin never invents a password: the server makes a one-time password
    expect(CreateUserRequest.safeParse({ ...base, role: "crew", password: "long-enough-password" }).success).toBe(
      false,
    );
  });
  it("want a new password of 12 characters or more that differs from the current one", () => {
    expect(
      ChangePasswordRequest.safeParse({ currentPassword: "K7QM-3XTR-PW9H-DF2N", newPassword: "short" }).success,
    ).toBe(false);
    const same = ChangePasswordRequest.safeParse({
      currentPassword: "a-long-enough-password",
      newPassword: "a-long-enough-password",
    });
    expect(same.success).toBe(false);
    expect(same.error?.issues[0]?.path).toEqual(["newPassword"]);
    expect(
      ChangePasswordRequest.safeParse({ currentPassword: "K7QM-3XTR-PW9H-DF2N", newPassword: "a-long-enough-password" })
        .success,
    ).toBe(true);
  });
  it("filter the audit log by several actions and a time range that runs forward", () => {
    const q = ListAuditEventsQuery.parse({
      action: "check_in.read, accommodation.read",
      from: "2026-11-20T00:00:00.000Z",
      to: "2026-11-27T00:00:00.000Z",
    });
    expect(q.action).toEqual(["check_in.read", "accommodation.read"]);
    expect(ListAuditEventsQuery.safeParse({ action: "DROP TABLE" }).success).toBe(false);
    const backwards = ListAuditEventsQuery.safeParse({
      from: "2026-11-27T00:00:00.000Z",
      to: "2026-11-20T00:00:00.000Z",
    });
    expect(backwards.error?.issues[0]?.path).toEqual(["to"]);
  });
  it("parse comma-separated statuses and coerce the page size", () => {
    expect(ListWorkOrdersQuery.parse({ status: "requested,accepted", limit: "20" })).toMatchObject({
      status: ["requested", "accepted"],
      limit: 20,
    });
    expect(ListWorkOrdersQuery.safeParse({ status: "requested,bogus" }).success).toBe(false);
    expect(ListWorkOrdersQuery.safeParse({ limit: "0" }).success).toBe(false);
  });
});

describe("OpenAPI document", () => {
  it("has every route of the catalogue, with its method", () => {
    const doc = buildOpenApiDocument();
    for (const r of Object.values(routes)) {
      expect(doc.paths?.[toOpenApiPath(r.path)]?.[r.method], `${r.method} ${r.path}`).toBeDefined();
    }
    expect(toOpenApiPath("/work-orders/:id/tasks")).toBe("/work-orders/{id}/tasks");
  });
});
