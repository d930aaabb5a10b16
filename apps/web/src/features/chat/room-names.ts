// What a room is called in the list and above its conversation.
// - work order rooms: their name ("#12 title"); team rooms: "チーム A のルーム" / "Team A room", in
//   the viewer's language (the server sends the team, not a name)
// - direct rooms: the other person (or people)
// - support rooms: "管理者に相談" for the one who asked, "○○ さんからの相談" for managers, with who
//   answers ("対応：name") or that nobody has yet ("対応待ち")
import type { I18n } from "../../i18n/index.ts";
import type { ChatRoomSummary, PersonRef } from "../../lib/api.ts";

type Viewer = { id: string; role: string };

export function otherMembers(room: Pick<ChatRoomSummary, "members">, viewer: Viewer): PersonRef[] {
  return room.members.filter((m) => m.id !== viewer.id);
}

/** The room's name, without its state. */
export function roomName(room: ChatRoomSummary, viewer: Viewer, t: I18n["t"]): string {
  switch (room.kind) {
    case "work_order":
      return room.name ?? t(`chat.kind.${room.kind}`);
    case "team":
      return room.team ? t("chat.team.roomName", { team: room.team.name }) : (room.name ?? t("chat.kind.team"));
    case "direct": {
      const others = otherMembers(room, viewer);
      return others.length ? others.map((m) => m.name).join("、") : (room.name ?? t("chat.kind.direct"));
    }
    case "support": {
      if (room.requesterId === viewer.id) return t("chat.support.name");
      const requester = room.members.find((m) => m.id === room.requesterId);
      return requester ? t("chat.support.nameFrom", { name: requester.name }) : t("chat.support.name");
    }
  }
}

/** Support rooms: who answers, or that nobody has yet. */
export function supportState(room: ChatRoomSummary, t: I18n["t"]): string | undefined {
  if (room.kind !== "support") return undefined;
  return room.claimedBy ? t("chat.support.answeredBy", { name: room.claimedBy.name }) : t("chat.support.waiting");
}

/** Name and state in one line: "管理者に相談 — 対応：伊藤 大輔". */
export function roomTitle(room: ChatRoomSummary, viewer: Viewer, t: I18n["t"]): string {
  const state = supportState(room, t);
  const name = roomName(room, viewer, t);
  return state ? `${name} — ${state}` : name;
}
