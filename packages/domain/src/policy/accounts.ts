// What an account of each role carries, and how an admin may change it. Clients belong to a client
// company and to no team; the operating company's people belong to a team; only crew members have
// a work style (office, home, hybrid).
import type { Role } from "../roles.ts";
import { isClient, isCrew } from "./identity.ts";

export const belongsToClientCompany = (role: Role): role is "client" => isClient({ role });
export const belongsToTeam = (role: Role): boolean => !isClient({ role });
export const hasWorkStyle = (role: Role): boolean => isCrew({ role });

/**
 * An admin changes someone's role. Nobody changes their own, and a client account stays a client
 * account (it belongs to a client company: a staff account is created instead).
 */
export function roleChange(from: Role, to: Role, self: boolean): "allowed" | "own_role" | "client_stays_client" {
  if (from === to) return "allowed";
  if (self) return "own_role";
  return isClient({ role: from }) || isClient({ role: to }) ? "client_stays_client" : "allowed";
}
