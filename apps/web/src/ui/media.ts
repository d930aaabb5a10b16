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
