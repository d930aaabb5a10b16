// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from "vitest";
import { screen, within } from "@testing-library/react";
import { setLocale } from "../../i18n/index.ts";
import type { ChatRoomSummary } from "../../lib/api.ts";
import { message } from "../../test/fixtures.ts";
import { makeUser, renderSignedIn, testQueryClient } from "../../test/render.tsx";
import { queryKeys } from "../../lib/query-keys.ts";
import { applyLiveEvent } from "../../lib/live.ts";
import { envelope } from "../../test/fixtures.ts";
import { RoomListItems, sortRooms } from "./RoomList.tsx";
import { applyMessageToRooms, applyReadMarker } from "./chat-queries.ts";

const ME = makeUser({ id: "u-crew7", name: "松本 結衣", displayName: "松本 結衣", role: "crew" });
const ITO = { id: "u-ito", name: "伊藤 大輔", displayName: "伊藤 大輔", role: "manager" as const };
const TAKAHASHI = { id: "u-takahashi", name: "高橋 真理子", displayName: "高橋 真理子", role: "manager" as const };
const SATO = { id: "u-sato", name: "佐藤 美咲", displayName: "佐藤 美咲", role: "client" as const };
const me = { id: ME.id, name: ME.name, displayName: ME.name, role: "crew" as const };

function room(overrides: Partial<ChatRoomSummary>): ChatRoomSummary {
  return {
    id: "r",
    kind: "team",
    name: null,
    workOrderId: null,
    team: { id: "team-b", name: "B" },
    members: [me, ITO],
    requesterId: null,
    claimedBy: null,
    unread: 0,
    lastMessage: null,
    readMarkers: [],
    ...overrides,
  };
}

const ROOMS: ChatRoomSummary[] = [
  room({
    id: "team",
    kind: "team",
    name: null,
    unread: 0,
    lastMessage: message({
      id: "m1",
      roomId: "team",
      author: ITO,
      body: "おはようございます",
      createdAt: "2026-11-24T00:02:00.000Z",
    }),
  }),
  room({
    id: "order",
    kind: "work_order",
    name: "#12 経費伝票の入力",
    team: null,
    workOrderId: "wo",
    members: [me, ITO, SATO],
    unread: 2,
    lastMessage: message({
      id: "m2",
      roomId: "order",
      author: SATO,
      body: "承知しました",
      createdAt: "2026-11-24T04:42:00.000Z",
    }),
  }),
  room({
    id: "direct",
    kind: "direct",
    name: null,
    team: null,
    unread: 1,
    lastMessage: message({
      id: "m3",
      roomId: "direct",
      author: ITO,
      body: "14時からはいかがですか？",
      createdAt: "2026-11-24T02:53:00.000Z",
    }),
  }),
  room({
    id: "support",
    kind: "support",
    name: null,
    team: null,
    members: [me, TAKAHASHI],
    requesterId: me.id,
    claimedBy: TAKAHASHI,
    unread: 0,
    lastMessage: null,
  }),
  room({
    id: "waiting",
    kind: "support",
    name: null,
    team: null,
    members: [me, ITO, TAKAHASHI],
    requesterId: me.id,
    claimedBy: null,
    unread: 0,
    lastMessage: null,
  }),
];

describe("chat rooms list", () => {
  beforeEach(() => setLocale("ja"));

  it("shows each room's name and unread count as text, the most recent first", () => {
    renderSignedIn(<RoomListItems rooms={ROOMS} me={me} />, { user: ME });
    const links = screen.getAllByRole("link");
    expect(links.map((a) => a.textContent)).toEqual([
      "依頼#12 経費伝票の入力未読 2 件",
      "個別伊藤 大輔未読 1 件",
      "チームチーム B のルーム",
      "相談管理者に相談 — 対応：高橋 真理子",
      "相談管理者に相談 — 対応待ち",
    ]);
    expect(links[0]).toHaveAttribute("href", "/chat/order");
    // no badge when nothing is unread
    expect(within(links[2]!).queryByText(/未読/)).not.toBeInTheDocument();
    // the last message, with its author
    const items = screen.getAllByRole("listitem");
    expect(items[0]).toHaveTextContent("佐藤 美咲：承知しました");
    expect(items[3]).toHaveTextContent("メッセージはまだありません");
  });

  it("in English", () => {
    setLocale("en");
    renderSignedIn(<RoomListItems rooms={ROOMS.slice(1, 2)} me={me} />, { user: ME });
    expect(screen.getByRole("link")).toHaveTextContent("Work order#12 経費伝票の入力2 unread");
    // the Japanese room name is marked as Japanese
    expect(screen.getByText("#12 経費伝票の入力")).toHaveAttribute("lang", "ja");
  });

  it("names a team room in the viewer's language, from its team", () => {
    setLocale("en");
    renderSignedIn(<RoomListItems rooms={[ROOMS[0]!]} me={me} />, { user: ME });
    expect(screen.getByRole("link")).toHaveTextContent("TeamTeam B room");
    expect(screen.getByRole("link")).not.toHaveTextContent("チーム");
  });

  it("names a support request after who asked, for managers", () => {
    const manager = { id: ITO.id, role: "manager" };
    renderSignedIn(<RoomListItems rooms={[ROOMS[4]!]} me={manager} />, {
      user: makeUser({ id: ITO.id, role: "manager" }),
    });
    expect(screen.getByRole("link")).toHaveTextContent("松本 結衣 さんからの相談 — 対応待ち");
  });

  it("sorts rooms without messages last", () => {
    expect(sortRooms(ROOMS).map((r) => r.id)).toEqual(["order", "direct", "team", "support", "waiting"]);
  });

  it("counts a new message once (however many hooks see it), and keeps the count when a summary is broadcast", () => {
    const client = testQueryClient();
    client.setQueryData(queryKeys.chat.rooms(), { items: ROOMS });
    const m = message({ id: "m9", roomId: "team", author: ITO, body: "hi", createdAt: "2026-11-24T05:00:00.000Z" });
    applyMessageToRooms(client, m, me.id);
    applyMessageToRooms(client, m, me.id);
    const team = () =>
      client.getQueryData<{ items: ChatRoomSummary[] }>(queryKeys.chat.rooms())!.items.find((r) => r.id === "team")!;
    expect(team().unread).toBe(1);
    expect(team().lastMessage?.id).toBe("m9");
    // the user's own message is not unread
    applyMessageToRooms(
      client,
      message({ id: "m10", roomId: "team", author: me, createdAt: "2026-11-24T05:01:00.000Z" }),
      me.id,
    );
    expect(team().unread).toBe(1);
    // a summary broadcast to the room (unread 0: not per viewer) keeps this user's count
    applyLiveEvent(client, envelope("chat_room:updated", { ...team(), unread: 0 }, "chat:team"), { userId: me.id });
    expect(team().unread).toBe(1);
    // the user read to the end elsewhere
    applyReadMarker(client, { roomId: "team", userId: me.id, messageId: "m10", at: "2026-11-24T05:02:00.000Z" }, me.id);
    expect(team().unread).toBe(0);
    expect(team().readMarkers).toContainEqual({ userId: me.id, messageId: "m10", at: "2026-11-24T05:02:00.000Z" });
  });
});
