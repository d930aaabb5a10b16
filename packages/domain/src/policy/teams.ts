// Issue 12: a team's own settings (the time its crew are expected to have checked in by) are
// changed by admins and by that team's own managers; another team's manager may not.
import { isAdmin, isManager, type Identity } from "./identity.ts";

export function mayChangeTeamSettings(who: Identity, teamId: string): boolean {
  return isAdmin(who) || (isManager(who) && who.teamId === teamId);
}
