// Sending to a room that clients may be in (their company room, their own room, a chat room): the
// company's people get the event as it is, clients get it with every person of the operating
// company named by their display name (access/client-view.ts). Two emits, each excluding the other
// kind of viewer, so every connection receives the event once, on every instance.
import { viewerRooms, withDisplayNames } from "../access/client-view.ts";
import type { CrewboardServer, CrewboardSocket } from "./types.ts";

type Emitter = { except(room: string): { emit(event: string, data: unknown): boolean } };

function emitBoth(target: Emitter, event: string, data: unknown): void {
  target.except(viewerRooms.displayNames).emit(event, data);
  target.except(viewerRooms.fullNames).emit(event, withDisplayNames(data));
}

/** Every connection in `room` (on every instance) gets `data` as its user may see it. */
export function emitToRoom(io: CrewboardServer, room: string, event: string, data: unknown): void {
  emitBoth(io.to(room) as unknown as Emitter, event, data);
}

/** Every other connection in `room` (a socket's broadcast: typing) gets `data` as its user may see it. */
export function broadcastToRoom(socket: CrewboardSocket, room: string, event: string, data: unknown): void {
  emitBoth(socket.to(room) as unknown as Emitter, event, data);
}
