// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from "vitest";
import { render, screen } from "@testing-library/react";
import { ConnectionBannerView } from "./ConnectionBanner.tsx";
import { setLocale } from "../i18n/index.ts";
import type { ConnectionState } from "../lib/connection.ts";

const online: ConnectionState = { phase: "online", pending: 0, failed: 0, flushing: false, recovered: null };

describe("connection banner", () => {
  beforeEach(() => setLocale("en"));

  it("is an empty status region while all is well", () => {
    render(<ConnectionBannerView state={online} signedIn />);
    const banner = screen.getByRole("status");
    expect(banner).toBeEmptyDOMElement();
  });

  it("says offline and how many actions wait", () => {
    render(<ConnectionBannerView state={{ ...online, phase: "offline", pending: 3 }} signedIn />);
    expect(screen.getByRole("status")).toHaveTextContent(
      "You are offline. Changes will be sent when you are back online.",
    );
    expect(screen.getByRole("status")).toHaveTextContent("3 actions waiting to be sent");
  });

  it("says reconnecting, and once back how many waiting actions were sent", () => {
    const { rerender } = render(
      <ConnectionBannerView state={{ ...online, phase: "reconnecting", pending: 1 }} signedIn />,
    );
    expect(screen.getByRole("status")).toHaveTextContent("Reconnecting");
    expect(screen.getByRole("status")).toHaveTextContent("1 action waiting to be sent");
    rerender(<ConnectionBannerView state={{ ...online, recovered: { sent: 2, at: Date.now() } }} signedIn />);
    expect(screen.getByRole("status")).toHaveTextContent("Back online. Sent 2 actions that were waiting.");
  });

  it("online, stays silent and takes no space while actions are being sent (issue 9 barrier 3)", () => {
    const { rerender } = render(<ConnectionBannerView state={{ ...online, pending: 1, flushing: true }} signedIn />);
    expect(screen.getByRole("status")).toBeEmptyDOMElement();
    expect(screen.getByRole("status")).toHaveClass("connection-banner--empty");
    rerender(<ConnectionBannerView state={{ ...online, pending: 2, flushing: false }} signedIn />);
    expect(screen.getByRole("status")).toBeEmptyDOMElement();
    // what could not be sent still needs the user
    rerender(<ConnectionBannerView state={{ ...online, failed: 1 }} signedIn />);
    expect(screen.getByRole("status")).toHaveTextContent("1 action could not be sent");
  });

  it("connected but the server's database is down: says nothing can be saved just now (issue 13)", () => {
    render(<ConnectionBannerView state={{ ...online, phase: "unavailable", pending: 1 }} signedIn />);
    expect(screen.getByRole("status")).toHaveTextContent("The server has a temporary problem");
    expect(screen.getByRole("status")).toHaveTextContent("1 action waiting to be sent");
  });

  it("speaks Japanese by default", () => {
    setLocale("ja");
    render(<ConnectionBannerView state={{ ...online, phase: "offline", pending: 2 }} signedIn />);
    expect(screen.getByRole("status")).toHaveTextContent("オフラインです。接続が戻ったら送信します。 送信待ち：2 件");
  });
});
