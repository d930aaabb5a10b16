import * as z from "zod";
import {
  belongsToClientCompany,
  hasWorkStyle,
  LOCALES,
  ROLES,
  WORK_STYLES,
  TEXT_LIMITS,
  PASSWORD_MIN_LENGTH,
  PASSWORD_MAX_LENGTH,
  CHECK_IN_BY_PATTERN,
} from "@crewboard/domain";
import { Id, PageQuery, QueryBoolean, Timestamp, page, PersonRef } from "./common.ts";

export const Role = z.enum(ROLES);
export const Locale = z.enum(LOCALES);
export const WorkStyle = z.enum(WORK_STYLES);

export const AccessibilityPreferences = z
  .strictObject({
    textSize: z.enum(["normal", "large", "larger"]).optional(),
    highContrast: z.boolean().optional(),
    reducedMotion: z.boolean().optional(),
    simpleLayout: z.boolean().optional(),
    /** a gentle break reminder on My Day after this many minutes of work (null: none); issue 9 barrier 10 */
    breakMinutes: z.number().int().min(15).max(240).nullable().optional(),
    /** read-aloud speed (speech synthesis rate: 0.75 slower, 1 normal, 1.25 faster); issue 9 barrier 12 */
    speechRate: z.number().min(0.5).max(2).optional(),
    /**
     * easy-read (issue 9 barrier 11): in Japanese the plain-Japanese catalogue with furigana; in
     * either language the layout aids (focus mode, criteria opened)
     */
    easyRead: z.boolean().optional(),
  })
  .meta({ id: "AccessibilityPreferences" });
export type AccessibilityPreferences = z.infer<typeof AccessibilityPreferences>;

export const User = z
  .object({
    id: Id,
    email: z.email(),
    name: z.string(),
    /** how clients see this person (issue 12): chosen by them or an admin, else the name's first word */
    displayName: z.string(),
    role: Role,
    locale: Locale,
    workStyle: WorkStyle.nullable(),
    /**
     * A person's accessibility needs are their own data: present for the person themself, and in a
     * profile read by their own team's managers or an admin (audited); null everywhere else.
     */
    accessibility: AccessibilityPreferences.nullable(),
    skills: z.array(z.string()),
    clientCompanyId: Id.nullable(),
    teamId: Id.nullable(),
    active: z.boolean(),
    /** signed in with a one-time password and must choose their own before anything else */
    mustChangePassword: z.boolean(),
    /** issue 15: when an admin erased this departed person's personal data; null otherwise */
    erasedAt: Timestamp.nullable(),
    createdAt: Timestamp,
  })
  .meta({ id: "User" });
export type User = z.infer<typeof User>;

const Name = z.string().trim().min(1).max(TEXT_LIMITS.name);
/** A password a person chooses: long rather than complicated (NIST SP 800-63B). */
export const NewPassword = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `at least ${PASSWORD_MIN_LENGTH} characters`)
  .max(PASSWORD_MAX_LENGTH, `at most ${PASSWORD_MAX_LENGTH} characters`);

export const CreateUserRequest = z
  .strictObject({
    email: z
      .email()
      .max(TEXT_LIMITS.email)
      .transform((e) => e.toLowerCase()),
    name: Name,
    displayName: Name.optional(),
    role: Role,
    locale: Locale.default("ja"),
    workStyle: WorkStyle.optional(),
    skills: z.array(z.string().trim().min(1).max(50)).max(30).default([]),
    clientCompanyId: Id.optional(),
    teamId: Id.optional(),
  })
  .superRefine((v, ctx) => {
    if (belongsToClientCompany(v.role) && !v.clientCompanyId) {
      ctx.addIssue({ code: "custom", path: ["clientCompanyId"], message: "a client user needs a client company" });
    }
    if (!belongsToClientCompany(v.role) && v.clientCompanyId) {
      ctx.addIssue({
        code: "custom",
        path: ["clientCompanyId"],
        message: "only client users belong to a client company",
      });
    }
    if (!hasWorkStyle(v.role) && v.workStyle) {
      ctx.addIssue({ code: "custom", path: ["workStyle"], message: "only crew members have a work style" });
    }
  })
  .meta({ id: "CreateUserRequest" });
export type CreateUserRequest = z.infer<typeof CreateUserRequest>;

/**
 * A new user and the one-time password the server made for them. The password is in this answer
 * only: the server keeps its hash, and the user must choose their own at the first sign-in.
 */
export const CreateUserResponse = z
  .object({ user: User, oneTimePassword: z.string().meta({ example: "K7QM-3XTR-PW9H-DF2N" }) })
  .meta({ id: "CreateUserResponse" });
export type CreateUserResponse = z.infer<typeof CreateUserResponse>;

/** The staff roles an admin may move a person between; a client account stays a client's. */
export const STAFF_ROLES = ["admin", "manager", "crew"] as const;

/**
 * Admin changes to a user. `active: false` deactivates and ends every session and connection at
 * once; a change of role or team ends their connections so that they reconnect with the new rooms.
 * Passwords are not set here: see POST /users/:id/password-reset.
 */
export const UpdateUserRequest = z
  .strictObject({
    name: Name.optional(),
    displayName: Name.optional(),
    active: z.boolean().optional(),
    role: z.enum(STAFF_ROLES).optional(),
    locale: Locale.optional(),
    workStyle: WorkStyle.nullable().optional(),
    skills: z.array(z.string().trim().min(1).max(50)).max(30).optional(),
    teamId: Id.nullable().optional(),
  })
  .meta({ id: "UpdateUserRequest" });
export type UpdateUserRequest = z.infer<typeof UpdateUserRequest>;

/** A fresh one-time password for a user who forgot theirs (shown once; they must change it). */
export const ResetPasswordResponse = z
  .object({ user: User, oneTimePassword: z.string().meta({ example: "K7QM-3XTR-PW9H-DF2N" }) })
  .meta({ id: "ResetPasswordResponse" });
export type ResetPasswordResponse = z.infer<typeof ResetPasswordResponse>;

/** Changing one's own password: the current one, and a new one that differs from it. */
export const ChangePasswordRequest = z
  .strictObject({
    currentPassword: z.string().min(1, "required").max(PASSWORD_MAX_LENGTH),
    newPassword: NewPassword,
  })
  .superRefine((v, ctx) => {
    if (v.currentPassword === v.newPassword) {
      ctx.addIssue({ code: "custom", path: ["newPassword"], message: "must differ from the current password" });
    }
  })
  .meta({ id: "ChangePasswordRequest" });
export type ChangePasswordRequest = z.infer<typeof ChangePasswordRequest>;

/** What a user changes about themself (settings). */
export const UpdateMeRequest = z
  .strictObject({
    locale: Locale.optional(),
    accessibility: AccessibilityPreferences.optional(),
    /** how clients see me (issue 12) */
    displayName: Name.optional(),
  })
  .meta({ id: "UpdateMeRequest" });
export type UpdateMeRequest = z.infer<typeof UpdateMeRequest>;

/** The signed-in user as they see themself: their own settings included. */
export const Me = User.extend({ accessibility: AccessibilityPreferences }).meta({ id: "Me" });
export type Me = z.infer<typeof Me>;

export const MeResponse = z.object({ user: Me });
export type MeResponse = z.infer<typeof MeResponse>;

export const ListUsersQuery = PageQuery.extend({
  role: Role.optional(),
  clientCompanyId: Id.optional(),
  teamId: Id.optional(),
  active: QueryBoolean.optional(),
  /** part of the name or email (case-insensitive) */
  q: z.string().trim().min(1).max(TEXT_LIMITS.adminSearch).optional(),
});
export type ListUsersQuery = z.infer<typeof ListUsersQuery>;
export const UserPage = page(User);

/** Crew a client may nominate, and staff may assign: names only. */
/** A crew member for choosing people: clients get the name only; colleagues also the work style. */
export const CrewMember = PersonRef.extend({ workStyle: WorkStyle.nullable().optional() }).meta({ id: "CrewMember" });
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

export const ListClientCompaniesQuery = PageQuery.extend({
  active: QueryBoolean.optional(),
  /** part of the name (Japanese or English, case-insensitive) */
  q: z.string().trim().min(1).max(TEXT_LIMITS.adminSearch).optional(),
});
export type ListClientCompaniesQuery = z.infer<typeof ListClientCompaniesQuery>;

export const Team = z
  .object({
    id: Id,
    name: z.string(),
    /** issue 12: "HH:MM" (Asia/Tokyo) by which its crew are expected to have checked in; null: no reminder */
    checkInBy: z.string().regex(CHECK_IN_BY_PATTERN).nullable(),
  })
  .meta({ id: "Team" });
export type Team = z.infer<typeof Team>;

/** Issue 12: a team's settings (admins, and the team's own managers). */
export const UpdateTeamRequest = z
  .strictObject({
    /** "HH:MM" on the company's calendar, or null to send no check-in reminders */
    checkInBy: z.string().regex(CHECK_IN_BY_PATTERN, "HH:MM, 00:00–23:59").nullable(),
  })
  .meta({ id: "UpdateTeamRequest" });
export type UpdateTeamRequest = z.infer<typeof UpdateTeamRequest>;
export const TeamList = z.object({ items: z.array(Team) });
