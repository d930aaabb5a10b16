// @vitest-environment jsdom
// A "talk to a manager" room that another manager took (issue 7 item 8): for manager2, who was
// asked too, the room leaves his list at once, and the conversation he still has open offers
// nothing he can no longer do (no 削除 on crew7's message, no composer) and says who answers.
// The rule is the server's too: @crewboard/domain chat.ts.
import { beforeEach, describe, expect, it } from "vitest";
import { act, screen, waitFor, within } from "@testing-library/react";
import { setLocale } from "../../i18n/index.ts";
import type { ChatRoomSummary } from "../../lib/api.ts";
import type { LiveClient, LiveEnvelope } from "../../lib/socket.ts";
import { applyLiveEvent } from "../../lib/live.ts";
import { queryKeys } from "../../lib/query-keys.ts";
import { envelope, message } from "../../test/fixtures.ts";
import { makeUser, renderSignedIn, testQueryClient } from "../../test/render.tsx";
import { ChatConversation } from "./ChatConversation.tsx";
import { RoomListItems } from "./RoomList.tsx";
import { useChatRooms } from "./chat-queries.ts";

const ROOM = "0190d6c8-0000-7000-8000-0000000000d1";
const CREW7 = { id: "u-crew7", name: "松本 結衣", displayName: "松本 結衣", role: "crew" as const };
const TAKAHASHI = { id: "u-manager1", name: "高橋 真理子", displayName: "高橋 真理子", role: "manager" as const };
const ITO_USER = makeUser({ id: "u-manager2", name: "伊藤 大輔", displayName: "伊藤 大輔", role: "manager" });
const ITO = { id: ITO_USER.id, name: ITO_USER.name, displayName: ITO_USER.name, role: "manager" as const };

const ask = message({
  id: "m1",
  roomId: ROOM,
  author: CREW7,
  body: "午後から体調が少し不安です。",
  createdAt: "2026-11-24T04:00:00.000Z",
});
const waiting: ChatRoomSummary = {
  id: ROOM,
  kind: "support",
  name: null,
  workOrderId: null,
  team: null,
  members: [CREW7, TAKAHASHI, ITO],
  requesterId: CREW7.id,
  claimedBy: null,
  unread: 1,
  lastMessage: ask,
  readMarkers: [],
};
/** what the server sends manager2's user room when manager1 answers: he is no longer a member */
const taken: ChatRoomSummary = { ...waiting, members: [CREW7, TAKAHASHI], claimedBy: TAKAHASHI, unread: 0 };

function fakeClient(): LiveClient {
  return {
    status: "connected",
    connected: true,
    onStatus: () => () => undefined,
    trackRoom: () => Promise.resolve(),
    on: () => () => undefined,
    subscribe: () => () => undefined,
    request: (event: string) =>
      event === "message:history"
        ? Promise.resolve({ items: [ask], nextCursor: null })
        : event === "message:read"
          ? Promise.resolve({ unread: 0 })
          : Promise.resolve(null),
  } as unknown as LiveClient;
}

function Rooms() {
  const rooms = useChatRooms();
  return <RoomListItems rooms={rooms.data?.items ?? []} me={ITO} />;
}

describe("a support room taken by another manager", () => {
  beforeEach(() => setLocale("ja"));

  it("leaves manager2's list live; his open conversation offers no delete and no reply, and says who answers", async () => {
    const client = testQueryClient();
    client.setQueryData(queryKeys.chat.rooms(), { items: [waiting] });
    client.setQueryData(queryKeys.chat.messages(ROOM), {
      pages: [{ items: [ask], nextCursor: null }],
      pageParams: [undefined],
    });
    renderSignedIn(
      <>
        <Rooms />
        <ChatConversation roomId={ROOM} client={fakeClient()} />
      </>,
      { user: ITO_USER, client, path: `/chat/${ROOM}` },
    );

    // while nobody has answered: in his list, and as a manager in the room he could remove the message
    expect(screen.getByRole("link", { name: /松本 結衣 さんからの相談/ })).toBeInTheDocument();
    const item = screen.getByTestId("chat-message");
    expect(within(item).getByRole("button", { name: /^削除/ })).toBeInTheDocument();

    act(() =>
      applyLiveEvent(client, envelope("chat_room:updated", taken, `user:${ITO.id}`) as LiveEnvelope, {
        userId: ITO.id,
      }),
    );

    // gone from his list (and from the unread count with it) … (React Query tells its observers on the next tick)
    await waitFor(() =>
      expect(screen.queryByRole("link", { name: /松本 結衣 さんからの相談/ })).not.toBeInTheDocument(),
    );
    expect(client.getQueryData<{ items: ChatRoomSummary[] }>(queryKeys.chat.rooms())!.items).toEqual([]);
    // … and the open conversation says who answers, and offers nothing he may no longer do
    await waitFor(() =>
      expect(screen.getByTestId("support-state")).toHaveTextContent("この相談は 高橋 真理子 さんが対応しています。"),
    );
    expect(within(screen.getByTestId("chat-message")).queryByRole("button", { name: /^削除/ })).not.toBeInTheDocument();
    expect(screen.queryByRole("textbox", { name: "メッセージ" })).not.toBeInTheDocument();
  });

  it("stays in the list of the manager who took it, who may still remove a message", () => {
    const client = testQueryClient();
    client.setQueryData(queryKeys.chat.rooms(), { items: [waiting] });
    applyLiveEvent(client, envelope("chat_room:updated", taken, `chat:${ROOM}`) as LiveEnvelope, {
      userId: TAKAHASHI.id,
    });
    expect(
      client.getQueryData<{ items: ChatRoomSummary[] }>(queryKeys.chat.rooms())!.items.map((r) => r.claimedBy?.id),
    ).toEqual([TAKAHASHI.id]);
  });
});
