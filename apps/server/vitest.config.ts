import { defineProject } from "vitest/config";

export default defineProject({
  test: {
    name: "server",
    include: ["src/**/*.test.ts"],
    globalSetup: ["./src/test/global-setup.ts"],
    setupFiles: ["./src/test/today-templates.ts"],
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
