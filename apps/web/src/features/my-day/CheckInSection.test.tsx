// @vitest-environment jsdom
// Today's check-in on My Day: a private, short form until sent; then what was sent, with "change".
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import MyDayPage from "./MyDayPage.tsx";
import { makeUser, renderSignedIn } from "../../test/render.tsx";
import { CREW3 } from "../../test/fixtures.ts";
import { setLocale } from "../../i18n/index.ts";
import { setCsrfToken, type CheckIn } from "../../lib/api.ts";
import { clearDrafts } from "./drafts.ts";
import { fakeApi, resetQueue, setOnline } from "./testing.ts";

const user = makeUser({ id: CREW3, workStyle: "home" });

describe("My Day check-in", () => {
  beforeEach(async () => {
    setLocale("ja");
    setCsrfToken(undefined);
    setOnline(true);
    clearDrafts();
    await resetQueue(CREW3);
  });
  afterEach(() => vi.unstubAllGlobals());

  it("asks once a day, says who can see it, and shows what was sent", async () => {
    const api = fakeApi({ tasks: [], checkIns: [] });
    renderSignedIn(<MyDayPage />, { user, path: "/my-day" });
    const form = within(await screen.findByTestId("check-in-form"));
    expect(form.getByText("この内容は、あなたと管理者だけが見られます。")).toBeInTheDocument();
    const conditions = screen.getByRole("radiogroup", { name: /今日の体調/ });
    expect(
      within(conditions)
        .getAllByRole("radio")
        .map((r) => r.closest("div")!.textContent),
    ).toEqual(["良い", "ふつう", "疲れ気味", "体調不良"]);
    // the place is prefilled from the work style (home)
    expect(screen.getByRole("radio", { name: "在宅" })).toBeChecked();

    // condition is required: the error names it and how to fix it, and is tied to the group
    await userEvent.click(form.getByRole("button", { name: "体調チェックを送信する" }));
    expect(conditions).toHaveAccessibleDescription(
      /今日の体調を「良い」「ふつう」「疲れ気味」「体調不良」から選んでください。/,
    );
    expect(document.activeElement).toBe(within(conditions).getAllByRole("radio")[0]);
    expect(api.writes("PUT")).toHaveLength(0);

    await userEvent.click(screen.getByRole("radio", { name: /疲れ気味/ }));
    await userEvent.type(
      form.getByRole("textbox", { name: "メモ（任意）" }),
      "目が疲れやすいので、こまめに休憩を取ります。",
    );
    await userEvent.click(form.getByRole("button", { name: "体調チェックを送信する" }));

    const summary = await screen.findByTestId("check-in-summary");
    expect(api.writes("PUT")[0]!.body).toEqual({
      condition: "tired",
      note: "目が疲れやすいので、こまめに休憩を取ります。",
      place: "home",
    });
    expect(summary).toHaveTextContent("体調：疲れ気味");
    expect(summary).toHaveTextContent("場所：在宅");
    expect(screen.getByTestId("check-in-status")).toHaveTextContent("体調チェックを送信しました。");
    await waitFor(() => expect(document.activeElement).toBe(summary));
  });

  it("shows today's check-in when it is done, and lets me change it", async () => {
    const done: CheckIn = {
      id: "ci-0",
      user: { id: CREW3, name: "中村 美咲", displayName: "中村 美咲", role: "crew" },
      day: "2026-11-24",
      condition: "tired",
      note: "",
      place: "home",
      createdAt: "2026-11-24T00:00:00.000Z",
      updatedAt: "2026-11-24T00:00:00.000Z",
    };
    const api = fakeApi({ tasks: [], checkIns: [done] });
    renderSignedIn(<MyDayPage />, { user, path: "/my-day" });
    const summary = await screen.findByTestId("check-in-summary");
    expect(summary).toHaveTextContent("今日の体調チェックは送信済みです。");
    expect(summary).toHaveTextContent("体調：疲れ気味");
    await userEvent.click(screen.getByRole("button", { name: "体調チェックを変更する" }));
    expect(screen.getByRole("radio", { name: /疲れ気味/ })).toBeChecked();
    // the button was replaced by the form: focus is in the form, on the chosen condition (issue 9 barrier
    // 6) — not the first option: the condition saved is not the first one
    expect(screen.getByRole("radio", { name: /疲れ気味/ })).toHaveFocus();
    await userEvent.click(screen.getByRole("radio", { name: /ふつう/ }));
    await userEvent.click(screen.getByRole("radio", { name: "事業所" }));
    await userEvent.click(screen.getByRole("button", { name: "体調チェックを送信する" }));
    await waitFor(() => expect(screen.getByTestId("check-in-summary")).toHaveTextContent("体調：ふつう"));
    expect(api.writes("PUT")[0]!.body).toEqual({ condition: "okay", note: "", place: "office" });
  });
});
