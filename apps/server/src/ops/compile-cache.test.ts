// The server's entry (apps/server/dist/index.js, written by build.ts) turns on Node's compile cache
// before it loads the bundle, so that a restart skips compiling the bundle and node_modules (issue
// 14: a restart's downtime). Under systemd its folder is the unit's CacheDirectory= (the private
// /tmp is emptied at every restart); NODE_COMPILE_CACHE, when set, wins.
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServerProcess } from "../test/server-process.ts";

/** The files Node wrote under `folder` (its compile cache keeps one subfolder per Node version). */
function filesUnder(folder: string): string[] {
  try {
    return readdirSync(folder, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => entry.name);
  } catch {
    return [];
  }
}

describe("the server's entry keeps a compile cache", () => {
  let work: string;
  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), "crewboard-compile-cache-"));
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it("in the systemd unit's CacheDirectory, written once the server listens", { timeout: 180_000 }, async () => {
    const cacheDirectory = join(work, "systemd-cache");
    const server = await startServerProcess({
      CREWBOARD_DATA_DIR: join(work, "data-1"),
      CREWBOARD_DEMO: "false",
      CACHE_DIRECTORY: cacheDirectory,
    });
    try {
      // written after the start, not only at exit: a crash later still leaves it
      expect(filesUnder(join(cacheDirectory, "compile-cache")).length).toBeGreaterThan(10);
    } finally {
      expect(await server.stop()).toBe(0);
    }
  });

  it("in NODE_COMPILE_CACHE when it is set", { timeout: 180_000 }, async () => {
    const chosen = join(work, "chosen");
    const unused = join(work, "unused");
    const server = await startServerProcess({
      CREWBOARD_DATA_DIR: join(work, "data-2"),
      CREWBOARD_DEMO: "false",
      CACHE_DIRECTORY: unused,
      NODE_COMPILE_CACHE: chosen,
    });
    try {
      expect(filesUnder(chosen).length).toBeGreaterThan(10);
      expect(filesUnder(unused)).toEqual([]);
    } finally {
      expect(await server.stop()).toBe(0);
    }
  });
});
