import { defineProject } from "vitest/config";

// Unit and component tests (src/**/*.test.ts[x]). Component tests choose the DOM with a
// `// @vitest-environment jsdom` first line; the rest run in Node.
export default defineProject({
  test: {
    name: "web",
    include: ["src/**/*.test.{ts,tsx}"],
    setupFiles: ["./src/test/setup.ts"],
    // Sized for a busy 2-core machine, never the defaults (1 s for expect.poll, 5 s per test):
    // jsdom renders slowly when the machine is loaded. Testing Library's waitFor/findBy* get the
    // same patience in src/test/setup.ts.
    testTimeout: 30_000,
    hookTimeout: 30_000,
    expect: { poll: { timeout: 10_000, interval: 50 } },
  },
});
