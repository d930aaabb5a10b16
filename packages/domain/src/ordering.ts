/**
 * Lists follow time: rows are ordered by when they were created, and the id only breaks ties
 * (two rows written in the same millisecond). Ids must never decide the order by themselves:
 * rows imported, seeded or written by another version may carry ids that do not follow time.
 * The server orders and pages by (createdAt, id) in the database; the web app uses this
 * comparator when it merges live items into lists it already holds.
 */
export interface CreatedRow {
  createdAt: string | Date;
  id: string;
}

const millis = (v: string | Date) => (typeof v === "string" ? Date.parse(v) : v.getTime());

/** Oldest first by (createdAt, id); negate (or swap the arguments) for newest first. */
export function compareByCreation(a: CreatedRow, b: CreatedRow): number {
  const d = millis(a.createdAt) - millis(b.createdAt);
  if (d !== 0) return d < 0 ? -1 : 1;
  // uuids in the canonical lowercase form compare like PostgreSQL compares uuid values
  const ia = a.id.toLowerCase();
  const ib = b.id.toLowerCase();
  return ia < ib ? -1 : ia > ib ? 1 : 0;
}

/** Newest first by (createdAt, id): the order of every "newest first" list. */
export function compareNewestFirst(a: CreatedRow, b: CreatedRow): number {
  return compareByCreation(b, a);
}
