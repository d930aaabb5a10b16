// The filters of the REST lists, defined once. Each filter of a list's query names the item's field
// it looks at and how it compares. The server turns each into its SQL condition
// (apps/server/src/http/list-filters.ts); the web's live cache (apps/web/src/lib/live.ts) asks
// `matchesListQuery` whether an item that changed belongs in a list it has cached. So a created or
// updated item appears in, stays in or leaves exactly the lists the server would put it in.
//
//   equals        the field is the value ("me" stands for the viewer where `me` is set)
//   oneOf         the field is one of the values (a comma-separated list in the URL)
//   containsText  the field contains the value as one phrase, ignoring case (what you type is
//                 matched as written: `%` and `_` are letters, words are not reordered)
//   atMost        the field (an instant) is at or before the value; no value never matches
//   is            true: the field is `value`; false: it is not
//   present       true: the field has a value; false: it has none

export type ListFilterOp = "equals" | "oneOf" | "containsText" | "atMost" | "is" | "present";

export interface ListFilter {
  /** the item's field the filter looks at (a column on the server, a fact of the item on the web) */
  readonly field: string;
  readonly op: ListFilterOp;
  /** for `is`: the value the field is compared with */
  readonly value?: string;
  /** for `equals`: the query's "me" stands for the viewer's id */
  readonly me?: true;
}

/** A list's filters, by the name of their query parameter. */
export type ListQueryDef = Readonly<Record<string, ListFilter>>;

/** The fields a list's filters look at. */
export type ListFilterField<D extends ListQueryDef> = D[keyof D]["field"];

/** An item as its list's filters see it: the value of each field they look at. */
export type ListFacts<D extends ListQueryDef> = Readonly<Record<ListFilterField<D>, unknown>>;

/** GET /work-orders */
export const WORK_ORDER_LIST_FILTERS = {
  status: { field: "status", op: "oneOf" },
  clientCompanyId: { field: "clientCompanyId", op: "equals" },
  priority: { field: "priority", op: "equals" },
  q: { field: "title", op: "containsText" },
} as const satisfies ListQueryDef;

/** GET /tasks */
export const TASK_LIST_FILTERS = {
  workOrderId: { field: "workOrderId", op: "equals" },
  assigneeId: { field: "assigneeId", op: "equals", me: true },
  status: { field: "status", op: "oneOf" },
  blocked: { field: "status", op: "is", value: "blocked" },
  dueBefore: { field: "dueAt", op: "atMost" },
  /** only tasks whose order has a revision request that stands (true), or none (false) */
  revisionRequested: { field: "revisionRequest", op: "present" },
} as const satisfies ListQueryDef;

/** A query value that filters: an empty or missing one leaves the list unfiltered. */
export function isActiveFilterValue(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === "string") return value.trim() !== "";
  if (Array.isArray(value)) return value.length > 0;
  return true;
}

/** The phrase `containsText` looks for, as the server reads it (trimmed). */
export function searchPhrase(value: string): string {
  return value.trim();
}

/** The value `equals` wants: the viewer's id for "me" where the filter allows it. */
export function wantedValue(filter: ListFilter, value: unknown, viewer: { id: string } | undefined): unknown {
  return filter.me && value === "me" ? viewer?.id : value;
}

function matchesFilter(filter: ListFilter, value: unknown, fact: unknown, viewer: { id: string } | undefined): boolean {
  switch (filter.op) {
    case "equals":
      return fact === wantedValue(filter, value, viewer);
    case "oneOf":
      return (value as readonly unknown[]).includes(fact);
    case "containsText":
      return typeof fact === "string" && fact.toLowerCase().includes(searchPhrase(String(value)).toLowerCase());
    case "atMost":
      return typeof fact === "string" && Date.parse(fact) <= Date.parse(String(value));
    case "is":
      return (fact === filter.value) === Boolean(value);
    case "present":
      return (fact !== null && fact !== undefined) === Boolean(value);
  }
}

/**
 * Whether an item belongs in a list fetched with `query` (its filters as the server parses them:
 * lists as arrays, booleans as booleans). Members of the query that are not filters (cursor,
 * limit) are ignored. `viewer` is who "me" stands for, in the lists that have it.
 */
export function matchesListQuery<D extends ListQueryDef>(
  def: D,
  query: { readonly [K in keyof D]?: unknown },
  facts: ListFacts<D>,
  viewer?: { id: string },
): boolean {
  for (const name of Object.keys(def) as (keyof D & string)[]) {
    const value = query[name];
    if (!isActiveFilterValue(value)) continue;
    const filter = def[name]!;
    if (!matchesFilter(filter, value, facts[filter.field as ListFilterField<D>], viewer)) return false;
  }
  return true;
}
