import { defineConfig } from "vitest/config";

// One vitest run over every workspace, so `npm test` ends with a single summary.
export default defineConfig({
  test: {
    projects: ["packages/*", "apps/*"],
  },
});
