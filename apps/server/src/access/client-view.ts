// Clients see the operating company's people by their display name only (issue 12). Every answer,
// live event, acknowledgement, replayed event and notification a client receives passes through
// `forViewer`: each person in it ({ id, name, displayName, role }) of the operating company gets
// their display name as `name` too. Mappers stay viewer-independent; the one rewrite is here.
import { displayNameOf, isEmployee, seesDisplayNamesOnly } from "@crewboard/domain";
import type { Identity } from "@crewboard/domain";
import { isSharedJsonCarrier, SharedJson } from "../realtime/shared-json.ts";

/** A person as every mapper writes one (PersonRef and the User it extends). */
function isPersonOfTheCompany(o: Record<string, unknown>): boolean {
  return (
    typeof o.id === "string" &&
    typeof o.name === "string" &&
    typeof o.displayName === "string" &&
    typeof o.role === "string" &&
    isEmployee({ role: o.role as Identity["role"] })
  );
}

/** A copy of `value` with every person of the operating company named by their display name. */
export function withDisplayNames<T>(value: T): T {
  // made for one kind of viewer already (a sync:request answer, realtime.ts SyncViews)
  if (value instanceof SharedJson || isSharedJsonCarrier(value)) return value;
  if (Array.isArray(value)) return value.map((v: unknown) => withDisplayNames(v)) as T;
  if (value === null || typeof value !== "object" || value instanceof Date) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = withDisplayNames(v);
  if (isPersonOfTheCompany(out)) out.name = out.displayName;
  return out as T;
}

/** `value` as `viewer` may receive it: unchanged for the company's people, display names for clients. */
export function forViewer<T>(viewer: Pick<Identity, "role"> | undefined | null, value: T): T {
  return viewer && seesDisplayNamesOnly(viewer) ? withDisplayNames(value) : value;
}

/**
 * Internal Socket.IO rooms (not joinable: they match no room pattern) that split a room's
 * connections by how they see people, so one emit per kind of viewer reaches each connection once,
 * on every instance (`to(room).except(other)` travels through the adapter).
 */
export const viewerRooms = {
  /** clients: see the company's people by display name */
  displayNames: "viewers:display-names",
  /** everyone else */
  fullNames: "viewers:full-names",
} as const;

export function viewerRoomOf(viewer: Pick<Identity, "role">): string {
  return seesDisplayNamesOnly(viewer) ? viewerRooms.displayNames : viewerRooms.fullNames;
}

/** How a client sees `person` named: the company's people by display name, clients by name. */
export function nameForClients(person: { name: string; displayName: string | null; role: Identity["role"] }): string {
  return isEmployee(person) ? displayNameOf(person) : person.name;
}
