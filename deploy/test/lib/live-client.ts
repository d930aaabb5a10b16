// A live client that behaves as the web app does (apps/web/src/lib/socket.ts): it reconnects by
// itself (on Socket.IO's own schedule, not the web app's reconnect rule), joins its rooms again but
// for its home rooms, which the server has put the connection in already (@crewboard/domain
// roomsToJoinOnConnect), asks for what it missed (sync:request) and holds live events until that
// replay is applied, so every room's events are taken in sequence order. It also notices a gap (an
// event whose predecessor never came) and syncs. What it records lets the test check that every
// room's events arrived exactly once, in order, with nothing missing.
import { io, type Socket } from "socket.io-client";
import { type RoomEnvelope, type SyncResponse } from "@crewboard/contracts";
import { roomsToJoinOnConnect, type Identity } from "@crewboard/domain";

const isEnvelope = (p: unknown): p is RoomEnvelope =>
  typeof p === "object" &&
  p !== null &&
  typeof (p as RoomEnvelope).room === "string" &&
  typeof (p as RoomEnvelope).seq === "number";

type Ack<T> = { ok: true; data: T } | { ok: false; error: { code: string; message?: string } };

export class LiveClient {
  readonly socket: Socket;
  /** per room: the sequence number it started from, and every event taken since, as "seq event" */
  readonly start: Record<string, number> = {};
  readonly lastSeq: Record<string, number> = {};
  readonly taken: Record<string, string[]> = {};
  /** deliveries of an event already taken (a live copy of what a sync had replayed, or the reverse) */
  duplicatesDropped = 0;
  /** rooms the server could not replay event by event (a reset loses events: must stay empty) */
  readonly resets: string[] = [];
  connects = 0;
  syncs = 0;
  /** room:join asked again when catching up (none for a home room, with `who`) */
  rejoins = 0;
  private syncing: Promise<void> | null = null;
  private held: RoomEnvelope[] = [];

  constructor(
    readonly name: string,
    url: string,
    /** the signed-in client's Cookie header (ApiClient.cookieHeader) */
    cookieHeader: string,
    private readonly rooms: string[],
    /**
     * who is signed in: a reconnect then joins only what roomsToJoinOnConnect asks, as the web app
     * does; without it every room is joined again (a server of an older release, upgrade.test.ts)
     */
    private readonly who?: Identity,
  ) {
    this.socket = io(url, {
      transports: ["websocket"],
      extraHeaders: { cookie: cookieHeader },
      reconnection: true,
      reconnectionDelay: 200,
      reconnectionDelayMax: 2000,
      forceNew: true,
    });
    this.socket.onAny((_event: string, payload: unknown) => {
      if (isEnvelope(payload) && payload.room in this.lastSeq) this.receive(payload);
    });
    this.socket.on("connect", () => {
      this.connects++;
      // every (re)connection: join the rooms again, then catch up; live events wait meanwhile
      if (this.connects > 1) void this.catchUp();
    });
  }

  /** Connects and starts each room from its latest event. */
  async open(): Promise<void> {
    if (!this.socket.connected)
      await new Promise<void>((resolve, reject) => {
        this.socket.once("connect", () => resolve());
        this.socket.once("connect_error", reject);
      });
    for (const room of this.rooms) {
      const answer = await this.request<{ latest: number }>("room:join", { room });
      if (!answer.ok) throw new Error(`${this.name} may not join ${room}: ${answer.error.code}`);
      this.start[room] = this.lastSeq[room] = answer.data.latest;
      this.taken[room] = [];
    }
  }

  private request<T>(event: string, payload: unknown, timeoutMs = 10_000): Promise<Ack<T>> {
    return (
      this.socket.timeout(timeoutMs) as unknown as { emitWithAck(e: string, p: unknown): Promise<Ack<T>> }
    ).emitWithAck(event, payload);
  }

  private receive(e: RoomEnvelope): void {
    if (this.syncing) {
      this.held.push(e);
      return;
    }
    const last = this.lastSeq[e.room]!;
    if (e.seq <= last) this.duplicatesDropped++;
    else if (e.seq === last + 1) this.take(e);
    else {
      // its predecessor never came (lost with an instance that died before emitting it): sync
      this.held.push(e);
      void this.catchUp();
    }
  }

  private take(e: RoomEnvelope): void {
    this.lastSeq[e.room] = e.seq;
    this.taken[e.room]!.push(`${e.seq} ${e.event}`);
  }

  /** Joins the rooms again (those not home, with `who`) and replays what was missed, until nothing is missing. */
  catchUp(): Promise<void> {
    this.syncing ??= (async () => {
      try {
        for (let attempt = 0; ; attempt++) {
          try {
            const toJoin = this.who
              ? roomsToJoinOnConnect(this.who, this.rooms, (room) => room in this.lastSeq)
              : this.rooms;
            for (const room of toJoin) {
              this.rejoins++;
              await this.request("room:join", { room });
            }
            const answer = await this.request<SyncResponse>("sync:request", { rooms: { ...this.lastSeq } });
            if (!answer.ok) throw new Error(answer.error.code);
            this.syncs++;
            for (const [room, result] of Object.entries(answer.data.rooms)) {
              if (!("events" in result)) throw new Error(`${room}: ${result.error}`);
              if (result.reset) {
                this.resets.push(room);
                this.lastSeq[room] = result.latest;
              }
              for (const e of result.events) {
                if (e.seq === this.lastSeq[room]! + 1) this.take(e);
                else if (e.seq <= this.lastSeq[room]!) this.duplicatesDropped++;
              }
            }
            // what arrived live meanwhile, in order; a gap left means one more round
            const held = this.held.sort((a, b) => a.seq - b.seq);
            this.held = [];
            let gap = false;
            for (const e of held) {
              const last = this.lastSeq[e.room]!;
              if (e.seq <= last) this.duplicatesDropped++;
              else if (e.seq === last + 1) this.take(e);
              else {
                gap = true;
                this.held.push(e);
              }
            }
            if (!gap) return;
          } catch {
            // disconnected again, or no answer: the next connection catches up, or we try again
            if (!this.socket.connected) return;
            await new Promise((r) => setTimeout(r, Math.min(2000, 100 * 2 ** attempt)));
          }
        }
      } finally {
        // what is still held waits for the next connection's catch-up
        this.syncing = null;
      }
    })();
    return this.syncing;
  }

  get busy(): boolean {
    return this.syncing !== null || !this.socket.connected;
  }

  close(): void {
    this.socket.disconnect();
  }
}
