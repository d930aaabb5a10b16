// @vitest-environment jsdom
// The split dialog chooses assignees from the order's suggestions (issue 10): each option says
// availability and load; a nominee who may take work today is preselected; one who is unwell is not,
// is warned about, and can be chosen only with an explicit confirmation sent as assigneeOverride.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { setLocale } from "../../i18n/index.ts";
import { makeUser, renderSignedIn } from "../../test/render.tsx";
import { workOrder, CREW3, CREW5 } from "../../test/fixtures.ts";
import type { ResultOf } from "../../lib/api.ts";
import { SplitOrderDialog } from "./SplitOrderDialog.tsx";

type Suggestion = ResultOf<"listTaskSuggestions">["items"][number];
const load = (remaining: number, left: number, over = false) => ({
  remainingMinutes: remaining,
  unestimatedTasks: 0,
  minutesLeftThisWeek: left,
  percent: left ? Math.round((remaining / left) * 100) : null,
  over,
});
const yoshida: Suggestion = {
  user: { id: CREW5, name: "吉田 陽子", displayName: "吉田", role: "crew" },
  rank: 1,
  warnings: [],
  reasons: [
    { code: "skills.none_required", text: "必要なスキルの指定はありません" },
    { code: "today.condition", text: "今日の体調：良い" },
  ],
  needsOverride: false,
  load: load(120, 900),
};
const nakamura: Suggestion = {
  user: { id: CREW3, name: "中村 美咲", displayName: "中村", role: "crew" },
  rank: 2,
  warnings: [{ code: "unwell", text: "今日は体調不良と回答しています" }],
  reasons: [
    { code: "nominated", text: "お客さまのご指名です" },
    { code: "today.condition", text: "今日の体調：体調不良" },
  ],
  needsOverride: true,
  load: load(600, 300, true),
};

const ORDER = workOrder({
  id: "wo-9",
  status: "accepted",
  nominatedCrew: { id: CREW3, name: "中村 美咲", displayName: "中村", role: "crew" },
});
const crew = [
  { id: CREW3, name: "中村 美咲", displayName: "中村", role: "crew" as const, workStyle: null },
  { id: CREW5, name: "吉田 陽子", displayName: "吉田", role: "crew" as const, workStyle: null },
];

let posted: unknown[] = [];
let asked: string[] = [];
function serve(suggestions: Suggestion[]) {
  posted = [];
  asked = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: string, init?: RequestInit) => {
      const path = url.replace(/^\/api\/v1/, "").split("?")[0]!;
      if (path === `/work-orders/${ORDER.id}/suggestions`) {
        asked.push(new URL(url, "http://x").searchParams.get("skills") ?? "");
        return Response.json({ items: suggestions });
      }
      if (path === `/work-orders/${ORDER.id}/tasks` && init?.method?.toUpperCase() === "POST") {
        posted.push(JSON.parse(String(init.body)));
        return Response.json({ items: [] }, { status: 201 });
      }
      return new Response(null, { status: 404 });
    }),
  );
}

function renderDialog() {
  const onCreated = vi.fn();
  renderSignedIn(<SplitOrderDialog order={ORDER} crew={crew} onClose={() => undefined} onCreated={onCreated} />, {
    user: makeUser({ role: "manager", name: "高橋 真理子" }),
  });
  return { onCreated };
}

describe("split dialog: assignees from the suggestions", () => {
  beforeEach(() => setLocale("ja"));
  afterEach(() => vi.unstubAllGlobals());

  it("never preselects a nominee who is unwell: warns, and assigns them only with the confirmation (sent as the override)", async () => {
    const user = userEvent.setup();
    serve([yoshida, nakamura]);
    const { onCreated } = renderDialog();
    const warning = await screen.findByTestId("nominee-warning");
    expect(warning).toHaveTextContent("指名の 中村 美咲 さんは、今日は担当にできない状況です");
    const select = screen.getByRole("combobox", { name: "担当者" });
    expect(select).toHaveValue("");
    // each option: rank, name, today, load against the hours left
    const option = within(select).getByRole("option", { name: /中村 美咲/ });
    expect(option).toHaveTextContent(
      "2. 中村 美咲 — 今日の体調：体調不良 — 残りの作業 10 時間 0 分 ／ 今週の残り時間 5 時間 0 分（超えています）",
    );
    expect(option).toHaveTextContent("確認が必要");

    await user.type(screen.getByRole("textbox", { name: /タスク名/ }), "入力");
    await user.selectOptions(select, CREW3);
    // the chosen person's warning is part of the field's description
    expect(select).toHaveAccessibleDescription(/今日は体調不良と回答しています/);
    await user.click(screen.getByRole("button", { name: "タスクを作成する" }));
    // not sent: the confirmation is missing, and the field says so
    expect(posted).toEqual([]);
    expect(select).toHaveAccessibleDescription(/担当者の確認にチェックを入れるか/);

    await user.click(screen.getByRole("checkbox", { name: /中村 美咲 さんの今日の様子を承知のうえで/ }));
    await user.click(screen.getByRole("button", { name: "タスクを作成する" }));
    await vi.waitFor(() => expect(onCreated).toHaveBeenCalled());
    expect(posted).toEqual([{ tasks: [expect.objectContaining({ assigneeId: CREW3, assigneeOverride: true })] }]);
  });

  it("preselects a nominee who may take work today, and sends no override", async () => {
    const user = userEvent.setup();
    const well = { ...nakamura, warnings: [], needsOverride: false, rank: 1 };
    serve([well, { ...yoshida, rank: 2 }]);
    const { onCreated } = renderDialog();
    const select = screen.getByRole("combobox", { name: "担当者" });
    await vi.waitFor(() => expect(select).toHaveValue(CREW3));
    expect(screen.queryByTestId("nominee-warning")).not.toBeInTheDocument();
    expect(screen.queryByRole("checkbox", { name: /承知のうえで/ })).not.toBeInTheDocument();
    await user.type(screen.getByRole("textbox", { name: /タスク名/ }), "入力");
    await user.click(screen.getByRole("button", { name: "タスクを作成する" }));
    await vi.waitFor(() => expect(onCreated).toHaveBeenCalled());
    expect(posted).toEqual([{ tasks: [expect.not.objectContaining({ assigneeOverride: expect.anything() })] }]);
  });

  it("the skills a task needs are chosen per row: its suggestions are asked for them, and they are sent (issue 10)", async () => {
    const user = userEvent.setup();
    serve([yoshida, nakamura]);
    const { onCreated } = renderDialog();
    await screen.findByTestId("nominee-warning");
    const skills = screen.getByRole("group", { name: /必要なスキル/ });
    await user.click(within(skills).getByRole("checkbox", { name: "校正" }));
    await user.click(within(skills).getByRole("checkbox", { name: "データ入力" }));
    await vi.waitFor(() => expect(asked).toContain("data_entry,proofreading"));
    await user.type(screen.getByRole("textbox", { name: /タスク名/ }), "校正");
    await user.click(screen.getByRole("button", { name: "タスクを作成する" }));
    await vi.waitFor(() => expect(onCreated).toHaveBeenCalled());
    expect(posted).toEqual([{ tasks: [expect.objectContaining({ requiredSkills: ["proofreading", "data_entry"] })] }]);
  });

  it("shows the ranked suggestions with their reasons, and choosing one from the list selects them", async () => {
    const user = userEvent.setup();
    serve([yoshida, nakamura]);
    renderDialog();
    await screen.findByTestId("nominee-warning");
    await user.click(screen.getByText("候補の順位と理由を見る"));
    expect(screen.getAllByText("お客さまのご指名です").length).toBeGreaterThan(0);
    await user.click(screen.getByRole("button", { name: "吉田 陽子 さんを選ぶ" }));
    expect(screen.getByRole("combobox", { name: "担当者" })).toHaveValue(CREW5);
  });
});
