// Sockets stay connected while the database is down (issue 13), and say so: when a request or a
// socket event of this instance finds the database not answering, every connection of this
// instance hears `server:status { database: "unavailable" }` at once, and `{ database: "ok" }`
// when a probe (SELECT 1 every few seconds, only during the outage) finds it back. A connection
// opened meanwhile hears the state on connect. Each instance speaks for its own connections
// (io.local): another instance may well reach the database.
import type { Logger } from "pino";
import type { PrismaClient } from "@crewboard/db";
import type { ServerStatus } from "@crewboard/contracts";
import type { CrewboardServer } from "./types.ts";

export interface ServerStatusMonitor {
  current(): ServerStatus;
  /** a request or event found the database not answering (toAppError said database.unavailable) */
  databaseUnavailable(): void;
  close(): void;
}

export function createServerStatus(
  io: CrewboardServer,
  prisma: PrismaClient,
  logger: Logger,
  options: { probeMs: number },
): ServerStatusMonitor {
  let status: ServerStatus = { database: "ok" };
  let probe: ReturnType<typeof setInterval> | undefined;
  let probing = false;
  const announce = () => io.local.emit("server:status", status);

  io.on("connection", (socket) => {
    if (status.database !== "ok") socket.emit("server:status", status);
  });

  const stopProbe = () => {
    clearInterval(probe);
    probe = undefined;
  };

  return {
    current: () => status,
    databaseUnavailable() {
      if (status.database === "unavailable") return;
      status = { database: "unavailable" };
      logger.warn("the database is not answering: connections are told, and it is probed until it answers");
      announce();
      probe = setInterval(() => {
        if (probing) return;
        probing = true;
        prisma
          .$queryRawUnsafe("SELECT 1")
          .then(() => {
            if (status.database === "ok") return;
            status = { database: "ok" };
            stopProbe();
            logger.info("the database answers again");
            announce();
          })
          .catch(() => undefined) // still down: the next probe tries again
          .finally(() => {
            probing = false;
          });
      }, options.probeMs);
      probe.unref();
    },
    close: stopProbe,
  };
}
