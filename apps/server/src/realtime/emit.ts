// Sending to a room that clients may be in (their company room, their own room, a chat room): the
// company's people get the event as it is, clients get it with every person of the operating
// company named by their display name (access/client-view.ts). Two emits, each excluding the other
// kind of viewer, so every connection receives the event once, on every instance.
//
// Socket.IO encodes a packet before it looks for the sockets it goes to, so each emit costs an
// encode (and the clients' one a rewrite of the event) even when nobody receives it: the write
// bench's profile showed both for every progress write, with no socket connected. A single instance
// (no adapter between instances) knows every connection of the room, so it skips an emit that
// reaches nobody here. With an adapter (Redis streams) other instances may hold such connections:
// both emits always go out.
import { viewerRooms, withDisplayNames } from "../access/client-view.ts";
import type { CrewboardServer, CrewboardSocket } from "./types.ts";

type Emitter = { except(room: string): { emit(event: string, data: unknown): boolean } };

/** Servers whose connections are all on this instance (createRealtime without an adapter). */
const singleInstance = new WeakSet<CrewboardServer>();

/** `io` has no adapter between instances: a room's connections are the ones its adapter lists here. */
export function markSingleInstance(io: CrewboardServer): void {
  singleInstance.add(io);
}

interface Viewers {
  fullNames: boolean;
  displayNames: boolean;
}

const EVERYONE: Viewers = { fullNames: true, displayNames: true };

/** Which kinds of viewer an emit to `room` (leaving out the socket `except`) may reach. */
function viewersOf(io: CrewboardServer, room: string, except?: string): Viewers {
  if (!singleInstance.has(io)) return EVERYONE;
  const local = io.of("/").adapter.rooms;
  const members = local.get(room);
  if (!members) return { fullNames: false, displayNames: false };
  const clients = local.get(viewerRooms.displayNames);
  const staff = local.get(viewerRooms.fullNames);
  const found: Viewers = { fullNames: false, displayNames: false };
  for (const id of members) {
    if (id === except) continue;
    const client = clients?.has(id) ?? false;
    const person = staff?.has(id) ?? false;
    // a connection in neither viewer room is excluded by neither emit: it gets both, as before
    if (client || !person) found.displayNames = true;
    if (person || !client) found.fullNames = true;
    if (found.fullNames && found.displayNames) break;
  }
  return found;
}

function emitBoth(target: Emitter, viewers: Viewers, event: string, data: unknown): void {
  if (viewers.fullNames) target.except(viewerRooms.displayNames).emit(event, data);
  if (viewers.displayNames) target.except(viewerRooms.fullNames).emit(event, withDisplayNames(data));
}

/** Every connection in `room` (on every instance) gets `data` as its user may see it. */
export function emitToRoom(io: CrewboardServer, room: string, event: string, data: unknown): void {
  emitBoth(io.to(room) as unknown as Emitter, viewersOf(io, room), event, data);
}

/** Every other connection in `room` (a socket's broadcast: typing) gets `data` as its user may see it. */
export function broadcastToRoom(socket: CrewboardSocket, room: string, event: string, data: unknown): void {
  emitBoth(socket.to(room) as unknown as Emitter, viewersOf(socket.nsp.server, room, socket.id), event, data);
}
