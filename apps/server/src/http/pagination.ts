// Every list follows time: "newest first" lists order and page by (createdAt desc, id desc), and
// "oldest first" ones (feedback, deliverables, check-ins) by (createdAt asc, id asc). The id only
// breaks ties: ids are not trusted to follow time (the old demo seed wrote random ids with
// back-dated times; imported rows may do the same). Each list has an index on (…filter, createdAt, id).
//
// A list handler spreads `newestFirstPage(query)` into its findMany and answers `pageOf(rows, …)`:
//
//   const page = newestFirstPage(query);
//   const rows = await prisma.task.findMany({ where: { AND: [filters, page.where] }, orderBy: page.orderBy, take: page.take });
//   return pageOf(rows, query.limit, toTaskDto);
//
// The cursor's text form (opaque base64url of "<createdAt>|<id>") is defined with its schema in
// packages/contracts/src/pagination.ts, which rejects a bad cursor as a 400 on `query.cursor`.
import { encodePageCursor, type PageCursorValue } from "@crewboard/contracts";

export type Cursor = PageCursorValue;

interface CreatedRow {
  createdAt: Date;
  id: string;
}

/** Rows that come after `c` in newest-first order: older, or as old with a smaller id. */
export function olderThan(c: Cursor) {
  return { OR: [{ createdAt: { lt: c.createdAt } }, { createdAt: c.createdAt, id: { lt: c.id } }] };
}

/** Rows that come after `c` in oldest-first order. */
export function newerThan(c: Cursor) {
  return { OR: [{ createdAt: { gt: c.createdAt } }, { createdAt: c.createdAt, id: { gt: c.id } }] };
}

/** orderBy for newest first (a fresh array: Prisma's input types are mutable). */
export function newestFirst(): [{ createdAt: "desc" }, { id: "desc" }] {
  return [{ createdAt: "desc" }, { id: "desc" }];
}

/** orderBy for oldest first. */
export function oldestFirst(): [{ createdAt: "asc" }, { id: "asc" }] {
  return [{ createdAt: "asc" }, { id: "asc" }];
}

/**
 * The keyset part of a newest-first page query: rows after the cursor, in order, one more than
 * the limit (the extra row tells whether there is a next page).
 */
export function newestFirstPage(query: { cursor?: Cursor | undefined; limit: number }) {
  return { where: query.cursor ? olderThan(query.cursor) : {}, orderBy: newestFirst(), take: query.limit + 1 };
}

/** A page from rows fetched with `take: limit + 1`; the next cursor marks the page's last row. */
export function pageOf<Row extends CreatedRow, Item>(
  rows: Row[],
  limit: number,
  map: (row: Row) => Item,
): { items: Item[]; nextCursor: string | null } {
  const hasMore = rows.length > limit;
  const pageRows = hasMore ? rows.slice(0, limit) : rows;
  return { items: pageRows.map(map), nextCursor: hasMore ? encodePageCursor(pageRows[pageRows.length - 1]!) : null };
}
