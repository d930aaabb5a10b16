import type { User as UserDto, PersonRef, AccessibilityPreferences } from "@crewboard/contracts";
import type { User } from "@crewboard/db";

export function toPersonRef(u: Pick<User, "id" | "name" | "role">): PersonRef {
  return { id: u.id, name: u.name, role: u.role };
}

export function toUserDto(u: User): UserDto {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role,
    locale: u.locale === "en" ? "en" : "ja",
    workStyle: u.workStyle,
    accessibility: (u.accessibility ?? {}) as AccessibilityPreferences,
    skills: u.skills,
    clientCompanyId: u.clientCompanyId,
    teamId: u.teamId,
    active: u.active,
    mustChangePassword: u.mustChangePassword,
    createdAt: u.createdAt.toISOString(),
  };
}

export const personSelect = { id: true, name: true, role: true } as const;
