// @vitest-environment jsdom
// The work order page: a 404 is a plain "not found / no access" page; staff see why an order
// cannot be delivered yet; the client reads the next step and gets the review form when delivered.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { screen, within } from "@testing-library/react";
import { Route, Routes } from "react-router";
import WorkOrderPage from "./WorkOrderPage.tsx";
import { makeUser, renderSignedIn } from "../../test/render.tsx";
import { task, workOrder, CREW3, CREW5 } from "../../test/fixtures.ts";
import { setLocale } from "../../i18n/index.ts";
import type { Deliverable } from "../../lib/api.ts";

const ORDER_ID = "0190d6c8-0000-7000-8000-0000000000aa";
const manager = makeUser({ role: "manager", name: "高橋 真理子" });
const client = makeUser({ role: "client", name: "佐藤 美咲", clientCompanyId: "0190d6c8-0000-7000-8000-00000000000a" });

const deliverable = (over: Partial<Deliverable>): Deliverable => ({
  id: "d-0",
  workOrderId: ORDER_ID,
  title: "納品物",
  note: "",
  url: "https://files.example/deliverables/sheet.xlsx",
  fileName: null,
  contentType: null,
  sizeBytes: null,
  downloadUrl: null,
  uploadedBy: { id: CREW5, name: "吉田 陽子", displayName: "吉田 陽子", role: "crew" },
  createdAt: "2026-11-20T01:00:00.000Z",
  releasedAt: null,
  ...over,
});

function serve(routes: Record<string, () => Response>) {
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: string) => {
      const path = url.replace(/^\/api\/v1/, "").split("?")[0]!;
      return routes[path]?.() ?? new Response(null, { status: 404 });
    }),
  );
}

function renderPage(user = manager) {
  return renderSignedIn(
    <Routes>
      <Route path="/work-orders/:id" element={<WorkOrderPage />} />
    </Routes>,
    { user, path: `/work-orders/${ORDER_ID}` },
  );
}

describe("work order page", () => {
  beforeEach(() => setLocale("ja"));
  afterEach(() => vi.unstubAllGlobals());

  it("shows a plain 'not found or no access' page for the server's 404", async () => {
    serve({
      [`/work-orders/${ORDER_ID}`]: () =>
        Response.json(
          { type: "x", title: "Work order not found", status: 404, code: "work_order.not_found" },
          { status: 404, headers: { "content-type": "application/problem+json" } },
        ),
    });
    renderPage(client);
    expect(await screen.findByRole("heading", { level: 1, name: "依頼が見つかりません" })).toBeInTheDocument();
    expect(screen.getByText(/見つからないか、表示する権限がありません/)).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "最初の画面に戻る" })).toHaveAttribute("href", "/client");
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
  });

  it("shows details, tasks, deliverables and feedback to staff, and why it cannot be delivered yet", async () => {
    const order = workOrder({
      id: ORDER_ID,
      status: "in_progress",
      allowedTransitions: ["delivered"],
      progress: 50,
      links: ["https://files.example/a.pdf", "javascript:alert(1)"],
      taskCounts: { total: 2, done: 1, blocked: 0 },
      nominatedCrew: { id: CREW3, name: "小林 彩香", displayName: "小林 彩香", role: "crew" },
      nominationNote: "前回も担当してくださった方に",
    });
    serve({
      [`/work-orders/${ORDER_ID}`]: () => Response.json(order),
      "/tasks": () =>
        Response.json({
          items: [
            task({
              id: "t1",
              title: "伝票 1〜60",
              status: "done",
              progress: 100,
              workOrder: { id: ORDER_ID, number: 12, title: order.title, clientCompanyId: order.clientCompany.id },
            }),
            task({
              id: "t2",
              title: "伝票 61〜120",
              status: "doing",
              progress: 0,
              assignee: { id: CREW5, name: "吉田 陽子", displayName: "吉田 陽子", role: "crew" },
              workOrder: { id: ORDER_ID, number: 12, title: order.title, clientCompanyId: order.clientCompany.id },
            }),
          ],
          nextCursor: null,
        }),
      [`/work-orders/${ORDER_ID}/deliverables`]: () =>
        Response.json({
          items: [
            deliverable({ id: "d-1", title: "途中経過（伝票 1〜27）", releasedAt: "2026-11-20T05:00:00.000Z" }),
            deliverable({ id: "d-2", title: "途中経過（伝票 28〜60）", releasedAt: null }),
          ],
        }),
      [`/work-orders/${ORDER_ID}/feedback`]: () => Response.json({ items: [] }),
    });
    renderPage();
    expect(await screen.findByRole("heading", { level: 1, name: "依頼 #12" })).toBeInTheDocument();
    const details = screen.getByRole("region", { name: "依頼の内容" });
    expect(details).toHaveTextContent("小林 彩香");
    expect(details).toHaveTextContent("前回も担当してくださった方に");
    expect(within(details).getByRole("link", { name: "https://files.example/a.pdf" })).toBeInTheDocument();
    // not a web address: shown, never a link
    expect(within(details).queryByRole("link", { name: /javascript/ })).not.toBeInTheDocument();

    const tasks = await screen.findByRole("table", { name: "この依頼のタスク（2 件）" });
    expect(within(tasks).getAllByRole("row")).toHaveLength(3);
    expect(tasks).toHaveTextContent("吉田 陽子");

    const deliver = screen.getByRole("button", { name: "納品済みにする" });
    expect(deliver).toHaveAttribute("aria-disabled", "true");
    expect(deliver).toHaveAccessibleDescription("すべてのタスクが完了すると、納品済みにできます（完了 1 / 2 件）。");
    expect(screen.getByRole("heading", { level: 3, name: "納品物を追加する" })).toBeInTheDocument();
    expect(
      screen.getByText("追加した納品物は、マネージャーが依頼を納品済みにしたときにお客様に公開されます。"),
    ).toBeInTheDocument();
    // staff see which deliverables the client cannot see yet
    const listed = await screen.findAllByTestId("wo-deliverable");
    expect(listed).toHaveLength(2);
    expect(within(listed[0]!).queryByText("お客様には未公開")).not.toBeInTheDocument();
    expect(within(listed[1]!).getByText("お客様には未公開")).toBeInTheDocument();
    expect(await screen.findByText("フィードバックはまだありません。")).toBeInTheDocument();
  });

  it("gives the client the next step and the review form once delivered", async () => {
    const order = workOrder({
      id: ORDER_ID,
      status: "delivered",
      allowedTransitions: ["completed", "revision_requested"],
      progress: 100,
      taskCounts: { total: 1, done: 1, blocked: 0 },
    });
    serve({
      [`/work-orders/${ORDER_ID}`]: () => Response.json(order),
      "/tasks": () => Response.json({ items: [], nextCursor: null }),
      [`/work-orders/${ORDER_ID}/deliverables`]: () => Response.json({ items: [] }),
      [`/work-orders/${ORDER_ID}/feedback`]: () => Response.json({ items: [] }),
    });
    renderPage(client);
    expect(await screen.findByTestId("wo-next-step")).toHaveTextContent("納品物をご確認ください。");
    expect(screen.getByRole("heading", { level: 3, name: "納品物のご確認" })).toBeInTheDocument();
    // clients neither add deliverables nor change the status
    expect(screen.queryByRole("heading", { name: "納品物を追加する" })).not.toBeInTheDocument();
    expect(screen.queryByTestId("wo-status-action")).not.toBeInTheDocument();
  });
});
