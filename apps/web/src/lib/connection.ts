// What the connection banner shows: is the browser online, is the live connection up, how many
// actions wait in the offline queue, and what was sent when the connection came back.
import { useSyncExternalStore } from "react";
import type { FlushReport, OfflineQueue, QueueSnapshot } from "./offline-queue.ts";
import type { LiveClient, SocketStatus } from "./socket.ts";

/** unavailable: connected, but the server's database is not answering (nothing can be saved just now) */
export type ConnectionPhase = "online" | "offline" | "reconnecting" | "unavailable";

export interface ConnectionState {
  phase: ConnectionPhase;
  pending: number;
  failed: number;
  flushing: boolean;
  /** set for a while after the connection came back (and what the queue then sent) */
  recovered: { sent: number; at: number } | null;
}

/** A lost live connection is shown only after this long (short blips are not worth a message). */
export const RECONNECT_GRACE_MS = 3000;
/** How long "back online" stays. */
export const RECOVERED_MS = 10_000;

export class ConnectionStore {
  private state: ConnectionState;
  private readonly listeners = new Set<() => void>();
  private browserOnline: boolean;
  private socketStatus: SocketStatus;
  private socketLostSince: number | null = null;
  /** what the server last said of its database (server:status); a new connection starts from ok */
  private databaseDown = false;
  private graceTimer: ReturnType<typeof setTimeout> | undefined;
  private recoveredTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly live: LiveClient,
    private readonly queue: OfflineQueue,
  ) {
    this.browserOnline = globalThis.navigator?.onLine ?? true;
    this.socketStatus = live.status;
    const q = queue.snapshot;
    this.state = { phase: "online", pending: q.pending, failed: q.failed, flushing: q.flushing, recovered: null };
    if (typeof window !== "undefined") {
      window.addEventListener("online", () => this.setBrowserOnline(true));
      window.addEventListener("offline", () => this.setBrowserOnline(false));
    }
    live.onStatus((status) => this.setSocketStatus(status));
    live.on("server:status", ({ database }) => {
      this.databaseDown = database === "unavailable";
      this.update();
    });
    queue.subscribe((snapshot) => this.setQueue(snapshot));
    queue.onFlushed((report) => this.onFlushed(report));
    this.update();
  }

  getState = (): ConnectionState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private setBrowserOnline(online: boolean): void {
    this.browserOnline = online;
    this.update();
  }

  private setSocketStatus(status: SocketStatus): void {
    this.socketStatus = status;
    // the server tells a new connection at once when its database is still down
    if (status === "connected") this.databaseDown = false;
    if (status === "reconnecting") {
      this.socketLostSince ??= Date.now();
      clearTimeout(this.graceTimer);
      this.graceTimer = setTimeout(() => this.update(), RECONNECT_GRACE_MS);
    } else {
      this.socketLostSince = null;
    }
    this.update();
  }

  private setQueue(snapshot: QueueSnapshot): void {
    this.state = { ...this.state, pending: snapshot.pending, failed: snapshot.failed, flushing: snapshot.flushing };
    this.update(true);
  }

  private onFlushed(report: FlushReport): void {
    if (!report.sentLater) return;
    const sent = (this.state.recovered?.sent ?? 0) + report.sentLater;
    this.showRecovered(sent);
  }

  private showRecovered(sent: number): void {
    clearTimeout(this.recoveredTimer);
    this.state = { ...this.state, recovered: { sent, at: Date.now() } };
    this.recoveredTimer = setTimeout(() => {
      this.state = { ...this.state, recovered: null };
      this.emit();
    }, RECOVERED_MS);
  }

  private update(force = false): void {
    let phase: ConnectionPhase = "online";
    if (!this.browserOnline) phase = "offline";
    else if (
      this.socketStatus === "reconnecting" &&
      this.socketLostSince !== null &&
      Date.now() - this.socketLostSince >= RECONNECT_GRACE_MS
    ) {
      phase = "reconnecting";
    } else if (this.databaseDown) phase = "unavailable";
    const previous = this.state.phase;
    if (phase !== previous) {
      this.state = { ...this.state, phase };
      if (phase === "online") this.showRecovered(0);
      else {
        clearTimeout(this.recoveredTimer);
        this.state = { ...this.state, recovered: null };
      }
      this.emit();
    } else if (force) this.emit();
  }

  private emit(): void {
    for (const listener of this.listeners) listener();
  }
}

let store: ConnectionStore | undefined;

/** The app's connection store (made on first use from the app's live client and queue). */
export function connectionStore(live: LiveClient, queue: OfflineQueue): ConnectionStore {
  store ??= new ConnectionStore(live, queue);
  return store;
}

export function useConnectionState(s: ConnectionStore): ConnectionState {
  return useSyncExternalStore(s.subscribe, s.getState, s.getState);
}
