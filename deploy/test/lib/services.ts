// Private PostgreSQL and Redis for npm run test:scaled, on loopback ports of their own: never the
// machine's shared services. PostgreSQL will not run as root, so as root the cluster belongs to the
// `postgres` user (runuser).
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { chmodSync, chownSync, existsSync, mkdirSync, readdirSync } from "node:fs";
import { createServer, type AddressInfo } from "node:net";
import { join } from "node:path";

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The newest PostgreSQL server programs installed (Debian: /usr/lib/postgresql/<version>/bin). */
export function postgresBin(): string {
  const fromConfig = spawnSync("pg_config", ["--bindir"], { encoding: "utf8" });
  const candidates = [
    ...(existsSync("/usr/lib/postgresql")
      ? readdirSync("/usr/lib/postgresql")
          .sort((a, b) => Number(b) - Number(a))
          .map((v) => `/usr/lib/postgresql/${v}/bin`)
      : []),
    fromConfig.status === 0 ? fromConfig.stdout.trim() : "",
  ].filter(Boolean);
  const found = candidates.find((dir) => existsSync(join(dir, "initdb")) && existsSync(join(dir, "pg_ctl")));
  if (!found) throw new Error("PostgreSQL's server programs (initdb, pg_ctl) are not installed");
  return found;
}

const isRoot = () => process.getuid?.() === 0;

/** Runs a PostgreSQL program, as the postgres user when we are root; throws with its output on failure. */
function runPg(program: string, args: string[]): string {
  const [cmd, argv] = isRoot() ? ["runuser", ["-u", "postgres", "--", program, ...args]] : [program, args];
  const result = spawnSync(cmd as string, argv as string[], { encoding: "utf8", timeout: 120_000 });
  if (result.status !== 0) throw new Error(`${program} ${args.join(" ")} failed:\n${result.stdout}${result.stderr}`);
  return result.stdout;
}

export interface PrivatePostgres {
  /** postgres://postgres@127.0.0.1:<port>/postgres */
  adminUrl: string;
  port: number;
  urlOf(database: string): string;
  stop(): void;
}

export async function startPostgres(workDir: string): Promise<PrivatePostgres> {
  const bin = postgresBin();
  const dir = join(workDir, "postgres");
  mkdirSync(dir, { recursive: true });
  if (isRoot()) {
    chmodSync(workDir, 0o755);
    chownSync(
      dir,
      Number(spawnSync("id", ["-u", "postgres"], { encoding: "utf8" }).stdout.trim()),
      Number(spawnSync("id", ["-g", "postgres"], { encoding: "utf8" }).stdout.trim()),
    );
  }
  const data = join(dir, "data");
  const port = await freePort();
  runPg(join(bin, "initdb"), ["-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync", "--locale=C"]);
  runPg(join(bin, "pg_ctl"), [
    "-D",
    data,
    "-l",
    join(dir, "server.log"),
    "-w",
    "-t",
    "60",
    "-o",
    // a test cluster: no fsync (the machine does not crash during the test; the instances do)
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c max_connections=200`,
    "start",
  ]);
  const adminUrl = `postgres://postgres@127.0.0.1:${port}/postgres`;
  return {
    adminUrl,
    port,
    urlOf: (database) => `postgres://postgres@127.0.0.1:${port}/${database}`,
    stop: () => {
      runPg(join(bin, "pg_ctl"), ["-D", data, "-m", "immediate", "-w", "stop"]);
    },
  };
}

export interface PrivateRedis {
  url: string;
  stop(): Promise<void>;
}

export async function startRedis(): Promise<PrivateRedis> {
  const port = await freePort();
  const child: ChildProcess = spawn(
    "redis-server",
    ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
    { stdio: "ignore" },
  );
  const exited = new Promise((r) => child.once("exit", r));
  for (let i = 0; i < 100; i++) {
    const ping = spawnSync("redis-cli", ["-p", String(port), "ping"], { encoding: "utf8" });
    if (ping.stdout.trim() === "PONG") {
      return {
        url: `redis://127.0.0.1:${port}`,
        stop: async () => {
          child.kill("SIGTERM");
          await exited;
        },
      };
    }
    await sleep(100);
  }
  child.kill("SIGKILL");
  throw new Error("the private redis-server did not answer");
}
