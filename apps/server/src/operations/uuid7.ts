import { randomFillSync } from "node:crypto";

/**
 * A UUID version 7 (RFC 9562: 48 bits of Unix time in ms, then random bits), as Prisma's
 * `@default(uuid(7))` makes them: for rows a use case inserts with hand-written SQL, whose ids
 * must still sort by creation time (lists use the id as the tie-breaker after the time).
 */
export function uuid7(now: number = Date.now()): string {
  const b = randomFillSync(Buffer.alloc(16));
  b.writeUIntBE(now, 0, 6);
  b[6] = 0x70 | (b[6]! & 0x0f);
  b[8] = 0x80 | (b[8]! & 0x3f);
  const h = b.toString("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
