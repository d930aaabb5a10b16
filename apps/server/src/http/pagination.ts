/**
 * Keyset pagination over uuid v7 ids (which sort by creation time): the query fetched
 * `limit + 1` rows ordered by id desc; the extra row tells whether there is a next page.
 */
export function pageOf<Row extends { id: string }, Item>(rows: Row[], limit: number, map: (row: Row) => Item) {
  const hasMore = rows.length > limit;
  const pageRows = hasMore ? rows.slice(0, limit) : rows;
  return { items: pageRows.map(map), nextCursor: hasMore ? pageRows[pageRows.length - 1]!.id : null };
}
