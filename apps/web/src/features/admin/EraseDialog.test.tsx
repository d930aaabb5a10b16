// @vitest-environment jsdom
// Erasing a departed person's personal data (issue 15) cannot be undone: the admin types the name
// to confirm. The field has focus; a wrong name is said next to it and nothing is sent; the right
// one sends the erasure and says what happened; a refusal (still active) is said in the dialog.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { setLocale } from "../../i18n/index.ts";
import { makeUser, renderSignedIn } from "../../test/render.tsx";
import { UserDialogs } from "./UserDialogs.tsx";

const LEFT = makeUser({ id: "u-left", name: "渡辺 翔", email: "crew6@crewboard.example", active: false });
let erased: string[] = [];

function serve(answer: () => Response) {
  erased = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: string, init?: RequestInit) => {
      const path = url.replace(/^\/api\/v1/, "").split("?")[0]!;
      if (path === `/users/${LEFT.id}/erase` && init?.method?.toUpperCase() === "POST") {
        erased.push(LEFT.id);
        return answer();
      }
      if (path === "/teams") return Response.json({ items: [] });
      return new Response(null, { status: 404 });
    }),
  );
}

function renderDialog() {
  const onDone = vi.fn();
  const onChange = vi.fn();
  renderSignedIn(
    <UserDialogs dialog={{ kind: "erase", user: LEFT }} onChange={onChange} onDone={onDone} selfId="admin" />,
    {
      user: makeUser({ id: "admin", role: "admin", name: "管理者" }),
    },
  );
  return { onDone, onChange };
}

describe("erase a departed person's personal data", () => {
  beforeEach(() => setLocale("ja"));
  afterEach(() => vi.unstubAllGlobals());

  it("asks for the name: a wrong one sends nothing, the right one erases", async () => {
    const user = userEvent.setup();
    serve(() => Response.json({ user: { ...LEFT, name: "退職したメンバー" }, counts: { checkIns: 2 } }));
    const { onDone, onChange } = renderDialog();
    const dialog = await screen.findByRole("alertdialog", { name: "渡辺 翔 さんの個人情報を消去しますか？" });
    expect(dialog).toHaveAccessibleDescription(/元に戻せません/);
    const field = screen.getByRole("textbox", { name: "確認のため、名前「渡辺 翔」を入力してください" });
    expect(field).toHaveFocus();

    await user.type(field, "渡辺");
    await user.click(screen.getByRole("button", { name: "消去する" }));
    expect(erased).toEqual([]);
    expect(field).toHaveAttribute("aria-invalid", "true");
    expect(field).toHaveAccessibleDescription("入力した名前が一致しません。");

    await user.type(field, " 翔{Enter}");
    await vi.waitFor(() =>
      expect(onDone).toHaveBeenCalledWith(expect.stringContaining("渡辺 翔 さんの個人情報を消去しました")),
    );
    expect(erased).toEqual([LEFT.id]);
    expect(onChange).toHaveBeenCalledWith(null);
  });

  it("says a refusal in the dialog, in the reader's language", async () => {
    setLocale("en");
    const user = userEvent.setup();
    serve(() =>
      Response.json(
        { type: "about:blank", title: "x", status: 409, code: "user.still_active" },
        { status: 409, headers: { "content-type": "application/problem+json" } },
      ),
    );
    const { onDone } = renderDialog();
    const field = await screen.findByRole("textbox", { name: 'To confirm, type the name "渡辺 翔"' });
    await user.type(field, "渡辺 翔");
    await user.click(screen.getByRole("button", { name: "Erase" }));
    await screen.findByText("This person is still active. Deactivate the account before erasing their personal data.");
    expect(onDone).not.toHaveBeenCalled();
  });
});
