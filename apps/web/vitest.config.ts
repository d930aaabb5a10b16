import { defineProject } from "vitest/config";

// Unit and component tests (src/**/*.test.ts[x]). Component tests choose the DOM with a
// `// @vitest-environment jsdom` first line; the rest run in Node.
export default defineProject({
  test: {
    name: "web",
    include: ["src/**/*.test.{ts,tsx}"],
    setupFiles: ["./src/test/setup.ts"],
  },
});
