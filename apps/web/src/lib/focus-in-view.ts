// A focused element is always scrolled into view (WCAG 2.4.7, 2.4.11). Browsers scroll to what
// Tab focuses, but libraries often move focus without scrolling (react-aria's collections focus
// their items with preventScroll: the board's GridList, Tab into the next column, left the focus
// on a card hundreds of pixels above the viewport). One listener for the whole document fixes
// that at its root: after any focus change, once the browser and the library are done, an
// element that is not fully in the viewport is scrolled the least distance that shows it.
/** Is the element fully visible, or (taller or wider than the viewport) at least filling it? */
function inView(rect: DOMRect, width: number, height: number): boolean {
  // (1 px of slack: a box the browser aligned with the viewport's edge may end a fraction past it)
  const vertical =
    (rect.top >= -1 && rect.bottom <= height + 1) || (rect.height >= height && rect.top < height && rect.bottom > 0);
  const horizontal =
    (rect.left >= -1 && rect.right <= width + 1) || (rect.width >= width && rect.left < width && rect.right > 0);
  return vertical && horizontal;
}

export function keepFocusInView(doc: Document = document): () => void {
  const view = doc.defaultView;
  if (!view) return () => {};
  const onFocusIn = (event: FocusEvent) => {
    const target = event.target;
    if (!(target instanceof view.HTMLElement) || target === doc.body) return;
    // after the frame: the browser's own scrolling and the library's focus handling come first
    view.requestAnimationFrame(() => {
      if (doc.activeElement !== target || !target.isConnected) return;
      if (inView(target.getBoundingClientRect(), view.innerWidth, view.innerHeight)) return;
      target.scrollIntoView({ block: "nearest", inline: "nearest" });
    });
  };
  doc.addEventListener("focusin", onFocusIn);
  return () => doc.removeEventListener("focusin", onFocusIn);
}
