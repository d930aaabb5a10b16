// Who is asking, as every rule sees them: the signed-in user of a REST request or a socket. This is
// the only file that compares roles; everything else asks these predicates or the rules built on them.
import type { Role } from "../roles.ts";

export interface Identity {
  id: string;
  role: Role;
  /** the client company of a client user; null for the operating company's people */
  clientCompanyId: string | null;
  /** the team of a manager or crew member */
  teamId: string | null;
}

/** Runs everything, including users and client companies. */
export const isAdmin = (who: Pick<Identity, "role">): boolean => who.role === "admin";
export const isManager = (who: Pick<Identity, "role">): boolean => who.role === "manager";
export const isCrew = (who: Pick<Identity, "role">): boolean => who.role === "crew";
export const isClient = (who: Pick<Identity, "role">): boolean => who.role === "client";

/** "Staff" has one meaning: the managers and admins who run the board. */
export const isStaff = (who: Pick<Identity, "role">): boolean => isAdmin(who) || isManager(who);

/** People of the operating company (everyone but clients): they share team rooms and see colleagues. */
export const isEmployee = (who: Pick<Identity, "role">): boolean => !isClient(who);

/** Two people of the same team (a person without a team shares it with nobody). */
export const sameTeam = (a: { teamId: string | null }, b: { teamId: string | null }): boolean =>
  a.teamId !== null && a.teamId === b.teamId;
