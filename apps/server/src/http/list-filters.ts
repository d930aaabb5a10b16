// A list's filters as Prisma conditions, from their one definition in packages/domain
// (list-queries.ts), which the web's live cache also runs on changed items: the two cannot drift.
import {
  isActiveFilterValue,
  searchPhrase,
  wantedValue,
  type ListFilter,
  type ListFilterField,
  type ListQueryDef,
} from "@crewboard/domain";

/** A search term as a LIKE pattern that matches itself: % and _ are letters here, not wildcards. */
export function literalContains(term: string): { contains: string; mode: "insensitive" } {
  return { contains: term.replace(/[\\%_]/g, (c) => `\\${c}`), mode: "insensitive" };
}

function condition(filter: ListFilter, value: unknown, viewer: { id: string }): unknown {
  switch (filter.op) {
    case "equals":
      return wantedValue(filter, value, viewer);
    case "oneOf":
      return { in: value };
    case "containsText":
      return literalContains(searchPhrase(String(value)));
    case "atMost":
      return { lte: new Date(String(value)) };
    case "is":
      return value ? filter.value : { not: filter.value };
    case "present":
      return value ? { not: null } : null;
  }
}

/**
 * The Prisma conditions (to AND) for the filters of `query` that have a value. A field that is no
 * column of the model (W's keys) needs its own condition in `derived`: the type asks for one.
 */
export function listFilterWhere<D extends ListQueryDef, W extends object>(
  def: D,
  query: { readonly [K in keyof D]?: unknown },
  viewer: { id: string },
  derived: { [F in Exclude<ListFilterField<D>, keyof W>]: (value: unknown) => W },
): W[] {
  const where: W[] = [];
  for (const name of Object.keys(def) as (keyof D & string)[]) {
    const value = query[name];
    if (!isActiveFilterValue(value)) continue;
    const filter = def[name]!;
    const own = (derived as Record<string, ((value: unknown) => W) | undefined>)[filter.field];
    where.push(own ? own(value) : ({ [filter.field]: condition(filter, value, viewer) } as W));
  }
  return where;
}
