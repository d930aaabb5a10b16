// @vitest-environment jsdom
// Issue 10: the client portal's early "cannot be staffed": from the notification the server sends
// when nobody took an urgent offer, with the reason and what happens next, only for open orders.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { screen } from "@testing-library/react";
import { setLocale } from "../../i18n/index.ts";
import { makeUser, renderSignedIn } from "../../test/render.tsx";
import { workOrder } from "../../test/fixtures.ts";
import { UnstaffedNotice } from "./UnstaffedNotice.tsx";

const note = (workOrderId: string, reason: string) => ({
  id: `n-${workOrderId}`,
  kind: "urgent_offer.unstaffed",
  data: { workOrderId, number: 12, title: "経費伝票 120 枚の入力", taskTitle: "伝票 1〜60 の入力", reason },
  readAt: null,
  createdAt: "2026-11-24T02:00:00.000Z",
});

describe("cannot be staffed, early", () => {
  beforeEach(() => setLocale("ja"));
  afterEach(() => vi.unstubAllGlobals());

  it("says which work, why and what happens next, for open orders only", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(async () =>
        Response.json({
          items: [note("wo-1", "all_declined"), note("wo-done", "deadline")],
          nextCursor: null,
          unreadCount: 2,
        }),
      ),
    );
    renderSignedIn(
      <UnstaffedNotice
        orders={[workOrder({ id: "wo-1", status: "accepted" }), workOrder({ id: "wo-done", status: "completed" })]}
      />,
      { user: makeUser({ role: "client" }) },
    );
    const notice = await screen.findByTestId("client-unstaffed");
    expect(screen.getByRole("heading", { name: "対応できる人がいません" })).toBeInTheDocument();
    expect(notice).toHaveTextContent("依頼 #12「経費伝票 120 枚の入力」の作業「伝票 1〜60 の入力」");
    expect(notice).toHaveTextContent("声をかけた全員が、今回は対応できませんでした。");
    expect(notice).toHaveTextContent("このあと担当者からご連絡し");
    expect(screen.getAllByRole("listitem")).toHaveLength(1);
  });
});
