// @vitest-environment jsdom
// A lazy screen (issue 14): the polite loading status until its chunk and words are here, then the
// screen with a plain update (no Suspense boundary, whose reveal React holds back for 300 ms); a
// screen already loaded (app/startup.ts preloaded it) renders at once; a failed load reaches the
// error boundary, and the next try loads again.
import { Component, type ReactNode } from "react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { cleanup, render, screen } from "@testing-library/react";
import { lazyScreen } from "./lazy-screen.ts";

class Boundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  render() {
    return this.state.failed ? <p>failed</p> : this.props.children;
  }
}

function Hello({ name }: { name: string }) {
  return <h1>hello {name}</h1>;
}

describe("lazyScreen", () => {
  afterEach(cleanup);

  it("shows the loading status, then the screen with its props", async () => {
    let resolve!: (module: { default: typeof Hello }) => void;
    const Screen = lazyScreen(() => new Promise<{ default: typeof Hello }>((r) => (resolve = r)), []);
    render(<Screen name="board" />);
    expect(screen.getByRole("status")).toBeTruthy();
    resolve({ default: Hello });
    expect(await screen.findByRole("heading", { name: "hello board" })).toBeTruthy();
    expect(screen.queryByRole("status")).toBeNull();
  });

  it("a screen preloaded before it renders renders at once, from the same load", async () => {
    const load = vi.fn(async () => ({ default: Hello }));
    const Screen = lazyScreen(load, []);
    await Screen.preload();
    render(<Screen name="early" />);
    // in the first render: no loading status in between
    expect(screen.getByRole("heading", { name: "hello early" })).toBeTruthy();
    expect(load).toHaveBeenCalledTimes(1);
  });

  it("a failed load reaches the error boundary; the next try loads again", async () => {
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    const load = vi
      .fn<() => Promise<{ default: typeof Hello }>>()
      .mockRejectedValueOnce(new Error("offline"))
      .mockResolvedValue({ default: Hello });
    const Screen = lazyScreen(load, []);
    const first = render(
      <Boundary>
        <Screen name="x" />
      </Boundary>,
    );
    expect(await screen.findByText("failed")).toBeTruthy();
    first.unmount();
    render(<Screen name="again" />);
    expect(await screen.findByRole("heading", { name: "hello again" })).toBeTruthy();
    expect(load).toHaveBeenCalledTimes(2);
    vi.restoreAllMocks();
  });
});
