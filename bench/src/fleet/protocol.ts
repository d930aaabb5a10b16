// Messages between the bench (fleet.ts) and its connection-holding child processes (fleet-worker.ts).

import type { Identity } from "@crewboard/domain";
import type { PlankaSocketSpec } from "./planka-client.ts";

export interface SocketSpec {
  /** "crewboard_session=…", or none for the bare server */
  cookie?: string;
  rooms: string[];
  /** Crewboard: the signed-in user, whose home rooms the server joins the connection to by itself */
  user?: Identity;
  /** a connection to Planka instead (the peer comparison, src/peer/planka.ts); rooms are then unused */
  planka?: PlankaSocketSpec;
}

export type FleetRequest =
  | {
      op: "connect";
      id: number;
      url: string;
      sockets: SocketSpec[];
      /** connections opened at a time by this process (Infinity: all at once) */
      concurrency: number;
      reconnect: boolean;
      trackSeqs: boolean;
      timeoutMs: number;
      ackTimeoutMs: number;
      /** setting up (not measuring): a socket that could not connect is closed and tried again this often */
      retries: number;
    }
  | { op: "latencies"; id: number; sentAt: Float64Array }
  | { op: "report"; id: number; finalBoardSeq: number }
  | { op: "arrived"; id: number }
  | { op: "clear"; id: number }
  | { op: "close"; id: number };

export interface SocketReport {
  connected: boolean;
  connects: number;
  backAt: number;
  resyncedAt: number;
  resets: number;
  syncErrors: number;
  /** board events after its first join that it never received (live or by sync) */
  lost: number;
  lastSeq: number;
}

export type FleetReply =
  | { op: "ready"; id: number }
  | { op: "connected"; id: number; ok: number; failed: number; lastReadyAt: number; errors: string[] }
  | { op: "latencies"; id: number; latencies: Float64Array; missing: number; disconnects: number }
  | { op: "report"; id: number; sockets: SocketReport[] }
  | { op: "arrived"; id: number; count: number }
  | { op: "cleared"; id: number }
  | { op: "closed"; id: number };
