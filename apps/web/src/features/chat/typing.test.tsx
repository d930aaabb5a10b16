// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { act, render, screen } from "@testing-library/react";
import { setLocale } from "../../i18n/index.ts";
import type { LiveClient, LiveEnvelope } from "../../lib/socket.ts";
import type { PersonRef } from "../../lib/api.ts";
import { message } from "../../test/fixtures.ts";
import { TYPING_EXPIRES_MS, TypingStatus, typingText, useTypingSender } from "./typing.tsx";
import { i18nFor } from "../../i18n/index.ts";

const ROOM = "room-1";
const ME = "u-me";
const ITO = { id: "u-ito", name: "伊藤 大輔", displayName: "伊藤 大輔", role: "manager" as const };
const SATO = { id: "u-sato", name: "佐藤 美咲", displayName: "佐藤 美咲", role: "client" as const };

/** Just enough of the live client: ephemeral handlers and sequenced listeners. */
function fakeClient() {
  const handlers = new Map<string, Set<(payload: unknown) => void>>();
  const listeners = new Set<(e: LiveEnvelope, info: { replayed: boolean }) => void>();
  const requests: { event: string; payload: unknown }[] = [];
  const client = {
    connected: true,
    on(event: string, handler: (payload: unknown) => void) {
      if (!handlers.has(event)) handlers.set(event, new Set());
      handlers.get(event)!.add(handler);
      return () => handlers.get(event)!.delete(handler);
    },
    subscribe(listener: (e: LiveEnvelope, info: { replayed: boolean }) => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    request(event: string, payload: unknown) {
      requests.push({ event, payload });
      return Promise.resolve(null);
    },
  } as unknown as LiveClient;
  return {
    client,
    requests,
    typing(user: PersonRef, typing: boolean, roomId = ROOM) {
      act(() => {
        for (const h of handlers.get("typing:updated") ?? []) h({ roomId, user, typing });
      });
    },
    created(envelope: LiveEnvelope) {
      act(() => {
        for (const l of listeners) l(envelope, { replayed: false });
      });
    },
  };
}

/** Counts changes to the status's text (each one is something a screen reader says). */
function watch(element: HTMLElement) {
  const changes: string[] = [];
  const observer = new MutationObserver(() => changes.push(element.textContent ?? ""));
  observer.observe(element, { childList: true, characterData: true, subtree: true });
  return { changes, flush: () => observer.takeRecords().length, stop: () => observer.disconnect() };
}

describe("typing status", () => {
  beforeEach(() => setLocale("ja"));
  afterEach(() => vi.useRealTimers());

  it("says who is typing in a polite status, once, not once per keystroke", async () => {
    const live = fakeClient();
    render(<TypingStatus roomId={ROOM} myId={ME} client={live.client} />);
    const status = screen.getByRole("status");
    expect(status).toHaveTextContent("");
    const observed = watch(status);

    live.typing(ITO, true);
    await Promise.resolve();
    expect(status).toHaveTextContent("伊藤 大輔 さんが入力中です…");
    const afterFirst = observed.changes.length + observed.flush();
    expect(afterFirst).toBeGreaterThan(0);

    // the same person keeps typing: nothing changes, nothing is said again
    for (let i = 0; i < 10; i++) live.typing(ITO, true);
    await Promise.resolve();
    expect(observed.changes.length + observed.flush()).toBe(afterFirst);
    expect(status).toHaveTextContent("伊藤 大輔 さんが入力中です…");

    // a second person changes it once
    live.typing(SATO, true);
    expect(status).toHaveTextContent("伊藤 大輔 さんと 佐藤 美咲 さんが入力中です…");
    live.typing(SATO, false);
    expect(status).toHaveTextContent("伊藤 大輔 さんが入力中です…");
    observed.stop();
  });

  it("ignores other rooms and the user's own typing, and ends with their message", () => {
    const live = fakeClient();
    render(<TypingStatus roomId={ROOM} myId={ME} client={live.client} />);
    const status = screen.getByRole("status");
    live.typing(ITO, true, "another-room");
    live.typing({ id: ME, name: "わたし", displayName: "わたし", role: "crew" }, true);
    expect(status).toHaveTextContent("");
    live.typing(ITO, true);
    expect(status).toHaveTextContent("伊藤 大輔 さんが入力中です…");
    live.created({
      room: `chat:${ROOM}`,
      seq: 1,
      event: "message:created",
      data: message({ roomId: ROOM, author: ITO }),
      at: new Date().toISOString(),
    } as LiveEnvelope);
    expect(status).toHaveTextContent("");
  });

  it("forgets a typist who went quiet (a lost 'stopped')", () => {
    vi.useFakeTimers();
    const live = fakeClient();
    render(<TypingStatus roomId={ROOM} myId={ME} client={live.client} />);
    live.typing(ITO, true);
    expect(screen.getByRole("status")).toHaveTextContent("伊藤 大輔 さんが入力中です…");
    act(() => vi.advanceTimersByTime(TYPING_EXPIRES_MS + 10));
    expect(screen.getByRole("status")).toHaveTextContent("");
  });

  it("counts three or more", () => {
    const { t } = i18nFor("en");
    expect(typingText([ITO, SATO, { id: "x", name: "Kimura", displayName: "Kimura", role: "client" }], t)).toBe(
      "3 people are typing…",
    );
  });

  it("sends the user's own typing at most every few seconds, and 'stopped' after a pause", () => {
    vi.useFakeTimers();
    const live = fakeClient();
    let sender: ReturnType<typeof useTypingSender> | undefined;
    function Probe() {
      sender = useTypingSender(ROOM, live.client);
      return null;
    }
    render(<Probe />);
    for (let i = 0; i < 20; i++) sender!.typed();
    expect(live.requests).toEqual([{ event: "typing:update", payload: { roomId: ROOM, typing: true } }]);
    act(() => vi.advanceTimersByTime(3500));
    expect(live.requests.at(-1)).toEqual({ event: "typing:update", payload: { roomId: ROOM, typing: false } });
    expect(live.requests).toHaveLength(2);
  });
});
