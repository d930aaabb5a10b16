import { defineConfig } from "vitest/config";
import { fileURLToPath } from "node:url";

// npm run test:scaled: the deployment of deploy/ (PostgreSQL, Redis, 3 instances, HAProxy, all on
// loopback ports of their own) and the rolling upgrade from the previous release. One file at a
// time: each starts processes enough for a 2-core machine.
export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  test: {
    name: "scaled",
    include: ["**/*.test.ts"],
    globalSetup: ["./global-setup.ts"],
    fileParallelism: false,
    testTimeout: 600_000,
    hookTimeout: 600_000,
    reporters: ["default", "../../tooling/vitest/summary-reporter.ts"],
  },
});
