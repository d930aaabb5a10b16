// The embedded database's control socket: `<data folder>/control.sock`, a Unix socket that only
// its owner may use (mode 0600). PGlite is one process's: while a server holds the data folder,
// nothing else may open it, so a backup is asked of that server through this socket. Whoever holds
// the folder listens on it — the server, or a backup or restore run while no server does — so a
// second holder finds it answering and refuses to start.
//
// The protocol is HTTP over the socket: GET /status, GET /backup (a gzipped tar of the data folder).
import { chmodSync, existsSync, mkdirSync, unlinkSync } from "node:fs";
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { join } from "node:path";

export const CONTROL_SOCKET = "control.sock";

export function controlSocketPath(dataDir: string): string {
  return join(dataDir, CONTROL_SOCKET);
}

export interface ControlStatus {
  pid: number;
  /** "server", "backup" or "restore": who holds the data folder */
  holder: string;
}

/** Who answers on the folder's control socket, or null when nobody does (no socket, or a stale one). */
export function askStatus(dataDir: string): Promise<ControlStatus | null> {
  const path = controlSocketPath(dataDir);
  if (!existsSync(path)) return Promise.resolve(null);
  return new Promise((resolve) => {
    const req = request({ socketPath: path, path: "/status", method: "GET", timeout: 5_000 }, (res) => {
      let body = "";
      res.on("data", (c: Buffer) => (body += c.toString()));
      res.on("end", () => {
        try {
          resolve(JSON.parse(body) as ControlStatus);
        } catch {
          resolve(null);
        }
      });
    });
    req.on("timeout", () => req.destroy(new Error("no answer")));
    req.on("error", () => resolve(null));
    req.end();
  });
}

/** Asks the server holding `dataDir` for a backup; resolves with the response stream (a gzipped tar). */
export function requestBackup(dataDir: string): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const req = request({ socketPath: controlSocketPath(dataDir), path: "/backup", method: "GET" }, (res) => {
      if (res.statusCode === 200) return resolve(res);
      let body = "";
      res.on("data", (c: Buffer) => (body += c.toString()));
      res.on("end", () => reject(new Error(`the server could not take the backup (${res.statusCode}): ${body}`)));
    });
    req.on("error", reject);
    req.end();
  });
}

export class DataFolderInUse extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: ControlStatus,
  ) {
    super(`the data folder ${dataDir} is in use by another process (${holder.holder}, pid ${holder.pid})`);
  }
}

export interface ControlSocket {
  /** what GET /backup answers with (the server sets it once its database is open) */
  onBackup(take: () => Promise<Uint8Array>): void;
  close(): Promise<void>;
}

/**
 * Takes the data folder: fails with DataFolderInUse when another process answers on its control
 * socket, removes a stale socket left by a process that died, and listens (mode 0600).
 */
export async function holdDataFolder(dataDir: string, holder: string): Promise<ControlSocket> {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const other = await askStatus(dataDir);
  if (other) throw new DataFolderInUse(dataDir, other);
  const path = controlSocketPath(dataDir);
  if (existsSync(path)) unlinkSync(path); // nobody answers on it: left by a process that was killed
  let backup: (() => Promise<Uint8Array>) | undefined;
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    if (req.method === "GET" && req.url === "/status") {
      res
        .writeHead(200, { "content-type": "application/json" })
        .end(JSON.stringify({ pid: process.pid, holder } satisfies ControlStatus));
    } else if (req.method === "GET" && req.url === "/backup") {
      if (!backup) {
        res.writeHead(503, { "content-type": "text/plain" }).end("the database is not open yet\n");
        return;
      }
      backup().then(
        (bytes) =>
          res.writeHead(200, { "content-type": "application/gzip", "content-length": bytes.byteLength }).end(bytes),
        (error: unknown) => res.writeHead(500, { "content-type": "text/plain" }).end(`${(error as Error).message}\n`),
      );
    } else {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found\n");
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen({ path, readableAll: false, writableAll: false }, () => resolve());
  });
  chmodSync(path, 0o600);
  return {
    onBackup(take) {
      backup = take;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
