// @vitest-environment jsdom
// The client portal: status in words, progress and task counts, the decline reason, the next
// step; and live changes from the cache (as lib/live.ts applies socket events).
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { act, screen, waitFor, within } from "@testing-library/react";
import ClientPortalPage from "./ClientPortalPage.tsx";
import { makeUser, renderSignedIn } from "../../test/render.tsx";
import { workOrder } from "../../test/fixtures.ts";
import { setLocale } from "../../i18n/index.ts";
import { applyWorkOrder } from "../../lib/live.ts";

const client = makeUser({ role: "client", name: "佐藤 美咲", clientCompanyId: "0190d6c8-0000-7000-8000-00000000000a" });

const accepted = workOrder({
  id: "wo-accepted",
  number: 13,
  title: "Enter 120 expense slips",
  status: "accepted",
  taskCounts: { total: 2, done: 0, blocked: 0 },
});
const delivered = workOrder({
  id: "wo-delivered",
  number: 12,
  title: "契約書のスキャン",
  status: "delivered",
  progress: 100,
  taskCounts: { total: 3, done: 3, blocked: 0 },
});
const declined = workOrder({
  id: "wo-declined",
  number: 11,
  title: "セミナー申込書の入力",
  status: "declined",
  declineReason: "本日 15 時までに対応できる人がいません。",
});

describe("client portal", () => {
  beforeEach(() => {
    setLocale("ja");
    vi.stubGlobal(
      "fetch",
      vi.fn(async (url: string) =>
        url.startsWith("/api/v1/work-orders")
          ? Response.json({ items: [accepted, delivered, declined], nextCursor: null })
          : new Response(null, { status: 404 }),
      ),
    );
  });
  afterEach(() => vi.unstubAllGlobals());

  it("shows each order's status in words, progress, the reason for a decline and the next step", async () => {
    renderSignedIn(<ClientPortalPage />, { user: client, path: "/client" });
    const card = await screen.findByTestId("client-order-13");
    expect(within(card).getByRole("heading", { level: 3 })).toHaveTextContent("#13 Enter 120 expense slips");
    expect(within(card).getByRole("link", { name: "#13 Enter 120 expense slips" })).toHaveAttribute(
      "href",
      "/work-orders/wo-accepted",
    );
    expect(card).toHaveTextContent("受付済み");
    expect(card).toHaveTextContent("タスク 2 件、これから始めます");
    expect(card).toHaveTextContent("次のステップ：ご依頼をお受けしました。");

    const waiting = screen.getByTestId("client-order-12");
    expect(waiting).toHaveTextContent("ご確認をお願いします");
    expect(waiting).toHaveTextContent("納品物をご確認ください。");
    expect(within(waiting).getByRole("link", { name: /^納品物を確認する\s*#12$/ })).toHaveAttribute(
      "href",
      "/work-orders/wo-delivered#review",
    );
    expect(screen.getByTestId("client-action-needed")).toHaveTextContent("ご確認をお願いしたい依頼が 1 件あります。");

    const no = screen.getByTestId("client-order-11");
    expect(no).toHaveTextContent("お断り");
    expect(no).toHaveTextContent("お受けできなかった理由");
    expect(no).toHaveTextContent("本日 15 時までに対応できる人がいません。");
    expect(no).toHaveTextContent("申し訳ありません。");
  });

  it("changes status and progress as live events update the cache", async () => {
    const { client: queryClient } = renderSignedIn(<ClientPortalPage />, { user: client, path: "/client" });
    const card = await screen.findByTestId("client-order-13");
    act(() =>
      applyWorkOrder(queryClient, {
        ...accepted,
        status: "in_progress",
        progress: 40,
        version: 3,
        taskCounts: { total: 2, done: 0, blocked: 0 },
      }),
    );
    // React Query tells its observers on the next tick
    await waitFor(() => expect(card).toHaveTextContent("作業中"));
    expect(card).toHaveTextContent("タスク 2 件、40% 完了");
    // a new order of the company appears at the top
    act(() =>
      applyWorkOrder(
        queryClient,
        workOrder({ id: "wo-new", number: 14, title: "顧客リストの入力", status: "requested" }),
      ),
    );
    await waitFor(() => expect(screen.getAllByRole("article")[0]).toHaveTextContent("#14"));
  });

  it("speaks English when the UI is in English", async () => {
    setLocale("en");
    renderSignedIn(<ClientPortalPage />, { user: client, path: "/client" });
    const card = await screen.findByTestId("client-order-13");
    expect(card).toHaveTextContent("2 tasks, starting soon");
    expect(card).toHaveTextContent("Next step: We have accepted your order.");
    expect(screen.getByTestId("client-order-12")).toHaveTextContent("Please review");
    // a delivered order says so: never "in progress 100%"
    expect(screen.getByTestId("client-order-12")).toHaveTextContent("3 tasks, delivered");
    expect(screen.getByTestId("client-order-12")).not.toHaveTextContent(/in progress/i);
  });
});
