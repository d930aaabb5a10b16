// Chat and presence over Socket.IO. Every event is checked with its zod schema by `handle` and,
// in the use case, against the user's membership of the room (ChatMember, or admin).
import {
  DeleteMessagePayload,
  EditMessagePayload,
  ListChatRoomsPayload,
  ListPresencePayload,
  MarkReadPayload,
  MessageHistoryPayload,
  rooms,
  SendMessagePayload,
  SetPresencePayload,
  TalkToManagerPayload,
  TypingPayload,
} from "@crewboard/contracts";
import type { AuthUser } from "../../http/context.ts";
import type { SocketModule } from "../../realtime/realtime.ts";
import { handle } from "../../realtime/socket-handler.ts";
import { deleteMessage } from "./delete-message.ts";
import { editMessage } from "./edit-message.ts";
import { listChatRooms } from "./list-chat-rooms.ts";
import { listMessages } from "./list-messages.ts";
import { markRead } from "./mark-read.ts";
import { listPresence, setPresence, trackPresence } from "./presence.ts";
import { sendMessage } from "./send-message.ts";
import { setTyping } from "./set-typing.ts";
import { talkToManager } from "./talk-to-manager.ts";

export const chatSocket: SocketModule = (socket, ctx) => {
  const { io, prisma, logger, publish } = ctx;
  const user = socket.data.user as AuthUser;
  const actor = () => ctx.actorOf(socket);

  handle(socket, logger, "chat:rooms", ListChatRoomsPayload, () => listChatRooms(prisma, user));
  handle(socket, logger, "chat:talk_to_manager", TalkToManagerPayload, (request) => talkToManager(prisma, { actor: actor(), request, publish }));
  handle(socket, logger, "message:send", SendMessagePayload, (request) => sendMessage(prisma, { actor: actor(), request, publish }));
  handle(socket, logger, "message:edit", EditMessagePayload, (request) => editMessage(prisma, { actor: actor(), request, publish }));
  handle(socket, logger, "message:delete", DeleteMessagePayload, (request) => deleteMessage(prisma, { actor: actor(), request, publish }));
  handle(socket, logger, "message:history", MessageHistoryPayload, (request) => listMessages(prisma, user, request));
  handle(socket, logger, "message:read", MarkReadPayload, async (request) => {
    const { unread, marker } = await markRead(prisma, { actor: actor(), request });
    // 既読: the room (the sender included) sees how far this member has read; not stored as an event
    if (marker) io.to(rooms.chat(request.roomId)).emit("read:updated", marker);
    return { unread };
  });
  handle(socket, logger, "typing:update", TypingPayload, (request) => setTyping(prisma, socket, user, request));
  handle(socket, logger, "presence:set", SetPresencePayload, (request) => setPresence(io, prisma, socket, actor(), request));
  handle(socket, logger, "presence:list", ListPresencePayload, () => listPresence(io, prisma, user));

  trackPresence(socket, io, prisma, logger);
};
