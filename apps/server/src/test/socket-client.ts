// A Socket.IO test client that behaves like the web app's: it keeps the last sequence seen per
// room, records every sequenced event, and can ask the server for what it missed.
import { io, type Socket } from "socket.io-client";
import {
  type Ack,
  type ClientToServerEvents,
  type RoomEnvelope,
  type ServerToClientEvents,
  type SyncResponse,
} from "@crewboard/contracts";
import type { ApiClient } from "./api-client.ts";

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

const SEQUENCED = new Set([
  "work_order:created",
  "work_order:updated",
  "task:created",
  "task:updated",
  "task:removed",
  "progress:created",
  "deliverable:created",
  "deliverable:released",
  "feedback:created",
  "message:created",
  "message:updated",
  "chat_room:updated",
  "notification:created",
  "notification:read",
  "follow_up:updated",
  "work_order:nomination_answered",
  "urgent_offer:created",
  "urgent_offer:updated",
  // issue 12
  "check_in:updated",
]);

export class TestSocket {
  /** every sequenced event received live or through sync, in arrival order */
  readonly events: RoomEnvelope[] = [];
  /** every other (ephemeral) event: [name, payload] */
  readonly other: [string, unknown][] = [];
  readonly lastSeq: Record<string, number> = {};
  private waiters: { pred: () => boolean; resolve: () => void }[] = [];

  constructor(readonly socket: ClientSocket) {
    socket.onAny((event: string, payload: unknown) => {
      if (SEQUENCED.has(event)) this.accept(payload as RoomEnvelope);
      else this.other.push([event, payload]);
      this.check();
    });
  }

  /** Takes an envelope once: duplicates (already seen sequence numbers) are dropped. */
  accept(e: RoomEnvelope): void {
    if ((this.lastSeq[e.room] ?? 0) >= e.seq) return;
    this.lastSeq[e.room] = e.seq;
    this.events.push(e);
  }

  /** Checks the waiters again: for a recorder attached later (recordRaw), whose list grows after this class's own listener ran. */
  check() {
    this.waiters = this.waiters.filter((w) => (w.pred() ? (w.resolve(), false) : true));
  }

  waitFor(pred: () => boolean, timeoutMs = 5000, what = "condition"): Promise<void> {
    if (pred()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), timeoutMs);
      this.waiters.push({ pred, resolve: () => (clearTimeout(timer), resolve()) });
    });
  }

  eventsOf(name: string) {
    return this.events.filter((e) => e.event === name);
  }

  /**
   * Emits with an ack and resolves with the answer. The default wait is long: with the whole suite
   * on a busy 2-core machine, a sync through two instances was once not answered in 5 s (CI,
   * scale-out.test.ts); a test that wants no answer passes its own short wait.
   */
  request<T = unknown>(event: string, payload: unknown, timeoutMs = 15_000): Promise<Ack<T>> {
    return (
      this.socket.timeout(timeoutMs) as unknown as { emitWithAck(e: string, p: unknown): Promise<Ack<T>> }
    ).emitWithAck(event, payload);
  }

  /** Asks for everything after the last sequence seen in each known room (plus `extra` rooms). */
  async sync(extra: Record<string, number> = {}): Promise<SyncResponse> {
    const answer = await this.request<SyncResponse>("sync:request", { rooms: { ...this.lastSeq, ...extra } });
    if (!answer.ok) throw new Error(`sync failed: ${answer.error.message}`);
    for (const [room, result] of Object.entries(answer.data.rooms)) {
      if (!("events" in result)) continue;
      for (const e of result.events) this.accept(e);
      // a reset (or a room seen for the first time) starts from the newest event
      if (result.reset || this.lastSeq[room] === undefined) this.lastSeq[room] = result.latest;
    }
    this.check();
    return answer.data;
  }

  close(): void {
    this.socket.disconnect();
  }
}

/** Connects as the signed-in `api` client (its session cookie) and waits for the connection. */
export function connectSocket(
  baseUrl: string,
  api: ApiClient | null,
  options: { headers?: Record<string, string> } = {},
): Promise<TestSocket> {
  const headers: Record<string, string> = { ...options.headers };
  if (api?.cookieHeader) headers.cookie = api.cookieHeader;
  const socket: ClientSocket = io(baseUrl, {
    transports: ["websocket"],
    extraHeaders: headers,
    reconnection: false,
    forceNew: true,
  });
  return new Promise((resolve, reject) => {
    const client = new TestSocket(socket);
    socket.once("connect", () => resolve(client));
    socket.once("connect_error", (err) =>
      reject(Object.assign(new Error(`connect_error: ${err.message}`), { data: (err as { data?: unknown }).data })),
    );
  });
}
