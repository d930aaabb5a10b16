import { defineProject } from "vitest/config";

// Only the bench's pure parts (statistics, targets, the table) are tested; the scenarios
// themselves are measurements, run by `npm run bench`, never asserted by timed tests.
export default defineProject({ test: { name: "bench", include: ["src/**/*.test.ts"] } });
