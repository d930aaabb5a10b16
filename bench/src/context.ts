// What every scenario gets: the sizes, the bench database, how to start the processes under
// test, and the sign-ins of the run.
import { homeRooms } from "@crewboard/domain";
import { signIn, type Session } from "./api.ts";
import type { BenchDatabase } from "./bench-db.ts";
import { CREW_ACCOUNTS, STAFF_ACCOUNTS, type Sizes } from "./config.ts";
import { flushPageCache, ioWaitMicros, pendingWritesMiB, type DiskBefore } from "./machine.ts";
import { freePort, startBaseline, startCrewboard, type BaselineName, type ServerProcess } from "./processes.ts";
import type { SocketSpec } from "./fleet/protocol.ts";

export class RunContext {
  private readonly sessions = new Map<string, Session>();
  /** the current scenario's disk waits (µs) up to ioWaitMark, its settlings left out (scenarioIoWaitMs) */
  private ioWaitCounted = 0;
  /** /proc/pressure/io's total when the last settleDisk ended */
  private ioWaitMark: number | null = null;

  constructor(
    readonly sizes: Sizes,
    readonly smoke: boolean,
    readonly db: BenchDatabase,
    readonly serverEnv: Record<string, string>,
  ) {}

  log(message: string): void {
    process.stderr.write(`  · ${message}\n`);
  }

  /**
   * The bench database's changed pages, then the machine's page cache, written to disk (machine.ts,
   * "the disk"): before each scenario, after seeding inside one, between two sides that write.
   * `waitsSoFar`, the disk waits since the last settling: "start" (a scenario starts: its count
   * starts at 0), "counted" (they were the scenario's: a side measured), "dropped" (a seed's).
   */
  async settleDisk(waitsSoFar: "start" | "counted" | "dropped" = "counted"): Promise<DiskBefore> {
    const before = ioWaitMicros();
    if (waitsSoFar === "start") this.ioWaitCounted = 0;
    else if (waitsSoFar === "counted" && before !== null && this.ioWaitMark !== null)
      this.ioWaitCounted += before - this.ioWaitMark;
    const dirtyMiB = pendingWritesMiB();
    const started = performance.now();
    const checkpointed = await this.db.checkpoint();
    const synced = flushPageCache();
    this.ioWaitMark = ioWaitMicros();
    return { dirtyMiB, checkpointed, synced, settleMs: Math.round(performance.now() - started) };
  }

  /** ms the machine's tasks waited for the disk in the current scenario, its settlings and seeds left out */
  scenarioIoWaitMs(): number | null {
    const now = ioWaitMicros();
    if (now === null || this.ioWaitMark === null) return null;
    return Math.round((this.ioWaitCounted + now - this.ioWaitMark) / 1000);
  }

  async crewboard(port?: number): Promise<ServerProcess> {
    return startCrewboard({ database: this.db.serverEnv, extra: this.serverEnv }, port ?? (await freePort()));
  }

  async baseline(name: BaselineName, withDatabase: boolean): Promise<ServerProcess> {
    return startBaseline(name, await freePort(), withDatabase ? this.db.baselineArgs : []);
  }

  /**
   * The server's first start creates the schema and loads the demo data; the bench signs in its
   * accounts then, once for the whole run.
   */
  async prepare(): Promise<void> {
    const server = await this.crewboard();
    try {
      for (const email of [...STAFF_ACCOUNTS, ...CREW_ACCOUNTS]) await this.session(server.url, email);
    } finally {
      await server.stop();
    }
  }

  /** Signs in once per account per run (sessions outlive server restarts: they are in the database). */
  async session(baseUrl: string, email: string): Promise<Session> {
    let session = this.sessions.get(email);
    if (!session) {
      session = await signIn(baseUrl, email);
      this.sessions.set(email, session);
    }
    return session;
  }

  /** Socket specs for `count` staff connections, spread over the given signed-in accounts. */
  staffSockets(sessions: Session[], count: number): SocketSpec[] {
    return Array.from({ length: count }, (_, i) => {
      const s = sessions[i % sessions.length]!;
      // the rooms the web app follows for a user from sign-in: the access policy's home rooms
      return { cookie: s.cookie, rooms: homeRooms(s.user), user: s.user };
    });
  }
}

/** The bare server's sockets join as many rooms as a manager's (their own, the board, a team). */
export function bareSockets(count: number): SocketSpec[] {
  return Array.from({ length: count }, (_, i) => ({ rooms: [`user:${i % 3}`, "board", "team:1"] }));
}
