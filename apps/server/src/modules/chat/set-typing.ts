import { rooms } from "@crewboard/contracts";
import type { SignedInUser } from "@crewboard/contracts";
import type { CrewboardSocket } from "../../realtime/types.ts";
import { toPersonRef } from "../users/user.mapper.ts";
import { broadcastToRoom } from "../../realtime/emit.ts";
import { requireRoomAccess } from "./chat-access.ts";
import type { Tx } from "../../operations/context.ts";

/** "… is typing": to the room's other connections only, never stored. */
export async function setTyping(
  prisma: Tx,
  socket: CrewboardSocket,
  user: SignedInUser,
  request: { roomId: string; typing: boolean },
): Promise<null> {
  await requireRoomAccess(prisma, user, request.roomId);
  broadcastToRoom(socket, rooms.chat(request.roomId), "typing:updated", {
    roomId: request.roomId,
    user: toPersonRef(user),
    typing: request.typing,
  });
  return null;
}
