// Runs an npm script of the repository as an operator would (`npm run <script> -- …args`).
import { spawn } from "node:child_process";
import { REPO_ROOT } from "./deployment.ts";

export function runNpm(
  script: string,
  args: string[],
  env: Record<string, string>,
  cwd = REPO_ROOT,
): Promise<{ code: number | null; output: string }> {
  const { DATABASE_URL: _d, REDIS_URL: _r, CREWBOARD_DATA_DIR: _c, ...inherited } = process.env;
  const child = spawn("npm", ["run", "--silent", script, "--", ...args], {
    cwd,
    env: { ...inherited, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (c: Buffer) => (output += c.toString()));
  child.stderr.on("data", (c: Buffer) => (output += c.toString()));
  return new Promise((resolve) => child.once("exit", (code) => resolve({ code, output })));
}
