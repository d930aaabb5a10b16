import type { ChatRoomSummary } from "@crewboard/contracts";
import { listsChatRoom } from "@crewboard/domain";
import type { SignedInUser } from "@crewboard/contracts";
import { buildRoomSummary } from "./chat-room.mapper.ts";
import type { Tx } from "../../operations/context.ts";

/** The rooms the user is a member of, the most recently active first. */
export async function listChatRooms(prisma: Tx, user: SignedInUser): Promise<{ items: ChatRoomSummary[] }> {
  const memberships = await prisma.chatMember.findMany({
    where: { userId: user.id },
    select: { roomId: true, room: { select: { createdAt: true } } },
  });
  const items: { summary: ChatRoomSummary; activeAt: string }[] = [];
  for (const m of memberships) {
    const summary = await buildRoomSummary(prisma, m.roomId, user.id);
    items.push({ summary, activeAt: summary.lastMessage?.createdAt ?? m.room.createdAt.toISOString() });
  }
  items.sort((a, b) => (a.activeAt < b.activeAt ? 1 : a.activeAt > b.activeAt ? -1 : 0));
  // the memberships above are the rule; asked by name so the web's list follows the same one
  return { items: items.map((i) => i.summary).filter((summary) => listsChatRoom(summary, user)) };
}
