// The managers' 「改善のご提案」 for a client company's month (issue 12). Versioned: the writer
// names the version they read (0: none yet), and a proposal changed meanwhile answers 409 instead
// of being overwritten. Idempotent: a retry with the same Idempotency-Key gets the first answer
// (operations/write.ts), and writing the same text again changes nothing and records nothing.
// Every change is audited.
import { mayWriteReportProposal } from "@crewboard/domain";
import type { PutReportProposalRequest, ReportProposal } from "@crewboard/contracts";
import { recordAudit } from "../../audit/record-audit.ts";
import { AppError } from "../../errors.ts";
import type { Actor, Tx } from "../../operations/context.ts";
import { findReportCompany, proposalInclude, toReportProposal } from "./get-client-report.ts";

export async function putReportProposal(
  tx: Tx,
  options: { actor: Actor; clientCompanyId: string; month: string; request: PutReportProposalRequest },
): Promise<ReportProposal> {
  const { actor, month, request } = options;
  if (!mayWriteReportProposal(actor.user)) throw new AppError("auth.forbidden");
  const company = await findReportCompany(tx, actor.user, options.clientCompanyId);
  const key = { clientCompanyId_month: { clientCompanyId: company.id, month } };
  const current = await tx.reportProposal.findUnique({ where: key, include: proposalInclude });
  const currentVersion = current?.version ?? 0;
  if (request.version !== currentVersion) {
    throw new AppError("report.proposal_version_conflict", {
      detail: `the proposal is at version ${currentVersion}; you sent ${request.version}`,
    });
  }
  // the same text again: nothing to change (a double click, a resend without a key)
  if (current && current.body === request.body) return toReportProposal(current);

  let saved;
  if (!current) {
    saved = await tx.reportProposal.create({
      data: { clientCompanyId: company.id, month, body: request.body, updatedById: actor.user.id },
      include: proposalInclude,
    });
  } else {
    // the version in the filter makes a concurrent writer's update match nothing
    const changed = await tx.reportProposal.updateMany({
      where: { id: current.id, version: current.version },
      data: { body: request.body, version: { increment: 1 }, updatedById: actor.user.id },
    });
    if (changed.count !== 1) throw new AppError("report.proposal_version_conflict");
    saved = await tx.reportProposal.findUniqueOrThrow({ where: { id: current.id }, include: proposalInclude });
  }
  await recordAudit(tx, actor, {
    action: "report_proposal.update",
    entityType: "report_proposal",
    entityId: saved.id,
    metadata: { clientCompanyId: company.id, month, version: saved.version, length: request.body.length },
  });
  return toReportProposal(saved);
}
