// A client company's data in full when its contract ends (issue 15): the company, its users (as a
// directory: name, email, role — no password, no settings), its orders with their tasks,
// deliverables (metadata; the files are downloaded as before), feedback, follow-ups and the chat of
// its order rooms. Every query starts from the company's id, so no other company's rows can appear;
// the people of the operating company appear by display name only, as the client always saw them.
import { displayNameOf } from "@crewboard/domain";
import type { Tx } from "../../operations/context.ts";
import { AppError } from "../../errors.ts";

const person = { select: { id: true, name: true, displayName: true, role: true, clientCompanyId: true } } as const;
type PersonRow = { id: string; name: string; displayName: string | null; role: string; clientCompanyId: string | null };

export async function collectClientCompanyData(db: Tx, companyId: string, now: Date) {
  const company = await db.clientCompany.findUnique({ where: { id: companyId } });
  if (!company) throw new AppError("client_company.not_found");
  /** the company's own people by name; everyone else (the operating company) by display name */
  const who = (p: PersonRow | null) =>
    p === null ? null : p.clientCompanyId === companyId ? { id: p.id, name: p.name } : { name: displayNameOf(p) };
  const asc = [{ createdAt: "asc" as const }, { id: "asc" as const }];
  const [users, orders] = await Promise.all([
    db.user.findMany({
      where: { clientCompanyId: companyId },
      orderBy: asc,
      select: { id: true, name: true, email: true, role: true, locale: true, active: true, createdAt: true },
    }),
    db.workOrder.findMany({
      where: { clientCompanyId: companyId },
      orderBy: asc,
      include: {
        createdBy: person,
        tasks: {
          orderBy: asc,
          select: {
            id: true,
            title: true,
            description: true,
            acceptanceCriteria: true,
            status: true,
            progress: true,
            dueAt: true,
            completedAt: true,
            createdAt: true,
            assignee: person,
          },
        },
        deliverables: { orderBy: asc, omit: { content: true }, include: { uploadedBy: person } },
        feedback: {
          orderBy: asc,
          include: {
            author: person,
            followUp: {
              include: { stepRows: { orderBy: asc, select: { step: true, clientMessage: true, createdAt: true } } },
            },
          },
        },
        chatRoom: {
          include: {
            messages: {
              where: { deletedAt: null },
              orderBy: asc,
              select: { id: true, body: true, createdAt: true, editedAt: true, author: person },
            },
          },
        },
      },
    }),
  ]);
  return {
    exportedAt: now.toISOString(),
    company,
    users,
    workOrders: orders.map(({ createdBy, tasks, deliverables, feedback, chatRoom, ...o }) => ({
      ...o,
      createdBy: who(createdBy),
      tasks: tasks.map(({ assignee, ...t }) => ({ ...t, assignee: who(assignee) })),
      deliverables: deliverables.map(({ uploadedBy, ...d }) => ({ ...d, uploadedBy: who(uploadedBy) })),
      feedback: feedback.map(({ author, followUp, ...f }) => ({
        ...f,
        author: who(author),
        // what the client was told at each step; the internal notes stay inside the company
        followUp: followUp
          ? { id: followUp.id, status: followUp.status, closedAt: followUp.closedAt, steps: followUp.stepRows }
          : null,
      })),
      chat: (chatRoom?.messages ?? []).map(({ author, ...m }) => ({ ...m, author: who(author) })),
    })),
  };
}
