import { defineConfig } from "vitest/config";

// One vitest run over every workspace, so `npm test` ends with a single summary.
// The summary reporter closes the output with "Tests: N passed, N failed, N skipped"
// (what CI looks for) and lists skipped suites with their reason.
export default defineConfig({
  test: {
    // "apps/*" finds apps/web/vitest.config.ts (project "web"); the browser tests are a project
    // of their own ("e2e"), listed by file.
    projects: ["packages/*", "apps/*", "bench", "apps/web/vitest.e2e.config.ts"],
    reporters: ["default", "./tooling/vitest/summary-reporter.ts"],
  },
});
