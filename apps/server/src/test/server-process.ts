// The real server as operators run it: `node apps/server/dist/index.js` (the bundle the server
// tests' global setup builds, as `npm start` does) in a child
// process, with an environment of the test's own (never the caller's DATABASE_URL or REDIS_URL).
import { spawn, type ChildProcess } from "node:child_process";
import { createServer, type AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { expect } from "vitest";
import { SERVER_ENTRY } from "../../build.ts";

export const REPO_ROOT = fileURLToPath(new URL("../../../..", import.meta.url));

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}

/** The environment without the settings a test must choose itself. */
function baseEnv(): NodeJS.ProcessEnv {
  const {
    DATABASE_URL: _d,
    REDIS_URL: _r,
    CREWBOARD_DATA_DIR: _c,
    PORT: _p,
    METRICS_TOKEN: _m,
    METRICS_PORT: _mp,
    NODE_COMPILE_CACHE: _nc,
    NODE_DISABLE_COMPILE_CACHE: _nd,
    ...rest
  } = process.env;
  return rest;
}

export interface ServerProcess {
  baseUrl: string;
  child: ChildProcess;
  /** everything it printed so far */
  output(): string;
  exited: Promise<number | null>;
  /** sends SIGTERM and resolves with the exit code */
  stop(): Promise<number | null>;
}

/** Starts the server; with `waitReady` (default) resolves once /api/v1/ready answers 200. */
export async function startServerProcess(
  env: Record<string, string>,
  options: { waitReady?: boolean } = {},
): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, [SERVER_ENTRY], {
    cwd: REPO_ROOT,
    env: {
      ...baseEnv(),
      PORT: String(port),
      HOST: "127.0.0.1",
      LOG_LEVEL: "info",
      CREWBOARD_JOB_POLL_MS: "600000",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (c: Buffer) => (output += c.toString()));
  child.stderr!.on("data", (c: Buffer) => (output += c.toString()));
  const exited = new Promise<number | null>((r) => child.once("exit", (code) => r(code)));
  const baseUrl = `http://127.0.0.1:${port}`;
  const server: ServerProcess = {
    baseUrl,
    child,
    output: () => output,
    exited,
    stop: async () => {
      if (child.exitCode === null) child.kill("SIGTERM");
      return exited;
    },
  };
  if (options.waitReady ?? true) {
    const gone = exited.then((code) => `exited with ${code}:\n${output}`);
    await expect
      .poll(
        async () =>
          await Promise.race([
            fetch(`${baseUrl}/api/v1/ready`).then(
              (r) => r.status,
              () => null,
            ),
            gone,
          ]),
        { timeout: 120_000, interval: 250 },
      )
      .toBe(200);
  }
  return server;
}

/** Runs an npm script of the repository (`npm run <script> -- …args`) as an operator would. */
export function runNpm(
  script: string,
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; output: string }> {
  const child = spawn("npm", ["run", "--silent", script, "--", ...args], {
    cwd: REPO_ROOT,
    env: { ...baseEnv(), ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (c: Buffer) => (output += c.toString()));
  child.stderr.on("data", (c: Buffer) => (output += c.toString()));
  return new Promise((resolve) => child.once("exit", (code) => resolve({ code, output })));
}
