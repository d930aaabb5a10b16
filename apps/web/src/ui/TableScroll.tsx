// A table in a box that scrolls sideways when the table is wider than the screen (WCAG 1.4.10:
// the page itself never does). Whether it scrolls is measured, not guessed from the viewport: the
// width a table needs depends on its words, its language, the text size chosen in Settings and the
// simpler layout. Only when it does scroll is the sentence saying so shown, and is the box a Tab
// stop, so that a keyboard user can scroll it with the arrow keys (axe: scrollable-region-focusable).
// A box that fits is no Tab stop: a stop that does nothing costs keyboard and screen-reader users.
// The box is always a region named by the table's caption: it names the table area either way.
import { useId, useLayoutEffect, useState, type ReactNode } from "react";

/** Whether `box` is wider inside than it shows (a pixel of rounding is not overflow). */
const overflowsSideways = (box: HTMLElement) => box.scrollWidth > box.clientWidth + 1;

/**
 * Whether an element scrolls sideways, kept current by a ResizeObserver on it (the screen, zoom or
 * text size changes its width) and on its children (new rows, longer words, a larger text size
 * change theirs); a MutationObserver follows children that are replaced. Returns a callback ref
 * for the element, so an element shown later (after loading) is measured too.
 *
 * Where there is no ResizeObserver (an old browser, jsdom) the element counts as scrolling: a hint
 * too many and a Tab stop too many are better than a table a keyboard cannot reach.
 */
export function useOverflowsSideways(): [(element: HTMLElement | null) => void, boolean] {
  const [element, setElement] = useState<HTMLElement | null>(null);
  const [overflows, setOverflows] = useState(() => typeof ResizeObserver === "undefined");
  useLayoutEffect(() => {
    if (!element || typeof ResizeObserver === "undefined") return;
    // measured before the first paint, so neither the hint nor the Tab stop flickers in
    const measure = () => setOverflows(overflowsSideways(element));
    const resizes = new ResizeObserver(measure);
    const observeChildren = () => {
      resizes.disconnect();
      resizes.observe(element);
      for (const child of element.children) resizes.observe(child);
    };
    const mutations =
      typeof MutationObserver === "undefined"
        ? null
        : new MutationObserver(() => {
            observeChildren();
            measure();
          });
    observeChildren();
    mutations?.observe(element, { childList: true });
    measure();
    return () => {
      resizes.disconnect();
      mutations?.disconnect();
    };
  }, [element]);
  return [setElement, overflows];
}

/**
 * A table that may scroll sideways: `<TableScroll labelledBy={captionId} hint={t("…scrollHint")}>`
 * around a `<table>` whose caption has the id `labelledBy`.
 */
export function TableScroll({
  labelledBy,
  hint,
  children,
}: {
  /** the id of the table's caption, which names the region */
  labelledBy: string;
  /** the sentence shown before the box while it scrolls ("The table scrolls sideways.") */
  hint: ReactNode;
  children: ReactNode;
}) {
  const [ref, overflows] = useOverflowsSideways();
  // A box that stops scrolling while it has focus (the text got smaller, the window wider) stays a
  // Tab stop until focus leaves it: taking its tabIndex away then would drop focus to the page.
  const [focused, setFocused] = useState(false);
  const hintId = useId();
  return (
    <>
      {overflows && (
        <p className="table-scroll__hint" id={hintId}>
          {hint}
        </p>
      )}
      <div
        ref={ref}
        className="table-scroll"
        role="region"
        aria-labelledby={labelledBy}
        // a screen reader that lands on the box hears that it scrolls, not only the table's name
        aria-describedby={overflows ? hintId : undefined}
        tabIndex={overflows || focused ? 0 : undefined}
        onFocus={(event) => setFocused(event.target === event.currentTarget)}
        onBlur={(event) => {
          if (event.target === event.currentTarget) setFocused(false);
        }}
      >
        {children}
      </div>
    </>
  );
}
