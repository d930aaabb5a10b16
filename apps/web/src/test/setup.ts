// Shared setup of the web unit tests: jest-dom matchers, and Testing Library's cleanup after
// each test in DOM tests (vitest has no globals here, so it is not registered by itself), and
// its waiting time for busy machines.
import "@testing-library/jest-dom/vitest";
import { afterEach } from "vitest";
import { featureNames } from "../i18n/features.ts";
import { loadMessages } from "../i18n/index.ts";

// Component tests render a screen's parts without its lazy route, so every feature's words are
// registered up front here (in the app each route loads its own: app/lazy-screen.ts; the route
// tests in app/AppRoutes.test.tsx start from the common catalogue only).
await loadMessages(featureNames);

if (typeof document !== "undefined") {
  const { cleanup, configure } = await import("@testing-library/react");
  afterEach(() => cleanup());
  // waitFor() and findBy*() wait up to 1 s by default: too short on a busy machine (see vitest.config.ts).
  configure({ asyncUtilTimeout: 10_000 });
}
