import { fileURLToPath } from "node:url";
import { defineProject } from "vitest/config";

// End-to-end tests: the real server (in-process, fresh demo database per file) serving the
// production build, driven in Debian's Chromium through playwright-core. The global setup
// builds the web app once (or reuses a build newer than its sources) and the database template.
// Browser suites skip themselves, saying why, when /usr/bin/chromium is missing.
export default defineProject({
  test: {
    name: "e2e",
    root: fileURLToPath(new URL(".", import.meta.url)),
    include: ["src/**/*.e2e.ts"],
    globalSetup: ["./src/global-setup.ts"],
    // Sized for a busy 2-core machine (other suites, builds and a browser share it), never the
    // defaults: vitest's expect.poll gives up after 1 s, far too soon for a screen that is still
    // rendering. Playwright's own waits use the page's default timeout (harness.openPage: 15 s).
    testTimeout: 120_000,
    hookTimeout: 180_000,
    expect: { poll: { timeout: 15_000, interval: 100 } },
    fileParallelism: false,
  },
});
