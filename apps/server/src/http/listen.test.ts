import { createServer as createHttpServer, type Server as HttpServer } from "node:http";
import { connect, createServer } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { listenWide } from "./listen.ts";

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/** Whether a TCP connection to the port is accepted (false: refused). */
function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

const servers: HttpServer[] = [];
function httpServer(): HttpServer {
  const server = createHttpServer((req, res) => res.end(`hello ${req.url}`));
  servers.push(server);
  return server;
}

afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

describe("listenWide", () => {
  it("answers every connection with the one HTTP server, however many sockets listen", async () => {
    const port = await freePort();
    await listenWide(httpServer(), { port, host: "127.0.0.1", sockets: 4 });
    const answers = await Promise.all(
      Array.from({ length: 40 }, async (_, i) => {
        const res = await fetch(`http://127.0.0.1:${port}/${i}`, { headers: { connection: "close" } });
        return res.text();
      }),
    );
    expect(answers).toEqual(Array.from({ length: 40 }, (_, i) => `hello /${i}`));
  });

  it("refuses a port something already listens on, as a single socket did", async () => {
    const port = await freePort();
    await listenWide(httpServer(), { port, host: "127.0.0.1", sockets: 4 });
    await expect(listenWide(httpServer(), { port, host: "127.0.0.1", sockets: 4 })).rejects.toMatchObject({
      code: "EADDRINUSE",
    });
  });

  it("stops accepting on every socket when the HTTP server is closed", async () => {
    const port = await freePort();
    const server = createHttpServer((_req, res) => res.end());
    await listenWide(server, { port, host: "127.0.0.1", sockets: 4 });
    expect(await accepts(port)).toBe(true);
    await new Promise((resolve) => server.close(resolve));
    const tries = await Promise.all(Array.from({ length: 20 }, () => accepts(port)));
    expect(tries.every((accepted) => !accepted)).toBe(true);
  });
});
