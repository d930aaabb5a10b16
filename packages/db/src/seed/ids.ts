// UUID v7 ids minted from a given time (RFC 9562 §5.7): the first 48 bits are the Unix time in
// milliseconds, so an id says when its row was made. The demo seed writes rows "in the past"
// (progress at 09:40, a message yesterday); minting each id from the row's own createdAt keeps
// ids and times in agreement, as they are for rows the app writes live (@default(uuid(7))).
// Lists never rely on it — they order by (createdAt, id) — but a seeded id that contradicted
// its time would still mislead anyone reading the data.
//
// A few lines rather than a dependency: the `uuid` package's v7 takes `msecs` too, but nothing
// else here needs it. Within one millisecond a 12-bit counter (rand_a, RFC 9562 method 1) keeps
// ids minted later greater, so rows seeded at the same time still sort in the order written.
import { randomBytes } from "node:crypto";

export function createIdMinter(): (at: Date) => string {
  // per millisecond: the seed does not write rows in time order
  const counters = new Map<number, number>();
  return (at: Date) => {
    const ms = at.getTime();
    if (!Number.isInteger(ms) || ms < 0 || ms > 0xffff_ffff_ffff)
      throw new RangeError(`uuid v7: not a time: ${String(at)}`);
    const previous = counters.get(ms);
    // a random start leaves room to count up
    const counter = previous === undefined ? randomBytes(1)[0]! & 0x3f : previous + 1;
    if (counter > 0xfff) throw new RangeError("uuid v7: more than 4096 ids in one millisecond");
    counters.set(ms, counter);
    const bytes = randomBytes(16);
    // 48-bit big-endian milliseconds
    bytes.writeUIntBE(ms, 0, 6);
    // version 7 and the 12-bit counter
    bytes[6] = 0x70 | ((counter >> 8) & 0x0f);
    bytes[7] = counter & 0xff;
    // variant 10xx
    bytes[8] = 0x80 | (bytes[8]! & 0x3f);
    const hex = bytes.toString("hex");
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  };
}

/** The time a UUID v7 was minted at (milliseconds), or null for another version. */
export function uuidV7Time(id: string): number | null {
  const hex = id.replace(/-/g, "");
  if (!/^[0-9a-f]{32}$/i.test(hex) || hex[12] !== "7") return null;
  return Number.parseInt(hex.slice(0, 12), 16);
}
