// The connection store's view of the server (issue 13): connected, but told the database is not
// answering, it is "unavailable" until told otherwise, or until a new connection (which the server
// tells at once if the database is still down).
import { describe, expect, it } from "vitest";
import { ConnectionStore } from "./connection.ts";
import type { LiveClient, SocketStatus } from "./socket.ts";
import type { OfflineQueue } from "./offline-queue.ts";

function fakes() {
  const statusListeners = new Set<(s: SocketStatus) => void>();
  const serverListeners = new Set<(s: { database: "ok" | "unavailable" }) => void>();
  const live = {
    status: "connected" as SocketStatus,
    onStatus: (l: (s: SocketStatus) => void) => (statusListeners.add(l), () => statusListeners.delete(l)),
    on: (event: string, l: (s: { database: "ok" | "unavailable" }) => void) => {
      expect(event).toBe("server:status");
      serverListeners.add(l);
      return () => serverListeners.delete(l);
    },
  } as unknown as LiveClient;
  const queue = {
    snapshot: { pending: 0, failed: 0, flushing: false },
    subscribe: () => () => undefined,
    onFlushed: () => () => undefined,
  } as unknown as OfflineQueue;
  return {
    store: new ConnectionStore(live, queue),
    socket: (s: SocketStatus) => statusListeners.forEach((l) => l(s)),
    server: (database: "ok" | "unavailable") => serverListeners.forEach((l) => l({ database })),
  };
}

describe("connection store: the server's own state", () => {
  it("is unavailable while the server says its database is down, and back online after", () => {
    const { store, server } = fakes();
    expect(store.getState().phase).toBe("online");
    server("unavailable");
    expect(store.getState().phase).toBe("unavailable");
    server("ok");
    expect(store.getState().phase).toBe("online");
    expect(store.getState().recovered).not.toBeNull();
  });

  it("a new connection starts from ok (the server repeats a lasting outage on connect)", () => {
    const { store, server, socket } = fakes();
    server("unavailable");
    socket("connected");
    expect(store.getState().phase).toBe("online");
  });
});
