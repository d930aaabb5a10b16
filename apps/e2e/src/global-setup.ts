// Once per e2e run: the production build of the web app (reused when it is newer than every
// source file; CREWBOARD_E2E_BUILD=always|never overrides) and the seeded database template that
// each test file's server copies.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import type { TestProject } from "vitest/node";
import { buildEmbeddedTemplate } from "@crewboard/db/testing";

declare module "vitest" {
  export interface ProvidedContext {
    e2eTemplateFile: string;
    e2eDistDir: string;
    /** the Tokyo day the template's demo data is for (a run crossing midnight there builds the next day's) */
    e2eTemplateSeededOn: string;
  }
}

// The web app's workspace (apps/web): built here, served by the test servers.
const WEB_DIR = dirname(createRequire(import.meta.url).resolve("@crewboard/web/package.json"));
export const DIST_DIR = join(WEB_DIR, "dist");
const MANIFEST = join(DIST_DIR, ".vite", "manifest.json");
/** the board preview's Node build, which the server draws the board's first cards with */
const PREVIEW = join(WEB_DIR, "dist-server", "board-preview.js");

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry === "node_modules" || entry.endsWith(".test.ts") || entry.endsWith(".test.tsx")) continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

function buildIsFresh(): boolean {
  if (!existsSync(MANIFEST) || !existsSync(PREVIEW)) return false;
  const inputs = ["src", "index.html", "vite.config.ts", "package.json"]
    .map((p) => join(WEB_DIR, p))
    .filter((p) => existsSync(p));
  const built = Math.min(statSync(MANIFEST).mtimeMs, statSync(PREVIEW).mtimeMs);
  return built > Math.max(...inputs.map(newestMtime));
}

function buildWebApp(): void {
  const mode = process.env.CREWBOARD_E2E_BUILD ?? "auto";
  if (mode === "never" || (mode === "auto" && buildIsFresh())) return;
  const started = Date.now();
  // A production build, whatever the test runner's NODE_ENV ("test" would give React's dev build):
  // the web app's own build script (the app, then the board preview's Node build).
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith("VITEST")));
  env.NODE_ENV = "production";
  const result = spawnSync("npm", ["run", "build", "--silent"], {
    cwd: WEB_DIR,
    stdio: "inherit",
    env,
  });
  if (result.status !== 0) throw new Error(`the web app's build failed (exit ${result.status})`);
  console.log(`[e2e] built the web app in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

export default async function setup(project: TestProject) {
  buildWebApp();
  const dir = mkdtempSync(join(tmpdir(), "crewboard-e2e-"));
  const file = join(dir, "embedded-template.tar.gz");
  const seededOn = await buildEmbeddedTemplate(file);
  project.provide("e2eTemplateFile", file);
  project.provide("e2eTemplateSeededOn", seededOn);
  project.provide("e2eDistDir", DIST_DIR);
  return () => rmSync(dir, { recursive: true, force: true });
}
