import { defineConfig } from "vitest/config";

// One vitest run over every workspace, so `npm test` ends with a single summary.
// The summary reporter closes the output with "Tests: N passed, N failed, N skipped"
// (what CI looks for) and lists skipped suites with their reason.
export default defineConfig({
  test: {
    // "apps/*" finds apps/web/vitest.config.ts (project "web") and apps/e2e/vitest.config.ts
    // (project "e2e", the browser tests); "tooling" tests the repository's own tooling (the lint rules).
    projects: [
      "packages/*",
      "apps/*",
      "bench",
      { test: { name: "tooling", include: ["tooling/**/*.test.ts"], testTimeout: 60_000, hookTimeout: 60_000 } },
    ],
    reporters: ["default", "./tooling/vitest/summary-reporter.ts"],
  },
});
