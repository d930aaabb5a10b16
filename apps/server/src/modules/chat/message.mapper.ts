import type { Message as MessageDto } from "@crewboard/contracts";
import type { Message, Prisma } from "@crewboard/db";
import { personSelect, toPersonRef } from "../users/user.mapper.ts";

export const messageInclude = { author: { select: personSelect } } as const satisfies Prisma.MessageInclude;

export type MessageRow = Message & { author: { id: string; name: string; role: MessageDto["author"]["role"] } };

/** A deleted message keeps its place in the conversation but shows no text (earlier bodies stay in MessageRevision). */
export function toMessageDto(m: MessageRow): MessageDto {
  const deleted = m.deletedAt !== null;
  return {
    id: m.id,
    roomId: m.roomId,
    author: toPersonRef(m.author),
    body: deleted ? "" : m.body,
    mentions: deleted ? [] : m.mentions,
    clientKey: m.clientKey,
    editedAt: m.editedAt?.toISOString() ?? null,
    deletedAt: m.deletedAt?.toISOString() ?? null,
    createdAt: m.createdAt.toISOString(),
  };
}

/**
 * Messages are ordered by (createdAt, id). New ids are UUID v7 (time-ordered), but the order
 * must not depend on it: imported or seeded messages may carry other ids.
 */
export function newerThan(m: { id: string; createdAt: Date }): Prisma.MessageWhereInput {
  return { OR: [{ createdAt: { gt: m.createdAt } }, { createdAt: m.createdAt, id: { gt: m.id } }] };
}

export function olderThan(m: { id: string; createdAt: Date }): Prisma.MessageWhereInput {
  return { OR: [{ createdAt: { lt: m.createdAt } }, { createdAt: m.createdAt, id: { lt: m.id } }] };
}

export const newestFirst: Prisma.MessageOrderByWithRelationInput[] = [{ createdAt: "desc" }, { id: "desc" }];

/** true when a comes after b in the conversation */
export function isAfter(a: { id: string; createdAt: Date }, b: { id: string; createdAt: Date }): boolean {
  const d = a.createdAt.getTime() - b.createdAt.getTime();
  return d !== 0 ? d > 0 : a.id > b.id;
}

/** A short plain excerpt for notifications. */
export function excerptOf(body: string, max = 80): string {
  const flat = body.replace(/\s+/g, " ").trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}
