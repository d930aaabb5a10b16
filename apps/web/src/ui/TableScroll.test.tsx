// @vitest-environment jsdom
// A table that scrolls sideways: the hint and the Tab stop are there while the table is wider than
// its box, and only then, following a resize (narrower window, larger text size, more rows). jsdom
// lays nothing out, so the widths and the ResizeObserver are stand-ins a test sets and fires.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { act, render, screen } from "@testing-library/react";
import { TableScroll } from "./TableScroll.tsx";

/** The box's widths as a browser would measure them. */
const widths = { scroll: 0, client: 0 };
/** The ResizeObservers alive now, with what each observes. */
const observers = new Set<{ fire: () => void; targets: Set<Element> }>();

class FakeResizeObserver {
  private readonly entry: { fire: () => void; targets: Set<Element> };
  constructor(callback: ResizeObserverCallback) {
    this.entry = { fire: () => callback([], this as unknown as ResizeObserver), targets: new Set() };
    observers.add(this.entry);
  }
  observe(target: Element) {
    this.entry.targets.add(target);
  }
  unobserve(target: Element) {
    this.entry.targets.delete(target);
  }
  disconnect() {
    this.entry.targets.clear();
  }
}

/** The browser reports a new size of `target`: each observer watching it is called. */
function resized(target: Element) {
  act(() => {
    for (const observer of observers) if (observer.targets.has(target)) observer.fire();
  });
}

function Table({ rows = 1 }: { rows?: number }) {
  return (
    <TableScroll labelledBy="orders-caption" hint="The table scrolls sideways.">
      <table>
        <caption id="orders-caption">Orders</caption>
        <tbody>
          {Array.from({ length: rows }, (_, i) => (
            <tr key={i}>
              <td>Order {i + 1}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

const region = () => screen.getByRole("region", { name: "Orders" });
const hint = () => screen.queryByText("The table scrolls sideways.");

describe("TableScroll", () => {
  beforeEach(() => {
    vi.stubGlobal("ResizeObserver", FakeResizeObserver);
    const box = (el: Element) => el.classList.contains("table-scroll");
    vi.spyOn(Element.prototype, "scrollWidth", "get").mockImplementation(function (this: Element) {
      return box(this) ? widths.scroll : 0;
    });
    vi.spyOn(Element.prototype, "clientWidth", "get").mockImplementation(function (this: Element) {
      return box(this) ? widths.client : 0;
    });
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
    observers.clear();
  });

  it("a table that fits: a region named by its caption, no hint, no Tab stop", () => {
    Object.assign(widths, { scroll: 600, client: 800 });
    render(<Table />);
    expect(region()).not.toHaveAttribute("tabindex");
    expect(region()).toHaveClass("table-scroll");
    expect(hint()).not.toBeInTheDocument();
    expect(region()).not.toHaveAttribute("aria-describedby");
  });

  it("a table wider than its box: the hint before the box, and the box is a Tab stop", () => {
    Object.assign(widths, { scroll: 960, client: 320 });
    render(<Table />);
    expect(region()).toHaveAttribute("tabindex", "0");
    expect(hint()).toBeInTheDocument();
    expect(hint()!.compareDocumentPosition(region()) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    // a screen reader that lands on the box hears the hint too
    expect(region()).toHaveAccessibleDescription("The table scrolls sideways.");
  });

  it("follows a resize of the box (a narrower window) both ways", () => {
    Object.assign(widths, { scroll: 600, client: 800 });
    render(<Table />);
    Object.assign(widths, { client: 320 });
    resized(region());
    expect(region()).toHaveAttribute("tabindex", "0");
    expect(hint()).toBeInTheDocument();
    Object.assign(widths, { client: 800 });
    resized(region());
    expect(region()).not.toHaveAttribute("tabindex");
    expect(hint()).not.toBeInTheDocument();
  });

  it("follows a resize of the table (a larger text size, more rows) with the box's width unchanged", () => {
    Object.assign(widths, { scroll: 600, client: 800 });
    const { rerender } = render(<Table />);
    Object.assign(widths, { scroll: 1100 });
    resized(screen.getByRole("table"));
    expect(region()).toHaveAttribute("tabindex", "0");
    rerender(<Table rows={3} />);
    Object.assign(widths, { scroll: 700 });
    resized(screen.getByRole("table"));
    expect(hint()).not.toBeInTheDocument();
  });

  it("follows a table that replaces the first one (other content)", async () => {
    Object.assign(widths, { scroll: 600, client: 800 });
    const box = (key: string) => (
      <TableScroll labelledBy="orders-caption" hint="The table scrolls sideways.">
        <table key={key}>
          <caption id="orders-caption">Orders</caption>
        </table>
      </TableScroll>
    );
    const { rerender } = render(box("this month"));
    const before = screen.getByRole("table");
    rerender(box("last month"));
    await act(async () => {}); // the MutationObserver's callback
    expect(screen.getByRole("table")).not.toBe(before);
    Object.assign(widths, { scroll: 1100 });
    resized(screen.getByRole("table"));
    expect(region()).toHaveAttribute("tabindex", "0");
  });

  it("a pixel of rounding is not overflow", () => {
    Object.assign(widths, { scroll: 801, client: 800 });
    render(<Table />);
    expect(region()).not.toHaveAttribute("tabindex");
  });

  it("stays a Tab stop while focused when it stops scrolling, so focus is not dropped", () => {
    Object.assign(widths, { scroll: 960, client: 320 });
    render(<Table />);
    act(() => region().focus());
    Object.assign(widths, { client: 1000 });
    resized(region());
    expect(hint()).not.toBeInTheDocument();
    expect(region()).toHaveFocus();
    expect(region()).toHaveAttribute("tabindex", "0");
    act(() => region().blur());
    expect(region()).not.toHaveAttribute("tabindex");
  });

  it("without a ResizeObserver (an old browser) it counts as scrolling: hint and Tab stop", () => {
    vi.stubGlobal("ResizeObserver", undefined);
    Object.assign(widths, { scroll: 600, client: 800 });
    render(<Table />);
    expect(region()).toHaveAttribute("tabindex", "0");
    expect(hint()).toBeInTheDocument();
  });
});
