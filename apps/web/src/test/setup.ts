// Shared setup of the web unit tests: jest-dom matchers, and Testing Library's cleanup after
// each test in DOM tests (vitest has no globals here, so it is not registered by itself), and
// its waiting time for busy machines.
import "@testing-library/jest-dom/vitest";
import { afterEach } from "vitest";

if (typeof document !== "undefined") {
  const { cleanup, configure } = await import("@testing-library/react");
  afterEach(() => cleanup());
  // waitFor() and findBy*() wait up to 1 s by default: too short on a busy machine (see vitest.config.ts).
  configure({ asyncUtilTimeout: 10_000 });
}
