// @vitest-environment jsdom
// Breakpoints in the page's own rem: a media query's rem is the browser's default size, so a table
// that fits at the default text size scrolls sideways at the "larger" one unless the breakpoint
// follows the root size the person chose (issue 14's narrow-screen cards, WCAG 1.4.10).
import { afterEach, describe, expect, it, vi } from "vitest";
import { act, render, screen } from "@testing-library/react";
import { useNarrowerThan } from "./media.ts";

/** A viewport `width` px wide: matchMedia answers max-width queries as a browser would. */
function viewportOf(width: number) {
  vi.stubGlobal("matchMedia", (query: string) => {
    const max = /^\(max-width: ([\d.]+)px\)$/.exec(query);
    return {
      matches: max ? width <= Number(max[1]) : false,
      addEventListener: () => {},
      removeEventListener: () => {},
    };
  });
}

function Layout() {
  return <p>{useNarrowerThan(48) ? "cards" : "table"}</p>;
}

describe("useNarrowerThan", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    document.documentElement.removeAttribute("style");
  });

  it("scales the breakpoint by the root size, and follows a change of it", async () => {
    viewportOf(1000); // wider than 48 × 16 px = 768 px
    render(<Layout />);
    expect(screen.getByText("table")).toBeTruthy();
    // the "larger" text size: 48 × 22 px = 1,056 px, wider than the viewport
    await act(async () => {
      document.documentElement.style.fontSize = "22px";
      await new Promise((r) => setTimeout(r, 0)); // the MutationObserver's callback
    });
    expect(screen.getByText("cards")).toBeTruthy();
  });
});
