// Monthly reports for clients (issue 12): a client company's month of work — orders completed and on
// time, ratings, follow-ups, hours by skill — and the managers' 「改善のご提案」 for that month.
import { isClient, isStaff, type Identity } from "./identity.ts";

/**
 * A company's monthly report is read by that company's client users, and by managers and admins
 * (who prepare it). Another company's clients never, and crew never (they are not its audience).
 */
export function mayReadClientReport(who: Identity, clientCompanyId: string): boolean {
  if (isStaff(who)) return true;
  return isClient(who) && who.clientCompanyId !== null && who.clientCompanyId === clientCompanyId;
}

/** Managers and admins write the month's improvement proposal; clients read it in the report. */
export function mayWriteReportProposal(who: Identity): boolean {
  return isStaff(who);
}
