// The typed Socket.IO client (packages/contracts/src/realtime.ts), one per page.
//
// - Connects after sign-in (same origin, session cookie), WebSocket transport only.
// - Keeps the last sequence number seen per room, in memory. On every connect it (re)joins the
//   rooms it follows (`room:join` answers the room's latest sequence: the starting point for a
//   room seen for the first time), but for its home rooms with a known sequence, which the server
//   has put the connection in (@crewboard/domain roomsToJoinOnConnect): those go straight into a
//   `sync:request`, on a first connection too. After a REconnect it sends `sync:request` with the
//   last sequence per room and replays what was missed, in order. `reset: true` (the gap is too old
//   or too long) is passed on to onReset listeners, which reload over REST (lib/live.ts).
// - Drops duplicates by room + seq, holds back live events while a sync is running, and fills a
//   gap (seq jumps by more than one) with a sync of that room before going on.
// - The same change often arrives through several rooms (a manager's `board` and a client's
//   `company`…): subscribers get it once.
// - Client events answer `{ ok, data | error }`; request() returns the data or throws SocketAckError.
import { io, type Socket } from "socket.io-client";
import type {
  Ack,
  AckProblem,
  ClientToServerEvents,
  ErrorCode,
  RoomEnvelope,
  SequencedEventName,
  SequencedEvents,
  ServerToClientEvents,
} from "@crewboard/contracts";
import {
  homeRooms,
  ReconnectBackoff,
  reconnectDelay,
  retryAfterOf,
  roomsToJoinOnConnect,
  type Role,
} from "@crewboard/domain";
import { learnFromResponse } from "../i18n/easy-read/ruby.ts";

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** idle: not signed in; connecting: first connection; reconnecting: lost it, trying again. */
export type SocketStatus = "idle" | "connecting" | "connected" | "reconnecting";

/** An envelope whose `data` is typed by its `event`. */
export type LiveEnvelope = {
  [E in SequencedEventName]: Omit<RoomEnvelope<SequencedEvents[E]>, "event"> & { event: E };
}[SequencedEventName];

export interface EnvelopeInfo {
  /** true when the event came from a sync after a reconnect, not live */
  replayed: boolean;
}
export type EnvelopeListener = (envelope: LiveEnvelope, info: EnvelopeInfo) => void;

export type EphemeralEventName =
  "typing:updated" | "read:updated" | "presence:updated" | "membership:updated" | "server:status";
export type EphemeralPayload<E extends EphemeralEventName> = Parameters<ServerToClientEvents[E]>[0];

export type ClientEventName = keyof ClientToServerEvents;
export type PayloadOf<E extends ClientEventName> = Parameters<ClientToServerEvents[E]>[0];
export type AckDataOf<E extends ClientEventName> =
  NonNullable<Parameters<ClientToServerEvents[E]>[1]> extends (answer: Ack<infer T>) => void ? T : never;

export const SEQUENCED_EVENTS: readonly SequencedEventName[] = [
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
  // issue 11
  "notification:read",
  "follow_up:updated",
  // issue 10
  "work_order:nomination_answered",
  "urgent_offer:created",
  "urgent_offer:updated",
  // issue 12
  "check_in:updated",
];
const EPHEMERAL_EVENTS: readonly EphemeralEventName[] = [
  "typing:updated",
  "read:updated",
  "presence:updated",
  "membership:updated",
  "server:status",
];

/** A refused or unanswered client event. `disconnected` and `timeout` are worth trying again later. */
/** A client event that was refused (the server's problem, with the same codes as REST), or never answered. */
export class SocketAckError extends Error {
  readonly code: ErrorCode | "timeout" | "disconnected";
  /** the HTTP status the same refusal has over REST (0: no answer) */
  readonly status: number;
  /** the fields at fault, for a validation error */
  readonly errors: { path: string; message: string }[];

  constructor(problem: AckProblem | { code: "timeout" | "disconnected"; detail: string }) {
    super(problem.detail ?? ("title" in problem ? problem.title : problem.code));
    this.name = "SocketAckError";
    this.code = problem.code;
    this.status = "status" in problem ? problem.status : 0;
    this.errors = "errors" in problem && problem.errors ? problem.errors : [];
  }

  get isRetryable(): boolean {
    return (
      this.code === "timeout" ||
      this.code === "disconnected" ||
      this.code === "rate_limited" ||
      this.code === "internal"
    );
  }
}

export interface SessionUser {
  id: string;
  role: Role;
  clientCompanyId: string | null;
  teamId: string | null;
}

export interface LiveClientOptions {
  /** makes the Socket.IO socket (tests pass a fake) */
  createSocket?: () => ClientSocket;
  ackTimeoutMs?: number;
}

const RECENT_KEYS = 500;

/** readAt asks this many times (sync:request refused, timed out) before it reloads the room instead. */
const READ_AT_ATTEMPTS = 3;
const READ_AT_RETRY_MS = 2_000;

export class LiveClient {
  private socket: ClientSocket | undefined;
  private user: SessionUser | undefined;
  private statusValue: SocketStatus = "idle";
  private everConnected = false;
  private readonly lastSeq = new Map<string, number>();
  /** rooms to (re)join on every connect: the user's own, and those screens asked for */
  private readonly wanted = new Set<string>();
  private readonly recent = new Set<string>();
  private held: LiveEnvelope[] = [];
  private syncing: Promise<void> | undefined;
  private syncAgain = false;
  private readonly listeners = new Set<EnvelopeListener>();
  private readonly resetListeners = new Set<(room: string) => void>();
  private readonly statusListeners = new Set<(status: SocketStatus) => void>();
  private readonly authListeners = new Set<() => void>();
  /**
   * rooms to sync once connected: those readAt started before their join, found behind the room's
   * latest, and the home rooms not joined again at connect (roomsToJoinOnConnect)
   */
  private readonly behind = new Set<string>();
  private readonly ephemeral = new Map<EphemeralEventName, Set<(payload: never) => void>>();
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  /** rooms a sync could not enter yet (rate_limited): the attempts so far, and the wait under way (enterLater) */
  private readonly entering = new Map<string, { attempts: number; timer?: ReturnType<typeof setTimeout> }>();
  private readonly backoff = new ReconnectBackoff();

  constructor(private readonly options: LiveClientOptions = {}) {}

  get status(): SocketStatus {
    return this.statusValue;
  }

  get connected(): boolean {
    return this.statusValue === "connected";
  }

  /** The last sequence number applied for `room` (undefined: not followed). */
  seqOf(room: string): number | undefined {
    return this.lastSeq.get(room);
  }

  /**
   * Data that `room`'s events keep current was read as of the room's sequence `seq` (the server's
   * answer says so: GET /tasks `seqs`) and is now in the cache. Every event after `seq` reaches it:
   * - the room not joined yet (data read before the live connection was up, issue 14): the room
   *   starts from `seq`, and its join asks for what came after (`sync:request`) before live events;
   * - the room joined, and events after `seq` delivered already (while the read was under way, to
   *   a cache its answer then replaced): those are read again from the room and given to `reapply`
   *   only (the other listeners had them). Later ones arrive as usual.
   * When they cannot be read again, the room is reset (its data reloaded).
   */
  async readAt(room: string, seq: number, reapply: (envelope: LiveEnvelope) => void, attempt = 1): Promise<void> {
    const last = this.lastSeq.get(room);
    if (last === undefined) {
      this.lastSeq.set(room, seq);
      return;
    }
    if (seq >= last) return;
    let answer;
    try {
      answer = await this.request("sync:request", { rooms: { [room]: seq } });
    } catch {
      // refused for now (sync:request's rate limit, a timeout, a reconnect): ask again a little
      // later rather than reload the room's data at once — a reload is the costliest answer (a
      // 10,000-task board) and, on a busy board, would be asked for again by the reload's own read
      if (attempt < READ_AT_ATTEMPTS) {
        const socket = this.socket; // not after a sign-out or another user's sign-in
        setTimeout(() => {
          if (this.socket === socket) void this.readAt(room, seq, reapply, attempt + 1);
        }, READ_AT_RETRY_MS * attempt);
        return;
      }
      this.reset(room, this.lastSeq.get(room));
      return;
    }
    const result = answer.rooms[room];
    if (!result || "error" in result) return;
    if (result.reset) {
      this.reset(room, Math.max(result.latest, this.lastSeq.get(room) ?? 0));
      return;
    }
    // up to what has been applied by now, not when the request went: an event applied while it was
    // under way (a task removed) must come after the older ones given again here (its creation)
    const upTo = this.lastSeq.get(room) ?? last;
    for (const envelope of result.events) {
      if (envelope.seq > upTo) break;
      try {
        reapply(envelope as LiveEnvelope);
      } catch (error) {
        console.error("live event listener failed", error);
      }
    }
  }

  /** Connects as `user` (after sign-in). A different user starts from a clean slate. */
  connect(user: SessionUser): void {
    if (this.socket && this.user?.id === user.id) return;
    // starting points that readAt set before the first connection are kept (signed in, not yet connected)
    const started = this.user ? [] : [...this.lastSeq];
    this.disconnect();
    for (const [room, seq] of started) this.lastSeq.set(room, seq);
    this.user = user;
    for (const room of homeRooms(user)) this.wanted.add(room);
    const socket =
      this.options.createSocket?.() ??
      (io({
        path: "/socket.io",
        transports: ["websocket"],
        autoConnect: false,
        withCredentials: true,
        // coming back is this client's (scheduleRetry): one rule with the bench, and retryAfterMs honoured
        reconnection: false,
      }) as ClientSocket);
    this.socket = socket;

    socket.on("connect", () => {
      this.backoff.reset();
      void this.onConnect();
    });
    socket.on("disconnect", (reason) => {
      if (reason === "io client disconnect") return;
      // lost (a restart, the network) or ended by the server (signed out elsewhere, access changed);
      // the rooms waiting to be entered again are in the sync of the next connection
      for (const room of [...this.entering.keys()]) this.stopEntering(room);
      this.setStatus("reconnecting");
      this.scheduleRetry();
    });
    socket.on("connect_error", (error: Error & { data?: { code?: string; retryAfterMs?: unknown } }) => {
      if (error.data?.code === "auth.required") {
        for (const listener of this.authListeners) listener();
        return;
      }
      // the same status as before: a failed attempt announces nothing new
      this.setStatus(this.everConnected ? "reconnecting" : "connecting");
      // unreachable, or refused by the server's middleware (rate_limited may say when to come back)
      this.scheduleRetry(retryAfterOf(error));
    });
    for (const name of SEQUENCED_EVENTS) {
      socket.on(name, ((envelope: LiveEnvelope) => this.receive(envelope, false)) as never);
    }
    for (const name of EPHEMERAL_EVENTS) {
      socket.on(name, ((payload: never) => this.emitEphemeral(name, payload)) as never);
    }
    socket.on("membership:updated", ({ joined, left }) => {
      for (const room of left) {
        this.lastSeq.delete(room);
        this.wanted.delete(room);
        this.stopEntering(room);
      }
      for (const room of joined) void this.trackRoom(room);
    });
    this.setStatus("connecting");
    socket.connect();
  }

  /** Signs the socket out: forgets rooms and sequence numbers. */
  disconnect(): void {
    clearTimeout(this.retryTimer);
    for (const room of [...this.entering.keys()]) this.stopEntering(room);
    if (this.socket) {
      this.socket.removeAllListeners();
      this.socket.disconnect();
    }
    this.socket = undefined;
    this.user = undefined;
    this.everConnected = false;
    this.lastSeq.clear();
    this.behind.clear();
    this.wanted.clear();
    this.recent.clear();
    this.held = [];
    this.syncing = undefined;
    this.setStatus("idle");
  }

  /** Every sequenced event, once, in order. Returns an unsubscribe function. */
  subscribe(listener: EnvelopeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Called with a room whose missed events cannot be replayed: reload its data over REST. */
  onReset(listener: (room: string) => void): () => void {
    this.resetListeners.add(listener);
    return () => this.resetListeners.delete(listener);
  }

  onStatus(listener: (status: SocketStatus) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  /** The server refused the connection for lack of a session (signed out or expired). */
  onAuthRequired(listener: () => void): () => void {
    this.authListeners.add(listener);
    return () => this.authListeners.delete(listener);
  }

  /** typing:updated, read:updated, presence:updated, membership:updated, server:status (not sequenced, not replayed). */
  on<E extends EphemeralEventName>(event: E, handler: (payload: EphemeralPayload<E>) => void): () => void {
    let set = this.ephemeral.get(event);
    if (!set) this.ephemeral.set(event, (set = new Set()));
    set.add(handler as (payload: never) => void);
    return () => set.delete(handler as (payload: never) => void);
  }

  /**
   * Follows a room beyond the user's own (e.g. a work order's room while its page is open):
   * joins it now and on every reconnect, and starts counting its sequence from the latest.
   * The server decides; a refusal rejects with SocketAckError("auth.forbidden").
   */
  async trackRoom(room: string): Promise<void> {
    this.wanted.add(room);
    if (!this.connected) return;
    await this.join(room);
    if (this.behind.delete(room)) await this.sync([room]);
  }

  /** Sends a client event and resolves with its acknowledged data. */
  async request<E extends ClientEventName>(
    event: E,
    payload: PayloadOf<E>,
    timeoutMs = this.options.ackTimeoutMs ?? 10_000,
  ): Promise<AckDataOf<E>> {
    const socket = this.socket;
    if (!socket || !socket.connected) throw new SocketAckError({ code: "disconnected", detail: "not connected" });
    let answer: Ack<AckDataOf<E>>;
    try {
      answer = await (
        socket.timeout(timeoutMs) as unknown as { emitWithAck(e: string, p: unknown): Promise<Ack<AckDataOf<E>>> }
      ).emitWithAck(event, payload);
    } catch {
      throw new SocketAckError({
        code: socket.connected ? "timeout" : "disconnected",
        detail: `no answer to ${event}`,
      });
    }
    if (!answer.ok) throw new SocketAckError(answer.error);
    // the readings of texts people wrote (a work order room's name), for easy-read furigana, as lib/api.ts does
    learnFromResponse(answer.data);
    return answer.data;
  }

  /** Asks for the events missed in `roomsToSync` (default: every followed room). */
  sync(roomsToSync?: readonly string[]): Promise<void> {
    if (this.syncing) {
      this.syncAgain = true;
      return this.syncing;
    }
    this.syncing = this.runSync(roomsToSync).finally(() => {
      this.syncing = undefined;
      const held = this.held;
      this.held = [];
      for (const envelope of held) this.receive(envelope, false, true);
      if (this.syncAgain) {
        this.syncAgain = false;
        void this.sync();
      }
    });
    return this.syncing;
  }

  // ---- internals ----------------------------------------------------------------

  private setStatus(status: SocketStatus): void {
    if (status === this.statusValue) return;
    this.statusValue = status;
    for (const listener of this.statusListeners) listener(status);
  }

  /** the next attempt, after the wait of the shared rule (@crewboard/domain reconnect.ts) */
  private scheduleRetry(retryAfterMs?: number): void {
    const socket = this.socket;
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => {
      if (this.socket === socket && !socket?.connected) socket?.connect();
    }, this.backoff.next(retryAfterMs));
  }

  private async onConnect(): Promise<void> {
    const reconnect = this.everConnected;
    this.everConnected = true;
    const catchUp = (async () => {
      const toJoin = this.user
        ? roomsToJoinOnConnect(this.user, this.wanted, (room) => this.lastSeq.has(room))
        : [...this.wanted];
      // a home room not joined: the sync asks it for what came after its known sequence (on a
      // first connection too, where the board's first page set it: GET /tasks `seqs`)
      for (const room of this.wanted) if (!toJoin.includes(room)) this.behind.add(room);
      await Promise.all(toJoin.map((room) => this.join(room).catch(() => undefined)));
      const behind = [...this.behind];
      this.behind.clear();
      if (reconnect) await this.runSync();
      else if (behind.length > 0) await this.runSync(behind);
    })();
    // Live events wait until the catch-up is done, so that they apply after what was missed.
    this.syncing = catchUp.finally(() => {
      this.syncing = undefined;
      const held = this.held;
      this.held = [];
      for (const envelope of held) this.receive(envelope, false, true);
    });
    this.setStatus("connected");
    await this.syncing;
  }

  private async join(room: string): Promise<void> {
    try {
      const { latest } = await this.request("room:join", { room });
      const known = this.lastSeq.get(room);
      if (known === undefined) this.lastSeq.set(room, latest);
      else if (known < latest) this.behind.add(room);
    } catch (error) {
      if (error instanceof SocketAckError && !error.isRetryable) this.wanted.delete(room);
      throw error;
    }
  }

  private async runSync(only?: readonly string[]): Promise<void> {
    const request: Record<string, number> = {};
    for (const [room, seq] of this.lastSeq) if (!only || only.includes(room)) request[room] = seq;
    if (Object.keys(request).length === 0) return;
    let answer;
    try {
      answer = await this.request("sync:request", { rooms: request });
    } catch {
      // Could not catch up event by event: the rooms start again from what arrives next, and
      // their data is reloaded over REST.
      for (const room of Object.keys(request)) this.reset(room, undefined);
      return;
    }
    for (const [room, result] of Object.entries(answer.rooms)) {
      if ("error" in result) {
        // out of room entries for now (room:join's budget, which a sync spends too): still
        // followed, and entered again after a wait; any other refusal ends following the room
        if (result.error === "rate_limited") this.enterLater(room);
        else {
          this.lastSeq.delete(room);
          this.wanted.delete(room);
        }
        continue;
      }
      this.stopEntering(room);
      for (const envelope of result.events) this.apply(envelope as LiveEnvelope, true);
      if (result.reset) this.reset(room, result.latest);
    }
  }

  /**
   * Enters a followed room again after the shared reconnect rule's wait (@crewboard/domain
   * reconnect.ts), growing while the server keeps saying rate_limited. Its known sequence is
   * kept, so the join finds it behind and a sync brings what it missed: nothing is lost.
   */
  private enterLater(room: string): void {
    if (this.entering.get(room)?.timer !== undefined) return;
    const attempt = (this.entering.get(room)?.attempts ?? 0) + 1;
    const socket = this.socket;
    const timer = setTimeout(() => {
      this.entering.set(room, { attempts: attempt });
      if (this.socket !== socket || !this.wanted.has(room)) return this.stopEntering(room);
      this.trackRoom(room).then(
        // in, and not behind (no sync): done; a sync refused again has set the next wait
        () => {
          if (this.entering.get(room)?.timer === undefined) this.stopEntering(room);
        },
        (error: unknown) => {
          if (error instanceof SocketAckError && error.code === "rate_limited") this.enterLater(room);
          else this.stopEntering(room);
        },
      );
    }, reconnectDelay(attempt));
    this.entering.set(room, { attempts: attempt, timer });
  }

  /** The room is in (a sync answered for it), left, or given up: no wait, attempts from 1 again. */
  private stopEntering(room: string): void {
    clearTimeout(this.entering.get(room)?.timer);
    this.entering.delete(room);
  }

  private reset(room: string, latest: number | undefined): void {
    if (latest === undefined) this.lastSeq.delete(room);
    else this.lastSeq.set(room, latest);
    for (const listener of this.resetListeners) listener(room);
  }

  /** A live envelope: held during a sync, a gap triggers a sync of its room. */
  private receive(envelope: LiveEnvelope, replayed: boolean, draining = false): void {
    if (this.syncing && !draining) {
      this.held.push(envelope);
      return;
    }
    const last = this.lastSeq.get(envelope.room);
    if (last !== undefined && envelope.seq > last + 1 && !draining) {
      this.held.push(envelope);
      void this.sync([envelope.room]);
      return;
    }
    this.apply(envelope, replayed);
  }

  private apply(envelope: LiveEnvelope, replayed: boolean): void {
    const last = this.lastSeq.get(envelope.room);
    if (last !== undefined && envelope.seq <= last) return; // seen already
    this.lastSeq.set(envelope.room, envelope.seq);
    // One change recorded in several rooms has the same time and payload.
    const key = `${envelope.event}|${envelope.at}|${JSON.stringify(envelope.data)}`;
    if (this.recent.has(key)) return;
    this.recent.add(key);
    if (this.recent.size > RECENT_KEYS) this.recent.delete(this.recent.values().next().value as string);
    for (const listener of this.listeners) {
      try {
        listener(envelope, { replayed });
      } catch (error) {
        console.error("live event listener failed", error);
      }
    }
  }

  private emitEphemeral(name: EphemeralEventName, payload: never): void {
    for (const handler of this.ephemeral.get(name) ?? []) handler(payload);
  }
}

/** The page's one live client. */
export const liveClient = new LiveClient();
