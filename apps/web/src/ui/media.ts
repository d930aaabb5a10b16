// A CSS media query as React state, for layouts that change their markup (not only their look) at
// a breakpoint, such as a table that becomes a list of cards on a narrow screen.
import { useSyncExternalStore } from "react";

/** Whether `query` matches now; follows changes (rotating, resizing, zooming). False where there is no matchMedia. */
export function useMediaQuery(query: string): boolean {
  return useSyncExternalStore(
    (onChange) => {
      const list = globalThis.matchMedia?.(query);
      list?.addEventListener("change", onChange);
      return () => list?.removeEventListener("change", onChange);
    },
    () => globalThis.matchMedia?.(query).matches ?? false,
    () => false,
  );
}

/** The page's root font size in px: the text size chosen in Settings (html[data-text-size]) over the browser's own. */
function rootFontPx(): number {
  const px = parseFloat(getComputedStyle(document.documentElement).fontSize);
  return Number.isFinite(px) && px > 0 ? px : 16;
}

function onRootFontChange(onChange: () => void): () => void {
  const observer = new MutationObserver(onChange);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ["data-text-size", "style"] });
  return () => observer.disconnect();
}

/** The media query of a viewport narrower than `rem` root sizes of `rootPx` each. */
export const narrowerThanQuery = (rem: number, rootPx: number) => `(max-width: ${rem * rootPx}px)`;

/**
 * Whether the viewport is narrower than `rem` of the page's own root size. A media query's rem is
 * the browser's default size, whatever text size the person chose in Settings: a table 45rem wide
 * at the "larger" size (22 px) needs 990 px, not 720. So the breakpoint is scaled by the root size
 * as shown, and follows a change of the setting.
 */
export function useNarrowerThan(rem: number): boolean {
  const rootPx = useSyncExternalStore(onRootFontChange, rootFontPx, () => 16);
  return useMediaQuery(narrowerThanQuery(rem, rootPx));
}
