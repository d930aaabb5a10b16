// Shared setup of the web unit tests: jest-dom matchers, and Testing Library's cleanup after
// each test in DOM tests (vitest has no globals here, so it is not registered by itself).
import "@testing-library/jest-dom/vitest";
import { afterEach } from "vitest";

if (typeof document !== "undefined") {
  const { cleanup } = await import("@testing-library/react");
  afterEach(() => cleanup());
}
