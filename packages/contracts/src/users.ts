import * as z from "zod";
import { LOCALES, ROLES, WORK_STYLES } from "@crewboard/domain";
import { Id, PageQuery, Timestamp, page, PersonRef } from "./common.ts";

export const Role = z.enum(ROLES);
export const Locale = z.enum(LOCALES);
export const WorkStyle = z.enum(WORK_STYLES);

export const AccessibilityPreferences = z
  .strictObject({
    textSize: z.enum(["normal", "large", "larger"]).optional(),
    highContrast: z.boolean().optional(),
    reducedMotion: z.boolean().optional(),
    simpleLayout: z.boolean().optional(),
  })
  .meta({ id: "AccessibilityPreferences" });
export type AccessibilityPreferences = z.infer<typeof AccessibilityPreferences>;

export const User = z
  .object({
    id: Id,
    email: z.email(),
    name: z.string(),
    role: Role,
    locale: Locale,
    workStyle: WorkStyle.nullable(),
    accessibility: AccessibilityPreferences,
    skills: z.array(z.string()),
    clientCompanyId: Id.nullable(),
    teamId: Id.nullable(),
    active: z.boolean(),
    createdAt: Timestamp,
  })
  .meta({ id: "User" });
export type User = z.infer<typeof User>;

const Name = z.string().trim().min(1).max(100);
const Password = z.string().min(12, "at least 12 characters").max(256);

export const CreateUserRequest = z
  .strictObject({
    email: z.email().max(254).transform((e) => e.toLowerCase()),
    name: Name,
    password: Password,
    role: Role,
    locale: Locale.default("ja"),
    workStyle: WorkStyle.optional(),
    skills: z.array(z.string().trim().min(1).max(50)).max(30).default([]),
    clientCompanyId: Id.optional(),
    teamId: Id.optional(),
  })
  .superRefine((v, ctx) => {
    if (v.role === "client" && !v.clientCompanyId) {
      ctx.addIssue({ code: "custom", path: ["clientCompanyId"], message: "a client user needs a client company" });
    }
    if (v.role !== "client" && v.clientCompanyId) {
      ctx.addIssue({ code: "custom", path: ["clientCompanyId"], message: "only client users belong to a client company" });
    }
    if (v.role !== "crew" && v.workStyle) {
      ctx.addIssue({ code: "custom", path: ["workStyle"], message: "only crew members have a work style" });
    }
  })
  .meta({ id: "CreateUserRequest" });
export type CreateUserRequest = z.infer<typeof CreateUserRequest>;

/** Admin changes to a user; `active: false` deactivates and ends every session at once. */
export const UpdateUserRequest = z
  .strictObject({
    name: Name.optional(),
    active: z.boolean().optional(),
    locale: Locale.optional(),
    workStyle: WorkStyle.optional(),
    skills: z.array(z.string().trim().min(1).max(50)).max(30).optional(),
    teamId: Id.nullable().optional(),
    password: Password.optional(),
  })
  .meta({ id: "UpdateUserRequest" });
export type UpdateUserRequest = z.infer<typeof UpdateUserRequest>;

/** What a user changes about themself (settings). */
export const UpdateMeRequest = z
  .strictObject({
    locale: Locale.optional(),
    accessibility: AccessibilityPreferences.optional(),
  })
  .meta({ id: "UpdateMeRequest" });
export type UpdateMeRequest = z.infer<typeof UpdateMeRequest>;

export const MeResponse = z.object({ user: User });
export type MeResponse = z.infer<typeof MeResponse>;

export const ListUsersQuery = PageQuery.extend({
  role: Role.optional(),
  clientCompanyId: Id.optional(),
  active: z.enum(["true", "false"]).transform((v) => v === "true").optional(),
});
export type ListUsersQuery = z.infer<typeof ListUsersQuery>;
export const UserPage = page(User);

/** Crew a client may nominate, and staff may assign: names only. */
export const CrewMember = PersonRef.extend({ workStyle: WorkStyle.nullable() }).meta({ id: "CrewMember" });
export const CrewList = z.object({ items: z.array(CrewMember) });

export const ClientCompany = z
  .object({ id: Id, name: z.string(), nameEn: z.string().nullable(), active: z.boolean(), createdAt: Timestamp })
  .meta({ id: "ClientCompany" });
export type ClientCompany = z.infer<typeof ClientCompany>;

export const CreateClientCompanyRequest = z
  .strictObject({ name: Name, nameEn: Name.optional() })
  .meta({ id: "CreateClientCompanyRequest" });
export type CreateClientCompanyRequest = z.infer<typeof CreateClientCompanyRequest>;

/** `active: false` deactivates the company and signs out all its users. */
export const UpdateClientCompanyRequest = z
  .strictObject({ name: Name.optional(), nameEn: Name.nullable().optional(), active: z.boolean().optional() })
  .meta({ id: "UpdateClientCompanyRequest" });
export type UpdateClientCompanyRequest = z.infer<typeof UpdateClientCompanyRequest>;
export const ClientCompanyPage = page(ClientCompany);
