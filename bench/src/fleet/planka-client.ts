// One bench connection to Planka, the peer of issue 14's side-by-side comparison
// (src/peer/planka.ts). It speaks what Planka's web client speaks (sails.io.js over Socket.IO 4):
// the handshake names the SDK, a request travels as an event named by its method carrying
// { method, url, data, headers } and is answered by the ack { body, headers, statusCode }, and
// `GET /api/boards/:id?subscribe=true` puts the socket in the board's room, where `cardUpdate`
// arrives. Like LiveClient, it records when each bench rename ("bench <n>") arrived.
import { io, type Socket } from "socket.io-client";
import { now } from "../stats.ts";

export interface PlankaSocketSpec {
  /** an access token of a Planka user who may see the board */
  token: string;
  boardId: string;
}

interface SailsResponse {
  body: unknown;
  statusCode: number;
}

/** Bench renames are named "bench <n>": the number says which write an event belongs to. */
const BENCH_NAME = /^bench (\d+)$/;

export class PlankaClient {
  readonly socket: Socket;
  readonly arrivals = new Map<number, number>();
  readyAt: number | undefined;
  firstError: string | undefined;
  connects = 0;
  disconnects = 0;
  private readyWaiters: ((ok: boolean) => void)[] = [];

  constructor(
    url: string,
    private readonly spec: PlankaSocketSpec,
    private readonly options: { ackTimeoutMs: number; connectTimeoutMs: number },
  ) {
    this.socket = io(url, {
      transports: ["websocket"],
      // sails-hook-sockets refuses a handshake that does not name the SDK, and checks the origin
      query: {
        __sails_io_sdk_version: "1.2.1",
        __sails_io_sdk_platform: "node",
        __sails_io_sdk_language: "javascript",
      },
      extraHeaders: { origin: new URL(url).origin },
      autoConnect: false,
      forceNew: true,
      reconnection: false,
      timeout: options.connectTimeoutMs,
    });
    this.socket.on("connect", () => void this.subscribe());
    this.socket.on("disconnect", () => void this.disconnects++);
    this.socket.on("connect_error", (error: Error) => {
      this.firstError ??= error.message;
      this.settleReady(false);
    });
    this.socket.on("cardUpdate", (message: { item?: { name?: string } }) => {
      const match = BENCH_NAME.exec(message.item?.name ?? "");
      if (match && !this.arrivals.has(Number(match[1]))) this.arrivals.set(Number(match[1]), now());
    });
  }

  /** Connects; resolves true once the board is loaded and subscribed to. */
  start(): Promise<boolean> {
    const ready = new Promise<boolean>((resolve) => this.readyWaiters.push(resolve));
    this.socket.connect();
    return ready;
  }

  close(): void {
    this.socket.disconnect();
  }

  private settleReady(ok: boolean): void {
    for (const w of this.readyWaiters.splice(0)) w(ok);
  }

  private async subscribe(): Promise<void> {
    this.connects++;
    try {
      const answer = (await this.socket.timeout(this.options.ackTimeoutMs).emitWithAck("get", {
        method: "get",
        url: `/api/boards/${this.spec.boardId}?subscribe=true`,
        data: {},
        headers: { authorization: `Bearer ${this.spec.token}` },
      })) as SailsResponse;
      if (answer.statusCode !== 200) throw new Error(`GET board: ${answer.statusCode}`);
      this.readyAt = now();
      this.settleReady(true);
    } catch (error) {
      this.firstError ??= error instanceof Error ? error.message : String(error);
      this.settleReady(false);
    }
  }
}
