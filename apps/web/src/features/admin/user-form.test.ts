import { describe, expect, it } from "vitest";
import { TEXT_LIMITS } from "@crewboard/domain";
import { ApiError } from "../../lib/api.ts";
import { makeUser } from "../../test/render.tsx";
import {
  emptyUserForm,
  serverUserErrors,
  toCreateRequest,
  toUpdateRequest,
  userFormOf,
  validateUserForm,
} from "./user-form.ts";

describe("the admin's user form", () => {
  it("asks for a name and a real email before sending", () => {
    expect(validateUserForm(emptyUserForm(), "create")).toEqual({
      name: { key: "admin.userForm.error.name", vars: { max: TEXT_LIMITS.name } },
      email: { key: "admin.userForm.error.email" },
    });
    // the contracts' limit, not a copy of it
    expect(
      validateUserForm({ ...emptyUserForm(), name: "あ".repeat(TEXT_LIMITS.name), email: "a@example.jp" }, "create"),
    ).toEqual({});
    expect(
      validateUserForm({ ...emptyUserForm(), name: "あ".repeat(TEXT_LIMITS.name + 1), email: "a@example.jp" }, "create")
        .name,
    ).toBeDefined();
    expect(
      validateUserForm({ ...emptyUserForm(), name: "山田 花子", email: "hanako@example" }, "create").email,
    ).toBeDefined();
    expect(
      validateUserForm({ ...emptyUserForm(), name: "山田 花子", email: "hanako@example.co.jp" }, "create"),
    ).toEqual({});
    // the email is not changed when editing
    expect(validateUserForm({ ...emptyUserForm(), name: "山田 花子", email: "" }, "edit")).toEqual({});
  });

  it("sends a work style for crew only, a team for crew and managers, a company for client users", () => {
    const crew = toCreateRequest({
      ...emptyUserForm(),
      name: " 山田 花子 ",
      email: "h@example.jp",
      teamId: "t1",
      workStyle: "home",
    });
    expect(crew).toEqual({
      name: "山田 花子",
      email: "h@example.jp",
      role: "crew",
      locale: "ja",
      workStyle: "home",
      teamId: "t1",
    });
    const manager = toCreateRequest({
      ...emptyUserForm(),
      name: "x",
      email: "m@example.jp",
      role: "manager",
      teamId: "t1",
      workStyle: "",
    });
    expect(manager).toEqual({ name: "x", email: "m@example.jp", role: "manager", locale: "ja", teamId: "t1" });
    const client = toCreateRequest({ ...emptyUserForm("c1"), name: "x", email: "c@example.jp" });
    expect(client).toEqual({ name: "x", email: "c@example.jp", role: "client", locale: "ja", clientCompanyId: "c1" });
  });

  it("sends only what changed, and drops the work style of someone who is no longer crew", () => {
    const before = makeUser({ role: "crew", workStyle: "home", teamId: "t1" });
    expect(toUpdateRequest(before, userFormOf(before))).toEqual({});
    expect(toUpdateRequest(before, { ...userFormOf(before), role: "manager", workStyle: "" })).toEqual({
      role: "manager",
      workStyle: null,
    });
    expect(toUpdateRequest(before, { ...userFormOf(before), teamId: "" })).toEqual({ teamId: null });
  });

  it("sends the display name clients see (issue 12) when it changed, never for client users", () => {
    const before = makeUser({ role: "crew", displayName: "中村" });
    expect(toUpdateRequest(before, { ...userFormOf(before), displayName: " みさき " })).toEqual({
      displayName: "みさき",
    });
    expect(toUpdateRequest(before, { ...userFormOf(before), displayName: "" })).toEqual({});
    const created = toCreateRequest({
      ...emptyUserForm(),
      name: "小林 彩香",
      displayName: "小林",
      email: "k@example.jp",
    });
    expect(created.displayName).toBe("小林");
    const client = toCreateRequest({ ...emptyUserForm("c1"), name: "x", displayName: "y", email: "c@example.jp" });
    expect(client.displayName).toBeUndefined();
    expect(
      validateUserForm({ ...emptyUserForm(), name: "x", email: "a@b.jp", displayName: "長".repeat(200) }, "create"),
    ).toMatchObject({ displayName: { key: "admin.userForm.error.displayName" } });
  });

  it("maps the server's refusals to the fields, in our words", () => {
    const taken = new ApiError(409, {
      code: "user.email_taken",
      errors: [{ path: "body.email", message: "already in use" }],
    });
    expect(serverUserErrors(taken)).toEqual({
      fields: { email: { key: "admin.userForm.error.emailTaken" } },
      unknown: false,
    });
    const ownRole = new ApiError(400, {
      code: "validation.failed",
      errors: [{ path: "body.role", message: "you cannot change your own role" }],
    });
    expect(serverUserErrors(ownRole).fields.role).toEqual({ key: "admin.userForm.error.ownRole" });
    const odd = new ApiError(400, { code: "validation.failed", errors: [{ path: "body.colour", message: "unknown" }] });
    expect(serverUserErrors(odd).unknown).toBe(true);
  });
});
