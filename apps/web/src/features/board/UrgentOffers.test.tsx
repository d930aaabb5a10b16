// @vitest-environment jsdom
// Issue 10: 「急ぎで募集する」 — the eligible suggestions preselected, someone who needs an override
// only when ticked and confirmed (sent as override); the offer's state and, after expiry, the choices.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { setLocale } from "../../i18n/index.ts";
import { makeUser, renderSignedIn } from "../../test/render.tsx";
import { CREW3, CREW5, task, urgentOffer } from "../../test/fixtures.ts";
import type { ResultOf } from "../../lib/api.ts";
import { OfferState, TaskOffers, preselect } from "./UrgentOffers.tsx";

type Suggestion = ResultOf<"listTaskSuggestions">["items"][number];
const load = { remainingMinutes: 60, unestimatedTasks: 0, minutesLeftThisWeek: 900, percent: 7, over: false };
const s = (id: string, name: string, rank: number, over: Partial<Suggestion> = {}): Suggestion => ({
  user: { id, name, displayName: name, role: "crew" },
  rank,
  warnings: [],
  reasons: [{ code: "today.condition", text: "今日の体調：良い" }],
  needsOverride: false,
  load,
  ...over,
});
const CREW4 = "0190d6c8-0000-7000-8000-000000000004";
const CREW6 = "0190d6c8-0000-7000-8000-000000000006";
const suggestions = [
  s(CREW5, "吉田 陽子", 1),
  s(CREW6, "山田 亮", 2, { warnings: [{ code: "missing_skills", text: "スキルが足りません：校正" }] }),
  s(CREW4, "加藤 健太", 3, {
    needsOverride: true,
    warnings: [{ code: "unwell", text: "今日は体調不良と回答しています" }],
  }),
];

describe("recruit urgently", () => {
  beforeEach(() => setLocale("ja"));
  afterEach(() => vi.unstubAllGlobals());

  it("preselects only the eligible: no override needed, no missing skill", () => {
    expect(preselect(suggestions)).toEqual([CREW5]);
    // not a working day for them: not preselected either
    const offDay = s(CREW3, "小林 彩香", 1, {
      reasons: [{ code: "today.not_working_day", text: "今日は勤務日ではありません" }],
    });
    expect(preselect([offDay, ...suggestions])).toEqual([CREW5]);
  });

  it("sends the preselected with a deadline; ticking someone unwell needs the confirmation, sent as override", async () => {
    const user = userEvent.setup();
    const posted: unknown[] = [];
    const theTask = task({ id: "task-1", assignee: null, status: "todo" });
    vi.stubGlobal(
      "fetch",
      vi.fn(async (url: string, init?: RequestInit) => {
        const path = url.replace(/^\/api\/v1/, "").split("?")[0]!;
        if (path === "/auth/csrf") return Response.json({ csrfToken: "csrf-1" });
        if (path === "/tasks/task-1/suggestions") return Response.json({ items: suggestions });
        if (path === "/urgent-offers" && init?.method === "POST") {
          posted.push(JSON.parse(String(init.body)));
          return Response.json(urgentOffer(), { status: 201 });
        }
        if (path === "/urgent-offers") return Response.json({ items: [] });
        return new Response(null, { status: 404 });
      }),
    );
    renderSignedIn(<TaskOffers task={theTask} onAssignDirectly={() => undefined} />, {
      user: makeUser({ role: "manager" }),
    });
    await user.click(await screen.findByRole("button", { name: "急ぎで募集する" }));
    const form = screen.getByTestId("recruit-form");
    const yoshida = await within(form).findByRole("checkbox", { name: /吉田 陽子/ });
    expect(yoshida).toBeChecked();
    expect(within(form).getByRole("checkbox", { name: /山田 亮/ })).not.toBeChecked();
    const kato = within(form).getByRole("checkbox", { name: /加藤 健太/ });
    expect(kato).not.toBeChecked();
    expect(kato).toHaveAccessibleDescription(/今日は体調不良と回答しています/);

    await user.click(kato);
    await user.click(within(form).getByRole("button", { name: /募集を送る/ }));
    expect(posted).toEqual([]);
    expect(within(form).getByRole("alert")).toHaveTextContent("確認が必要な人が含まれています");
    await user.click(within(form).getByRole("checkbox", { name: /承知のうえで声をかけます/ }));
    await user.click(within(form).getByRole("button", { name: /募集を送る/ }));
    await vi.waitFor(() => expect(posted).toHaveLength(1));
    expect(posted[0]).toMatchObject({ taskId: "task-1", crewIds: [CREW5, CREW4], override: true });
    expect(new Date((posted[0] as { expiresAt: string }).expiresAt).getTime()).toBeGreaterThan(Date.now());
  });

  it("shows who was asked and their answers; expired and waiting, the three choices", () => {
    const expired = urgentOffer({
      status: "expired",
      awaitingManager: true,
      clientNoticeDueAt: "2026-11-24T02:15:00.000Z",
      recipients: [
        {
          user: { id: CREW3, name: "小林 彩香", displayName: "小林 彩香", role: "crew" },
          response: "declined",
          respondedAt: null,
        },
        {
          user: { id: CREW5, name: "吉田 陽子", displayName: "吉田 陽子", role: "crew" },
          response: null,
          respondedAt: null,
        },
      ],
    });
    renderSignedIn(<OfferState offer={expired} onAssignDirectly={() => undefined} />, {
      user: makeUser({ role: "manager" }),
    });
    const state = screen.getByTestId("offer-state");
    expect(state).toHaveTextContent("だれも引き受けませんでした（2 人に声をかけ、1 人が辞退）");
    expect(state).toHaveTextContent("小林 彩香：辞退");
    expect(state).toHaveTextContent("吉田 陽子：返事待ち");
    for (const name of ["直接割り当てる", "もう一度募集する", "いますぐお客様に伝える"])
      expect(within(state).getByRole("button", { name })).toBeInTheDocument();
  });
});
