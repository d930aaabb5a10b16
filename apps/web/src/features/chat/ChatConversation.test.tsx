// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { QueryClient } from "@tanstack/react-query";
import { setLocale } from "../../i18n/index.ts";
import type { ChatRoomSummary, Message } from "../../lib/api.ts";
import type { LiveClient, LiveEnvelope } from "../../lib/socket.ts";
import { announcer } from "../../lib/announcer.tsx";
import { applyLiveEvent } from "../../lib/live.ts";
import { offlineQueue } from "../../lib/outbox.ts";
import { queryKeys } from "../../lib/query-keys.ts";
import { message } from "../../test/fixtures.ts";
import { makeUser, renderSignedIn, testQueryClient } from "../../test/render.tsx";
import { ChatConversation } from "./ChatConversation.tsx";

const ROOM = "0190d6c8-0000-7000-8000-0000000000c1";
const ME = makeUser({ id: "u-crew7", name: "松本 結衣", displayName: "松本 結衣", role: "crew" });
const me = { id: ME.id, name: ME.name, displayName: ME.name, role: "crew" as const };
const ITO = { id: "u-ito", name: "伊藤 大輔", displayName: "伊藤 大輔", role: "manager" as const };

const HISTORY: Message[] = [
  message({
    id: "m1",
    roomId: ROOM,
    author: me,
    body: "少しご相談したいことがあります。",
    createdAt: "2026-11-24T02:50:00.000Z",
  }),
  message({
    id: "m2",
    roomId: ROOM,
    author: ITO,
    body: "もちろんです。@松本 結衣 さん、14時からはいかがですか？",
    mentions: [ME.id],
    editedAt: "2026-11-24T02:54:00.000Z",
    createdAt: "2026-11-24T02:53:00.000Z",
  }),
  message({
    id: "m3",
    roomId: ROOM,
    author: ITO,
    body: "",
    deletedAt: "2026-11-24T02:54:30.000Z",
    createdAt: "2026-11-24T02:54:00.000Z",
  }),
  message({ id: "m4", roomId: ROOM, author: me, body: "14時でお願いします。", createdAt: "2026-11-24T02:55:00.000Z" }),
];

const ROOM_SUMMARY: ChatRoomSummary = {
  id: ROOM,
  kind: "direct",
  name: null,
  workOrderId: null,
  team: null,
  members: [me, ITO],
  requesterId: null,
  claimedBy: null,
  unread: 0,
  lastMessage: HISTORY[3]!,
  readMarkers: [
    { userId: ME.id, messageId: "m4", at: "2026-11-24T02:55:00.000Z" },
    { userId: ITO.id, messageId: "m4", at: "2026-11-24T02:56:00.000Z" },
  ],
};

function fakeClient() {
  const handlers = new Map<string, Set<(payload: unknown) => void>>();
  const listeners = new Set<(e: LiveEnvelope, info: { replayed: boolean }) => void>();
  const requests: { event: string; payload: Record<string, unknown> }[] = [];
  let seq = 0;
  const client = {
    status: "connected",
    connected: true,
    onStatus: () => () => undefined,
    trackRoom: () => Promise.resolve(),
    on(event: string, handler: (payload: unknown) => void) {
      if (!handlers.has(event)) handlers.set(event, new Set());
      handlers.get(event)!.add(handler);
      return () => handlers.get(event)!.delete(handler);
    },
    subscribe(listener: (e: LiveEnvelope, info: { replayed: boolean }) => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    request(event: string, payload: Record<string, unknown>) {
      requests.push({ event, payload });
      if (event === "message:read") return Promise.resolve({ unread: 0 });
      if (event === "message:history") return Promise.resolve({ items: [...HISTORY].reverse(), nextCursor: null });
      return Promise.resolve(null);
    },
  } as unknown as LiveClient;
  return {
    client,
    requests,
    /** a message from the server: into the caches (as the app's live sync does), then to the screens */
    created(queryClient: QueryClient, data: Message) {
      seq += 1;
      const envelope = {
        room: `chat:${ROOM}`,
        seq,
        event: "message:created",
        data,
        at: data.createdAt,
      } as LiveEnvelope;
      act(() => {
        applyLiveEvent(queryClient, envelope, { userId: ME.id });
        for (const l of listeners) l(envelope, { replayed: false });
      });
    },
  };
}

function setup() {
  const live = fakeClient();
  const client = testQueryClient();
  client.setQueryData(queryKeys.chat.rooms(), { items: [ROOM_SUMMARY] });
  client.setQueryData(queryKeys.chat.messages(ROOM), {
    pages: [{ items: [...HISTORY].reverse(), nextCursor: null }],
    pageParams: [undefined],
  });
  const view = renderSignedIn(<ChatConversation roomId={ROOM} client={live.client} />, {
    user: ME,
    client,
    path: `/chat/${ROOM}`,
  });
  return { ...view, live, client };
}

/** jsdom has no layout: give the history a size and a scroll position. */
function layout(log: HTMLElement, size: { scrollHeight: number; clientHeight: number; scrollTop: number }) {
  const state = { ...size };
  Object.defineProperty(log, "scrollHeight", { configurable: true, get: () => state.scrollHeight });
  Object.defineProperty(log, "clientHeight", { configurable: true, get: () => state.clientHeight });
  Object.defineProperty(log, "scrollTop", {
    configurable: true,
    get: () => state.scrollTop,
    set: (v: number) => (state.scrollTop = Math.min(v, state.scrollHeight - state.clientHeight)),
  });
  return state;
}

describe("chat conversation", () => {
  beforeEach(() => setLocale("ja"));
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it("shows the history oldest first, with author, time, edited, deleted and mentions as text", () => {
    setup();
    expect(screen.getByRole("heading", { level: 2, name: "伊藤 大輔" })).toBeInTheDocument();
    const items = screen.getAllByTestId("chat-message");
    expect(items).toHaveLength(4);
    expect(items[0]).toHaveTextContent("あなた");
    expect(items[1]).toHaveTextContent("伊藤 大輔");
    expect(items[1]).toHaveTextContent("（編集済み）");
    expect(within(items[1]!).getByText("@松本 結衣").tagName).toBe("STRONG");
    expect(items[1]).toHaveTextContent("あなたへのメンション");
    expect(items[2]).toHaveTextContent("（このメッセージは削除されました）");
    expect(items[0]!.querySelector("time")).toHaveAttribute("dateTime", "2026-11-24T02:50:00.000Z");
    // 既読 under the user's last message only
    expect(screen.getAllByTestId("read-by")).toHaveLength(1);
    expect(within(items[3]!).getByTestId("read-by")).toHaveTextContent("既読（伊藤 大輔）");
    // own messages can be edited and deleted, others' not (crew)
    expect(within(items[3]!).getByRole("button", { name: /^編集/ })).toBeInTheDocument();
    expect(within(items[1]!).queryByRole("button")).not.toBeInTheDocument();
    expect(screen.getByRole("textbox", { name: "メッセージ" })).toBeInTheDocument();
  });

  it("never moves the reading position or focus for a new message when scrolled up: offers 'new messages' and announces it", async () => {
    const { live, client } = setup();
    const announce = vi.spyOn(announcer, "announce");
    const log = screen.getByTestId("chat-log");
    const box = layout(log, { scrollHeight: 1000, clientHeight: 200, scrollTop: 800 });
    // the user scrolls up to read, and is typing
    box.scrollTop = 100;
    fireEvent.scroll(log);
    const field = screen.getByRole("textbox", { name: "メッセージ" });
    field.focus();
    const readsBefore = live.requests.filter((r) => r.event === "message:read").length;

    box.scrollHeight = 1100;
    live.created(
      client,
      message({
        id: "m5",
        roomId: ROOM,
        author: ITO,
        body: "資料を送りました。",
        createdAt: "2026-11-24T03:00:00.000Z",
      }),
    );

    await waitFor(() => expect(screen.getAllByTestId("chat-message")).toHaveLength(5));
    expect(box.scrollTop).toBe(100);
    expect(field).toHaveFocus();
    expect(announce).toHaveBeenCalledWith("伊藤 大輔 さん：資料を送りました。", { group: "messages" });
    // not read yet: the user has not seen it
    expect(live.requests.filter((r) => r.event === "message:read")).toHaveLength(readsBefore);
    const button = screen.getByRole("button", { name: "新しいメッセージ 1 件" });

    // the user asks to see it: scrolled to the end, focus on the first new message, marked read
    await userEvent.setup().click(button);
    expect(box.scrollTop).toBe(900);
    expect(document.activeElement).toHaveTextContent("資料を送りました。");
    expect(screen.queryByRole("button", { name: /新しいメッセージ/ })).not.toBeInTheDocument();
    await waitFor(() =>
      expect(live.requests).toContainEqual({ event: "message:read", payload: { roomId: ROOM, messageId: "m5" } }),
    );
  });

  it("follows new messages when at the end, and marks them read", async () => {
    const { live, client } = setup();
    const log = screen.getByTestId("chat-log");
    const box = layout(log, { scrollHeight: 1000, clientHeight: 200, scrollTop: 800 });
    fireEvent.scroll(log);
    box.scrollHeight = 1100;
    live.created(
      client,
      message({ id: "m6", roomId: ROOM, author: ITO, body: "了解です。", createdAt: "2026-11-24T03:01:00.000Z" }),
    );
    await waitFor(() => expect(screen.getAllByTestId("chat-message")).toHaveLength(5));
    expect(box.scrollTop).toBe(900);
    expect(screen.queryByRole("button", { name: /新しいメッセージ/ })).not.toBeInTheDocument();
    await waitFor(() =>
      expect(live.requests).toContainEqual({ event: "message:read", payload: { roomId: ROOM, messageId: "m6" } }),
    );
  });

  it("shows a message written offline as 送信待ち", async () => {
    vi.spyOn(navigator, "onLine", "get").mockReturnValue(false);
    await offlineQueue.setUser(ME.id);
    setup();
    const user = userEvent.setup();
    await user.click(screen.getByRole("textbox", { name: "メッセージ" }));
    await user.keyboard("オフラインで書きました。{Enter}");
    const pending = await screen.findByTestId("chat-message-pending");
    expect(pending).toHaveTextContent("送信待ち");
    expect(pending).toHaveTextContent("オフラインで書きました。");
    await waitFor(() =>
      expect(screen.getAllByRole("status").some((s) => s.textContent?.includes("送信待ちにしました"))).toBe(true),
    );
    for (const entry of offlineQueue.list()) await offlineQueue.discard(entry.id);
    await offlineQueue.setUser(undefined);
  });

  it("asks before deleting a message, and moves focus only where the user acted", async () => {
    const { live } = setup();
    const user = userEvent.setup();
    const mine = screen.getAllByTestId("chat-message")[3]!;
    await user.click(within(mine).getByRole("button", { name: /^削除/ }));
    const group = within(mine).getByRole("group", { name: /このメッセージを削除しますか/ });
    await waitFor(() => expect(within(group).getByRole("button", { name: "削除する" })).toHaveFocus());
    await user.click(within(group).getByRole("button", { name: "キャンセル" }));
    expect(live.requests.some((r) => r.event === "message:delete")).toBe(false);
    await waitFor(() => expect(within(mine).getByRole("button", { name: /^削除/ })).toHaveFocus());
    await user.click(within(mine).getByRole("button", { name: /^削除/ }));
    await user.click(within(mine).getByRole("button", { name: "削除する" }));
    expect(live.requests).toContainEqual({ event: "message:delete", payload: { messageId: "m4" } });
  });
});
