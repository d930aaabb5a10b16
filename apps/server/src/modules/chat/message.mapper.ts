import type { Message as MessageDto } from "@crewboard/contracts";
import type { Message, Prisma } from "@crewboard/db";
import { compareByCreation } from "@crewboard/domain";
import { personSelect, toPersonRef } from "../users/user.mapper.ts";

export const messageInclude = { author: { select: personSelect } } as const satisfies Prisma.MessageInclude;

export type MessageRow = Message & {
  author: { id: string; name: string; displayName: string | null; role: MessageDto["author"]["role"] };
};

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
 * Messages are ordered by (createdAt, id) like every list (http/pagination.ts): ids only break
 * ties, so imported or seeded messages with ids that do not follow time still read in order.
 */
export function isAfter(a: { id: string; createdAt: Date }, b: { id: string; createdAt: Date }): boolean {
  return compareByCreation(a, b) > 0;
}

/** A short plain excerpt for notifications. */
export function excerptOf(body: string, max = 80): string {
  const flat = body.replace(/\s+/g, " ").trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}
