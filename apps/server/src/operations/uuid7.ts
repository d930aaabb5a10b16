import { randomFillSync } from "node:crypto";

/**
 * Random bytes are taken from a pool filled 128 ids at a time, as node's randomUUID does: one
 * randomFillSync per id was ~1 % of the server's CPU under the writes bench (two ids per write).
 */
const POOL_IDS = 128;
const pool = Buffer.alloc(16 * POOL_IDS);
let taken = POOL_IDS;

function randomBytesInto(target: Buffer): void {
  if (taken === POOL_IDS) {
    randomFillSync(pool);
    taken = 0;
  }
  pool.copy(target, 0, taken * 16, taken * 16 + 16);
  taken++;
}

/**
 * A UUID version 7 (RFC 9562: 48 bits of Unix time in ms, then random bits), as Prisma's
 * `@default(uuid(7))` makes them: for rows a use case inserts with hand-written SQL, whose ids
 * must still sort by creation time (lists use the id as the tie-breaker after the time).
 */
export function uuid7(now: number = Date.now()): string {
  const b = Buffer.allocUnsafe(16);
  randomBytesInto(b);
  b.writeUIntBE(now, 0, 6);
  b[6] = 0x70 | (b[6]! & 0x0f);
  b[8] = 0x80 | (b[8]! & 0x3f);
  const h = b.toString("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
