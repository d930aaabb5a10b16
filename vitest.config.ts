import { defineConfig } from "vitest/config";

// One vitest run over every workspace, so `npm test` ends with a single summary.
// The summary reporter closes the output with "Tests: N passed, N failed, N skipped"
// (what CI looks for) and lists skipped suites with their reason.
export default defineConfig({
  test: {
    projects: ["packages/*", "apps/*"],
    reporters: ["default", "./tooling/vitest/summary-reporter.ts"],
  },
});
