// Chat and presence over Socket.IO: each client event of the catalogue (contracts
// operations/socket.ts) bound to its use case. Payloads and gates are checked by
// registerSocketOperation; the use cases check the user's membership of the room.
import { audience } from "@crewboard/domain";
import type { SocketModule } from "../../realtime/realtime.ts";
import { registerSocketOperation } from "../../operations/socket.ts";
import { deleteMessage } from "./delete-message.ts";
import { editMessage } from "./edit-message.ts";
import { listChatRooms } from "./list-chat-rooms.ts";
import { listMessages } from "./list-messages.ts";
import { markRead } from "./mark-read.ts";
import { announcePresence, listPresence, setPresence, trackPresence } from "./presence.ts";
import { usualReplyTime } from "./reply-time.ts";
import { sendMessage } from "./send-message.ts";
import { setTyping } from "./set-typing.ts";
import { talkToManager } from "./talk-to-manager.ts";

export const chatSocket: SocketModule = (socket, ctx) => {
  const { io, prisma, logger, deps } = ctx;

  registerSocketOperation(socket, deps, "listChatRooms", ({ db, user }) => listChatRooms(db, user));
  registerSocketOperation(socket, deps, "talkToManager", ({ db, actor, payload, events }) =>
    talkToManager(db, { actor, request: payload, events }),
  );
  registerSocketOperation(socket, deps, "replyTime", ({ db }) => usualReplyTime(db));
  registerSocketOperation(socket, deps, "sendMessage", ({ db, actor, payload, events }) =>
    sendMessage(db, { actor, request: payload, events }),
  );
  registerSocketOperation(socket, deps, "editMessage", ({ db, actor, payload, events }) =>
    editMessage(db, { actor, request: payload, events }),
  );
  registerSocketOperation(socket, deps, "deleteMessage", ({ db, actor, payload, events }) =>
    deleteMessage(db, { actor, request: payload, events }),
  );
  registerSocketOperation(socket, deps, "listMessages", ({ db, user, payload }) => listMessages(db, user, payload));
  registerSocketOperation(socket, deps, "markRead", async ({ db, actor, payload, events }) => {
    const { unread, marker } = await markRead(db, { actor, request: payload });
    // 既読: the room (the sender included) sees how far this member has read; not stored as an event
    if (marker) events.onCommit(() => void io.to(audience.chatRoom(payload.roomId)).emit("read:updated", marker));
    return { unread };
  });
  registerSocketOperation(socket, deps, "setTyping", ({ db, user, payload }) => setTyping(db, socket, user, payload));
  registerSocketOperation(socket, deps, "setPresence", async ({ db, actor, payload, events }) => {
    const presence = await setPresence(io, db, socket, actor, payload);
    events.onCommit(() => announcePresence(io, prisma, actor.user, presence));
    return presence;
  });
  registerSocketOperation(socket, deps, "listPresence", ({ db, user }) => listPresence(io, db, user));

  trackPresence(socket, io, prisma, logger);
};
