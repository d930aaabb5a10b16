import type { User as UserDto, Me as MeDto, PersonRef, AccessibilityPreferences } from "@crewboard/contracts";
import type { User } from "@crewboard/db";
import { displayNameOf } from "@crewboard/domain";

/** A person as others see them; `displayName` is given by the row's chosen one, or its fallback. */
export function toPersonRef(u: Pick<User, "id" | "name" | "role"> & { displayName: string | null }): PersonRef {
  return { id: u.id, name: u.name, displayName: displayNameOf(u), role: u.role };
}

/**
 * A user as the admin's screens and profiles show them. Their accessibility needs are included only
 * when the caller has asked the policy (`personalAccess`) and audited the read.
 */
export function toUserDto(u: User, options: { withAccessibility: boolean } = { withAccessibility: false }): UserDto {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    displayName: displayNameOf(u),
    role: u.role,
    locale: u.locale === "en" ? "en" : "ja",
    workStyle: u.workStyle,
    accessibility: options.withAccessibility ? accessibilityOf(u) : null,
    skills: u.skills,
    clientCompanyId: u.clientCompanyId,
    teamId: u.teamId,
    active: u.active,
    mustChangePassword: u.mustChangePassword,
    erasedAt: u.erasedAt?.toISOString() ?? null,
    createdAt: u.createdAt.toISOString(),
  };
}

/** The signed-in user as they see themself, their own settings included. */
export function toMeDto(u: User): MeDto {
  return { ...toUserDto(u), accessibility: accessibilityOf(u) };
}

const accessibilityOf = (u: User) => (u.accessibility ?? {}) as AccessibilityPreferences;

export const personSelect = { id: true, name: true, displayName: true, role: true } as const;
