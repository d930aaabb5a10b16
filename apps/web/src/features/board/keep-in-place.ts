// Keeps what the user is reading still while others' changes arrive (issue 9 barrier 5, WCAG
// 2.2.2). The anchor is the focused card (or the focused element) inside the board, else the first
// card at least partly in view. When the board's DOM changes (a card above it left its column, an
// order arrived above the board), the page is scrolled by exactly how far the anchor moved,
// before the browser paints (a MutationObserver's callback runs before the next frame), so the
// anchor stays where it was on screen. The browser's own scroll anchoring often picks another
// element (a column beside the card), which is why the board keeps its own.
import { useEffect, type RefObject } from "react";

const CARD = ".board-card[data-task-id]";

interface Anchor {
  /** the card's task id (a card may be rendered anew in another list), or the element itself */
  taskId?: string;
  element?: Element;
  top: number;
}

function findAnchor(root: HTMLElement): Anchor | undefined {
  const active = document.activeElement;
  if (active && active !== root && root.contains(active)) {
    const card = active.closest(CARD);
    const taskId = card?.getAttribute("data-task-id") ?? undefined;
    return { taskId, element: taskId ? undefined : active, top: (card ?? active).getBoundingClientRect().top };
  }
  for (const card of root.querySelectorAll(CARD)) {
    const box = card.getBoundingClientRect();
    if (box.bottom > 0 && box.top < window.innerHeight && box.height > 0)
      return { taskId: card.getAttribute("data-task-id") ?? undefined, top: box.top };
  }
  return undefined;
}

function locate(root: HTMLElement, anchor: Anchor): Element | undefined {
  if (anchor.element) return anchor.element.isConnected ? anchor.element : undefined;
  return root.querySelector(`.board-card[data-task-id="${CSS.escape(anchor.taskId ?? "")}"]`) ?? undefined;
}

/** Keeps the anchor inside `root` still on screen across DOM changes made by live updates. */
export function useKeepInPlace(root: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    const element = root.current;
    if (!element || typeof MutationObserver === "undefined") return;
    let anchor = findAnchor(element);
    let frame = 0;
    const measure = () => {
      cancelAnimationFrame(frame);
      frame = 0;
      anchor = findAnchor(element);
    };
    // With nothing held (no card in view, none focused) or the held card gone, the next anchor is
    // picked when the frame is drawn: nothing that changed since has been seen yet. Measuring at
    // every change forced a layout of the page per React commit while a big board loads (issue 14:
    // the board's cards are below the fold then).
    const measureAtFrame = () => {
      if (frame === 0)
        frame = requestAnimationFrame(() => {
          frame = 0;
          anchor = findAnchor(element);
        });
    };
    const observer = new MutationObserver(() => {
      const before = anchor;
      const now = before ? locate(element, before) : undefined;
      if (before && now) {
        const moved = now.getBoundingClientRect().top - before.top;
        if (Math.abs(moved) >= 1) window.scrollBy({ top: moved, behavior: "instant" });
        measure(); // the page's layout is current here: no second one
      } else measureAtFrame();
    });
    observer.observe(element, { childList: true, subtree: true });
    // the user moves: scrolling, focus, a new window size — that is the new place to keep
    const onMove = () => measure();
    window.addEventListener("scroll", onMove, { passive: true });
    window.addEventListener("resize", onMove);
    element.addEventListener("focusin", onMove);
    return () => {
      cancelAnimationFrame(frame);
      observer.disconnect();
      window.removeEventListener("scroll", onMove);
      window.removeEventListener("resize", onMove);
      element.removeEventListener("focusin", onMove);
    };
  }, [root]);
}
