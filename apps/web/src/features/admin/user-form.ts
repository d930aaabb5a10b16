// The admin's user form without React: its values, the checks made before sending (the rules of
// CreateUserRequest / UpdateUserRequest in packages/contracts, with their limits from
// packages/domain: the bundle carries no zod), the request bodies, and the server's field errors
// mapped back to the fields in our words.
import { belongsToClientCompany, hasWorkStyle, isCrew, isManager, TEXT_LIMITS } from "@crewboard/domain";
import type { ApiError, BodyOf, Role, User, WorkStyle } from "../../lib/api.ts";
import type { FieldErrors, FieldMessage } from "../../ui/Field.tsx";

export interface UserFormValues {
  name: string;
  /** how clients see the company's people (issue 12); "" = the name's first word */
  displayName: string;
  email: string;
  role: Role;
  /** "" = none */
  teamId: string;
  /** "" = none (only crew have one) */
  workStyle: WorkStyle | "";
  locale: "ja" | "en";
  /** client users only */
  clientCompanyId: string;
}

export type UserField = "name" | "displayName" | "email" | "role" | "clientCompanyId" | "teamId" | "workStyle";
export const USER_FIELDS: readonly UserField[] = [
  "name",
  "displayName",
  "email",
  "role",
  "clientCompanyId",
  "teamId",
  "workStyle",
];

/** The roles an admin gives to the company's own people, in the order the form offers them. */
export const STAFF_ROLES = ["crew", "manager", "admin"] as const satisfies readonly Role[];

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function emptyUserForm(company?: string): UserFormValues {
  return {
    name: "",
    displayName: "",
    email: "",
    role: company ? "client" : "crew",
    teamId: "",
    workStyle: company ? "" : "office",
    locale: "ja",
    clientCompanyId: company ?? "",
  };
}

export function userFormOf(user: User): UserFormValues {
  return {
    name: user.name,
    displayName: user.displayName,
    email: user.email,
    role: user.role,
    teamId: user.teamId ?? "",
    workStyle: user.workStyle ?? "",
    locale: user.locale === "en" ? "en" : "ja",
    clientCompanyId: user.clientCompanyId ?? "",
  };
}

/** The form offers a team to crew and managers (the server would also take one for an admin). */
export const hasTeam = (role: Role) => isCrew({ role }) || isManager({ role });

const nameError: FieldMessage = { key: "admin.userForm.error.name", vars: { max: TEXT_LIMITS.name } };
const displayNameError: FieldMessage = { key: "admin.userForm.error.displayName", vars: { max: TEXT_LIMITS.name } };

export function validateUserForm(
  values: UserFormValues,
  mode: "create" | "edit",
): FieldErrors<UserField, FieldMessage> {
  const errors: FieldErrors<UserField, FieldMessage> = {};
  const name = values.name.trim();
  if (!name || name.length > TEXT_LIMITS.name) errors.name = nameError;
  if (values.displayName.trim().length > TEXT_LIMITS.name) errors.displayName = displayNameError;
  if (mode === "create" && (!EMAIL.test(values.email.trim()) || values.email.trim().length > TEXT_LIMITS.email))
    errors.email = { key: "admin.userForm.error.email" };
  if (belongsToClientCompany(values.role) && !values.clientCompanyId)
    errors.clientCompanyId = { key: "admin.userForm.error.company" };
  if (values.workStyle && !hasWorkStyle(values.role)) errors.workStyle = { key: "admin.userForm.error.workStyle" };
  return errors;
}

export function toCreateRequest(values: UserFormValues): BodyOf<"createUser"> {
  return {
    name: values.name.trim(),
    ...(!belongsToClientCompany(values.role) && values.displayName.trim()
      ? { displayName: values.displayName.trim() }
      : {}),
    email: values.email.trim(),
    role: values.role,
    locale: values.locale,
    ...(hasWorkStyle(values.role) && values.workStyle ? { workStyle: values.workStyle } : {}),
    ...(hasTeam(values.role) && values.teamId ? { teamId: values.teamId } : {}),
    ...(belongsToClientCompany(values.role) ? { clientCompanyId: values.clientCompanyId } : {}),
  };
}

/** Only what changed, so that the audit log says what the admin did. */
export function toUpdateRequest(before: User, values: UserFormValues): BodyOf<"updateUser"> {
  const body: BodyOf<"updateUser"> = {};
  if (values.name.trim() !== before.name) body.name = values.name.trim();
  const displayName = values.displayName.trim();
  if (displayName && displayName !== before.displayName && !belongsToClientCompany(values.role))
    body.displayName = displayName;
  if (values.locale !== before.locale) body.locale = values.locale;
  if (values.role !== before.role && !belongsToClientCompany(values.role)) body.role = values.role;
  const workStyle = hasWorkStyle(values.role) ? values.workStyle || null : null;
  if (workStyle !== before.workStyle) body.workStyle = workStyle;
  const teamId = hasTeam(values.role) ? values.teamId || null : null;
  if (teamId !== before.teamId) body.teamId = teamId;
  return body;
}

/** The server's refusal, per field; `unknown` when something else was at fault. */
export function serverUserErrors(error: ApiError): { fields: FieldErrors<UserField, FieldMessage>; unknown: boolean } {
  const fields: FieldErrors<UserField, FieldMessage> = {};
  let unknown = false;
  if (error.code === "user.email_taken")
    return { fields: { email: { key: "admin.userForm.error.emailTaken" } }, unknown };
  for (const [path, message] of Object.entries(error.fieldErrors())) {
    if (path.includes(".")) continue;
    if (path === "name") fields.name = nameError;
    else if (path === "displayName") fields.displayName = displayNameError;
    else if (path === "email") fields.email = { key: "admin.userForm.error.email" };
    else if (path === "role")
      fields.role = { key: /own role/.test(message) ? "admin.userForm.error.ownRole" : "admin.userForm.error.role" };
    else if (path === "clientCompanyId") fields.clientCompanyId = { key: "admin.userForm.error.company" };
    else if (path === "teamId") fields.teamId = { key: "admin.userForm.error.team" };
    else if (path === "workStyle") fields.workStyle = { key: "admin.userForm.error.workStyle" };
    else unknown = true;
  }
  return { fields, unknown };
}
