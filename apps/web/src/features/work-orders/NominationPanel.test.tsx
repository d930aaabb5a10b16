// @vitest-environment jsdom
// Issue 10: the manager's nomination panel (the nominee's day, load and skills; honour, or decline
// with a reason the client reads and maybe someone else), and the client's view of the answer in
// their language, with 「また頼む」 on a completed order.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { setLocale } from "../../i18n/index.ts";
import { makeUser, renderSignedIn } from "../../test/render.tsx";
import { workOrder, CREW3, CREW5 } from "../../test/fixtures.ts";
import type { ResultOf, WorkOrder } from "../../lib/api.ts";
import { NominationPanel } from "./NominationPanel.tsx";
import { AskAgainLink, NominationAnswer, askAgainPerson } from "../client/NominationAnswer.tsx";

type Suggestion = ResultOf<"listTaskSuggestions">["items"][number];
const load = { remainingMinutes: 600, unestimatedTasks: 0, minutesLeftThisWeek: 300, percent: 200, over: true };
const nominee = { id: CREW3, name: "小林 彩香", displayName: "小林", role: "crew" as const };
const ORDER = workOrder({ id: "wo-5", status: "accepted", nominatedCrew: nominee });
const suggestions: Suggestion[] = [
  {
    user: { id: CREW5, name: "吉田 陽子", displayName: "吉田", role: "crew" },
    rank: 1,
    warnings: [],
    reasons: [{ code: "today.condition", text: "今日の体調：良い" }],
    needsOverride: false,
    load: { ...load, remainingMinutes: 60, minutesLeftThisWeek: 900, percent: 7, over: false },
  },
  {
    user: nominee,
    rank: 2,
    warnings: [{ code: "over_hours", text: "今週の残り時間を超えています" }],
    reasons: [{ code: "today.condition", text: "今日の体調：まあまあ" }],
    needsOverride: false,
    load,
  },
];

let posted: unknown[] = [];
function serve() {
  posted = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: string, init?: RequestInit) => {
      const path = url.replace(/^\/api\/v1/, "").split("?")[0]!;
      if (path === `/work-orders/${ORDER.id}/suggestions`) return Response.json({ items: suggestions });
      if (path === `/users/${CREW3}/work-profile`)
        return Response.json({
          user: nominee,
          weeklyMinutes: 1200,
          workingDays: [1, 2, 3],
          skills: ["data_entry", "proofreading"],
          load,
        });
      if (path === `/work-orders/${ORDER.id}/nomination-answer`) {
        const body = JSON.parse(String(init!.body)) as { answer: string; reason?: string };
        posted.push(body);
        return Response.json({
          ...ORDER,
          nominationAnswer: {
            answer: body.answer,
            reason: body.reason ?? null,
            alternative: null,
            answeredAt: "2026-11-24T01:00:00.000Z",
          },
        });
      }
      return new Response(null, { status: 404 });
    }),
  );
}

describe("nomination panel (manager)", () => {
  beforeEach(() => setLocale("ja"));
  afterEach(() => vi.unstubAllGlobals());

  it("shows the nominee's day, load against the agreed hours and skills; a decline needs a reason, and sends it with the alternative", async () => {
    const user = userEvent.setup();
    serve();
    renderSignedIn(<NominationPanel order={ORDER} />, { user: makeUser({ role: "manager" }) });
    const panel = await screen.findByTestId("nomination-panel");
    await vi.waitFor(() => expect(panel).toHaveTextContent("今日の体調：まあまあ"));
    expect(panel).toHaveTextContent("今週の残り時間を超えています");
    await vi.waitFor(() => expect(panel).toHaveTextContent("残りの作業 10 時間 0 分 ／ 今週の残り時間 5 時間 0 分"));
    expect(panel).toHaveTextContent("データ入力・校正");

    await user.click(screen.getByRole("radio", { name: /小林 彩香 さんへの指名はお断りする/ }));
    await user.click(screen.getByRole("button", { name: "お返事を送る" }));
    const reason = screen.getByRole("textbox", { name: /お断りする理由/ });
    expect(reason).toHaveFocus();
    expect(reason).toHaveAccessibleDescription(/お客様に伝わる言葉で入力してください/);
    expect(posted).toEqual([]);

    await user.type(reason, "今週は別の急ぎの仕事で手が空きません。");
    await user.selectOptions(screen.getByRole("combobox", { name: /代わりの担当者/ }), CREW5);
    await user.click(screen.getByRole("button", { name: "お返事を送る" }));
    await vi.waitFor(() =>
      expect(screen.getByTestId("nomination-status")).toHaveTextContent("理由とともにお客様にお知らせしました"),
    );
    expect(posted).toEqual([
      {
        answer: "declined",
        nomineeId: CREW3,
        reason: "今週は別の急ぎの仕事で手が空きません。",
        alternativeCrewId: CREW5,
      },
    ]);
  });

  it("honours with one choice", async () => {
    const user = userEvent.setup();
    serve();
    renderSignedIn(<NominationPanel order={ORDER} />, { user: makeUser({ role: "manager" }) });
    await user.click(await screen.findByRole("button", { name: "お返事を送る" }));
    await vi.waitFor(() => expect(posted).toEqual([{ answer: "honoured", nomineeId: CREW3 }]));
  });
});

describe("the answer, as the client reads it", () => {
  afterEach(() => setLocale("ja"));
  const declined: WorkOrder = {
    ...ORDER,
    nominationAnswer: {
      answer: "declined",
      reason: "Kobayashi is fully booked this week.",
      alternative: { id: CREW5, name: "吉田 陽子", displayName: "吉田", role: "crew" },
      answeredAt: "2026-11-24T01:00:00.000Z",
    },
  };

  it("declined, in Japanese: the order is still accepted, the manager's words keep their language, the alternative is named", () => {
    setLocale("ja");
    renderSignedIn(<NominationAnswer order={declined} testId="answer" />, { user: makeUser({ role: "client" }) });
    const answer = screen.getByTestId("answer");
    expect(answer).toHaveTextContent(
      "小林 彩香 さんへのご指名は、今回はお受けできませんでした。ご依頼はお受けしています。",
    );
    expect(answer).toHaveTextContent("代わりに 吉田 陽子 さんが担当できます。");
    expect(screen.getByText("Kobayashi is fully booked this week.")).toHaveAttribute("lang", "en");
  });

  it("honoured, in English; waiting while unanswered", () => {
    setLocale("en");
    const honoured = { ...ORDER, nominationAnswer: { ...declined.nominationAnswer!, answer: "honoured" as const } };
    const { unmount } = renderSignedIn(<NominationAnswer order={honoured} testId="answer" />);
    expect(screen.getByTestId("answer")).toHaveTextContent("As you asked, 小林 彩香 takes this order on.");
    unmount();
    renderSignedIn(<NominationAnswer order={ORDER} testId="answer" />);
    expect(screen.getByTestId("answer")).toHaveTextContent("Your nomination of 小林 彩香: the answer");
  });

  it("「また頼む」 from a completed order: the honoured nominee, or the alternative; a link prefilling the new order", () => {
    setLocale("ja");
    const completed = { ...declined, status: "completed" as const };
    expect(askAgainPerson(completed)?.id).toBe(CREW5);
    expect(askAgainPerson({ ...completed, status: "in_progress" })).toBeNull();
    renderSignedIn(<AskAgainLink person={nominee} orderNumber={12} />);
    expect(screen.getByRole("link", { name: /小林 彩香 さんにまた頼む/ })).toHaveAttribute(
      "href",
      `/client/new?nominee=${CREW3}`,
    );
  });
});
