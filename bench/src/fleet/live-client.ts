// One bench connection, speaking the protocol the web app's live client speaks
// (apps/web/src/lib/socket.ts): websocket transport, the session cookie, `room:join` for each of
// the user's rooms on every connect but the home rooms it knows a sequence of (@crewboard/domain
// roomsToJoinOnConnect), `sync:request` with the last sequence per room after a REconnect, a sync
// when a live event skips a number, and the same retry rule (Socket.IO's own reconnection off;
// @crewboard/domain reconnect.ts: a short jittered wait, retryAfterMs honoured).
//
// It also records what the scenarios measure: when each bench rename arrived, and (when asked)
// every sequence number of the board room received live or through a sync.
import { io, type Socket } from "socket.io-client";
import { ReconnectBackoff, retryAfterOf, roomsToJoinOnConnect, type Identity } from "@crewboard/domain";
import { now } from "../stats.ts";

interface Envelope {
  room: string;
  seq: number;
  event: string;
  data: { title?: string };
}

type Ack<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string } };

export interface LiveClientOptions {
  url: string;
  cookie?: string;
  rooms: string[];
  /** Crewboard: the signed-in user (none for the bare server, where every room is joined) */
  user?: Identity | undefined;
  /** false: never reconnect (a dropped connection stays dropped, and is counted) */
  reconnect: boolean;
  /** keep every board sequence number received (the reconnect storm checks that none is lost) */
  trackSeqs: boolean;
  ackTimeoutMs: number;
  /** for the websocket handshake (socket.io-client's `timeout`) */
  connectTimeoutMs: number;
}

const SEQUENCED = [
  "work_order:created",
  "work_order:updated",
  "task:created",
  "task:updated",
  "task:removed",
  "progress:created",
  "deliverable:created",
  "feedback:created",
  "message:created",
  "message:updated",
  "chat_room:updated",
  "notification:created",
];
/** Bench renames are titled "bench <n>": the number says which write an event belongs to. */
const BENCH_TITLE = /^bench (\d+)$/;

export class LiveClient {
  readonly socket: Socket;
  readonly lastSeq = new Map<string, number>();
  /** write number → arrival time (ms, wall clock) of its task:updated */
  readonly arrivals = new Map<number, number>();
  readonly boardSeqs = new Set<number>();
  /** the board's sequence when first joined: events after it must all arrive */
  boardStart: number | undefined;
  connects = 0;
  disconnects = 0;
  lastDisconnectReason = "";
  /** first connection: when all rooms were joined */
  readyAt: number | undefined;
  /** latest reconnection: when it connected, and when its sync answered */
  backAt: number | undefined;
  resyncedAt: number | undefined;
  resets = 0;
  syncErrors = 0;
  firstError: string | undefined;
  private everConnected = false;
  private syncing: Promise<void> | undefined;
  private held: Envelope[] = [];
  private retryTimer: NodeJS.Timeout | undefined;
  private readonly backoff = new ReconnectBackoff();
  private closed = false;
  private readyWaiters: ((ok: boolean) => void)[] = [];

  constructor(private readonly options: LiveClientOptions) {
    this.socket = io(options.url, {
      transports: ["websocket"],
      extraHeaders: options.cookie ? { cookie: options.cookie } : {},
      autoConnect: false,
      forceNew: true,
      reconnection: false, // scheduleRetry, as the web app
      timeout: options.connectTimeoutMs,
    });
    this.socket.on("connect", () => {
      this.backoff.reset();
      void this.onConnect();
    });
    this.socket.on("disconnect", (reason) => {
      this.disconnects++;
      this.lastDisconnectReason = reason;
      if (reason === "io client disconnect" || !options.reconnect) return;
      this.scheduleRetry();
    });
    this.socket.on("connect_error", (error: Error & { data?: { code?: string; retryAfterMs?: unknown } }) => {
      this.firstError ??= `${error.message}${error.data?.code ? ` (${error.data.code})` : ""}`;
      if (!this.everConnected && !options.reconnect) this.settleReady(false);
      if (options.reconnect) this.scheduleRetry(retryAfterOf(error));
    });
    for (const name of SEQUENCED) this.socket.on(name, (envelope: Envelope) => this.receive(envelope));
  }

  /** Connects; resolves true once every room is joined (false when the connection is refused). */
  start(): Promise<boolean> {
    const ready = new Promise<boolean>((resolve) => this.readyWaiters.push(resolve));
    this.socket.connect();
    return ready;
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.retryTimer);
    this.socket.disconnect();
  }

  private settleReady(ok: boolean): void {
    for (const w of this.readyWaiters.splice(0)) w(ok);
  }

  private scheduleRetry(retryAfterMs?: number): void {
    if (this.closed) return;
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => {
      if (!this.closed && !this.socket.connected) this.socket.connect();
    }, this.backoff.next(retryAfterMs));
  }

  private async request<T>(event: string, payload: unknown): Promise<T> {
    const answer = (await this.socket.timeout(this.options.ackTimeoutMs).emitWithAck(event, payload)) as Ack<T>;
    if (!answer.ok) throw new Error(`${event}: ${answer.error.code}`);
    return answer.data;
  }

  private async onConnect(): Promise<void> {
    const reconnect = this.everConnected;
    this.everConnected = true;
    this.connects++;
    if (reconnect) this.backAt = now();
    const catchUp = (async () => {
      const { user, rooms } = this.options;
      const toJoin = user ? roomsToJoinOnConnect(user, rooms, (room) => this.lastSeq.has(room)) : rooms;
      await Promise.all(
        toJoin.map(async (room) => {
          const { latest } = await this.request<{ latest: number }>("room:join", { room });
          if (!this.lastSeq.has(room)) this.lastSeq.set(room, latest);
          if (room === "board") this.boardStart ??= latest;
        }),
      );
      if (reconnect) {
        await this.runSync();
        this.resyncedAt = now();
      } else {
        this.readyAt = now();
      }
    })();
    this.syncing = catchUp
      .catch((error: unknown) => {
        this.firstError ??= String(error);
        if (reconnect) this.syncErrors++;
      })
      .finally(() => {
        this.syncing = undefined;
        this.drainHeld();
      });
    await this.syncing;
    if (!reconnect) this.settleReady(this.readyAt !== undefined);
  }

  private drainHeld(): void {
    const held = this.held;
    this.held = [];
    for (const envelope of held) this.apply(envelope);
  }

  private async runSync(only?: string[]): Promise<void> {
    const request: Record<string, number> = {};
    for (const [room, seq] of this.lastSeq) if (!only || only.includes(room)) request[room] = seq;
    if (Object.keys(request).length === 0) return;
    const answer = await this.request<{
      rooms: Record<string, { events: Envelope[]; latest: number; reset: boolean } | { error: string }>;
    }>("sync:request", { rooms: request });
    for (const [room, result] of Object.entries(answer.rooms)) {
      if ("error" in result) {
        this.syncErrors++;
        continue;
      }
      for (const envelope of result.events) this.apply(envelope);
      if (result.reset) {
        // the web app reloads over REST then: the events in between were not delivered one by one
        this.resets++;
        this.lastSeq.set(room, result.latest);
      }
    }
  }

  private receive(envelope: Envelope): void {
    if (envelope.event === "task:updated") {
      const match = BENCH_TITLE.exec(envelope.data?.title ?? "");
      if (match && !this.arrivals.has(Number(match[1]))) this.arrivals.set(Number(match[1]), now());
    }
    if (this.syncing) {
      this.held.push(envelope);
      return;
    }
    const last = this.lastSeq.get(envelope.room);
    if (last !== undefined && envelope.seq > last + 1) {
      // a gap: ask for what was skipped, then apply this one
      this.held.push(envelope);
      this.syncing = this.runSync([envelope.room])
        .catch(() => void this.syncErrors++)
        .finally(() => {
          this.syncing = undefined;
          this.drainHeld();
        });
      return;
    }
    this.apply(envelope);
  }

  private apply(envelope: Envelope): void {
    const last = this.lastSeq.get(envelope.room) ?? 0;
    if (envelope.seq <= last) return; // already seen (live and replayed)
    this.lastSeq.set(envelope.room, envelope.seq);
    if (this.options.trackSeqs && envelope.room === "board") this.boardSeqs.add(envelope.seq);
  }
}
