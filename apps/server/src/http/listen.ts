// Listening for connections (issue 14, reconnect storm). libuv accepts ONE connection per turn of
// the event loop (libuv/libuv#3696). On a busy server — a thousand clients back at once after a
// restart, each joining rooms and catching up, while events are still being sent — a turn takes
// tens of milliseconds, so connections were accepted at ~40/s: the listen queue (511) filled, the
// kernel dropped SYNs, and the clients' TCP retried after 1, 3, 7, 15 s (measured: queue full for
// 10 s, hundreds of overflows a second, the last clients back 30–50 s after the first).
//
// On Linux the server listens on the same address with several sockets (SO_REUSEPORT): the kernel
// spreads new connections over them, and each is accepted on every turn, so the accept rate is
// several times higher and each socket has a queue of its own. Every connection goes to the one
// HTTP server (Express, Socket.IO), exactly as before.
//
// SO_REUSEPORT would also let a second server started on the same port share it silently; a plain
// bind first (which fails with EADDRINUSE when anything listens there) keeps that an error, as it
// was. Elsewhere (or when the platform refuses the option): one socket, as before.
import type { Server as HttpServer } from "node:http";
import { createServer, type Server as NetServer } from "node:net";

/** Sockets listening together; each adds one accept per event-loop turn. */
export const LISTEN_SOCKETS = 16;

function listenOn(server: NetServer, options: { port: number; host: string; reusePort?: boolean }): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    server.once("error", onError);
    server.listen(options, () => {
      server.off("error", onError);
      resolve();
    });
  });
}

/** Fails (EADDRINUSE) when something listens on the address already; reuse-port sockets included. */
async function assertFree(port: number, host: string): Promise<void> {
  const probe = createServer();
  await listenOn(probe, { port, host });
  await new Promise<void>((resolve) => probe.close(() => resolve()));
}

/**
 * Listens on `port` (0: any free port) with `sockets` sockets where the platform allows it, every
 * connection handed to `httpServer`. `httpServer.close()` stops them all. Resolves once listening.
 */
export async function listenWide(
  httpServer: HttpServer,
  options: { port: number; host: string; sockets?: number },
): Promise<void> {
  const count = process.platform === "linux" ? Math.max(1, options.sockets ?? LISTEN_SOCKETS) : 1;
  if (count === 1 || options.port === 0) {
    // port 0 with reuse-port sockets would give each its own port
    await listenOn(httpServer, { port: options.port, host: options.host });
    return;
  }
  await assertFree(options.port, options.host);
  try {
    await listenOn(httpServer, { port: options.port, host: options.host, reusePort: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOTSUP") throw error;
    await listenOn(httpServer, { port: options.port, host: options.host });
    return;
  }
  const extra: NetServer[] = [];
  for (let i = 1; i < count; i++) {
    // The HTTP server's own connection handling (timeouts, keep-alive, Socket.IO's upgrade) takes
    // each socket; accepted with the socket options an http.Server gives its own.
    const server = createServer({ allowHalfOpen: true, noDelay: true }, (socket) =>
      httpServer.emit("connection", socket),
    );
    await listenOn(server, { port: options.port, host: options.host, reusePort: true });
    extra.push(server);
  }
  // Stopping the HTTP server (graceful shutdown: http/shutdown.ts) stops accepting on every socket.
  const close = httpServer.close.bind(httpServer);
  httpServer.close = ((callback?: (error?: Error) => void) => {
    for (const server of extra) server.close();
    return close(callback);
  }) as HttpServer["close"];
}
