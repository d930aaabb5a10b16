// @vitest-environment jsdom
import { beforeEach, describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { setLocale } from "../../i18n/index.ts";
import { SocketAckError } from "../../lib/socket.ts";
import { Composer, mentionsIn, type SendOutcome } from "./Composer.tsx";

const ITO = { id: "u-ito", name: "伊藤 大輔", displayName: "伊藤 大輔", role: "manager" as const };
const SATO = { id: "u-sato", name: "佐藤 美咲", displayName: "佐藤 美咲", role: "client" as const };

function setup(
  onSend: (body: string, mentions: string[]) => Promise<SendOutcome> = vi.fn(async () => "sent" as const),
) {
  const user = userEvent.setup();
  render(<Composer members={[ITO, SATO]} onSend={onSend} />);
  const field = screen.getByRole("textbox", { name: "メッセージ" });
  return { user, field, onSend };
}

describe("chat composer", () => {
  beforeEach(() => setLocale("ja"));

  it("is a labelled textarea that says how to send", () => {
    const { field } = setup();
    expect(field.tagName).toBe("TEXTAREA");
    expect(field).toHaveAccessibleDescription("Enter キーで送信、Shift + Enter キーで改行します。");
    expect(screen.getByRole("button", { name: "送信" })).toBeInTheDocument();
  });

  it("sends with Enter and empties the field, keeping focus in it", async () => {
    const { user, field, onSend } = setup();
    await user.click(field);
    await user.keyboard("伝票14と37が読めません{Enter}");
    expect(onSend).toHaveBeenCalledTimes(1);
    expect(onSend).toHaveBeenCalledWith("伝票14と37が読めません", []);
    expect(field).toHaveValue("");
    expect(field).toHaveFocus();
  });

  it("confirms a sent message itself, politely (issue 9 barrier 3: not the outbox banner)", async () => {
    const { user, field } = setup();
    await user.click(field);
    await user.keyboard("了解しました{Enter}");
    expect(await screen.findByText("送信しました。")).toHaveAttribute("role", "status");
  });

  it("starts a new line with Shift+Enter instead of sending", async () => {
    const { user, field, onSend } = setup();
    await user.click(field);
    await user.keyboard("一行目{Shift>}{Enter}{/Shift}二行目");
    expect(onSend).not.toHaveBeenCalled();
    expect(field).toHaveValue("一行目\n二行目");
    await user.keyboard("{Enter}");
    expect(onSend).toHaveBeenCalledWith("一行目\n二行目", []);
  });

  it("does not send on the Enter that confirms a Japanese input method's conversion", () => {
    const { field, onSend } = setup();
    fireEvent.change(field, { target: { value: "でんぴょう" } });
    fireEvent.keyDown(field, { key: "Enter", keyCode: 229, isComposing: true });
    expect(onSend).not.toHaveBeenCalled();
    expect(field).toHaveValue("でんぴょう");
  });

  it("refuses an empty message with a message tied to the field", async () => {
    const { user, field, onSend } = setup();
    await user.click(screen.getByRole("button", { name: "送信" }));
    expect(onSend).not.toHaveBeenCalled();
    expect(screen.getByRole("alert")).toHaveTextContent("メッセージを入力してください。");
    expect(field).toHaveAttribute("aria-invalid", "true");
    expect(field).toHaveAccessibleDescription(/メッセージを入力してください。/);
    expect(field).toHaveFocus();
    // spaces only are empty too; Enter says the same
    await user.type(field, "   {Enter}");
    expect(onSend).not.toHaveBeenCalled();
    expect(screen.getByRole("alert")).toHaveTextContent("メッセージを入力してください。");
  });

  it("gives the text back when the server refuses it", async () => {
    const onSend = vi.fn(async () => {
      throw new SocketAckError({ code: "auth.forbidden", status: 403, title: "not a member" });
    });
    const { user, field } = setup(onSend);
    await user.click(field);
    await user.keyboard("こんにちは{Enter}");
    await waitFor(() => expect(screen.getByRole("alert")).toHaveTextContent("この操作を行う権限がありません。"));
    expect(field).toHaveValue("こんにちは");
  });

  it("says when a message waits to be sent (offline)", async () => {
    const { user, field } = setup(vi.fn(async () => "queued" as const));
    await user.click(field);
    await user.keyboard("あとで送ります{Enter}");
    await waitFor(() =>
      expect(screen.getAllByRole("status").some((s) => s.textContent?.includes("送信待ちにしました"))).toBe(true),
    );
  });

  it("mentions a member chosen from a listbox with the keyboard", async () => {
    const { user, field, onSend } = setup();
    await user.click(field);
    await user.keyboard("確認をお願いします ");
    const button = screen.getByRole("button", { name: "メンションする人" });
    expect(button).toHaveAttribute("aria-expanded", "false");
    await user.click(button);
    const listbox = await screen.findByRole("listbox", { name: "メンションする人" });
    await waitFor(() => expect(listbox).toHaveFocus());
    expect(screen.getAllByRole("option").map((o) => o.textContent)).toEqual(["伊藤 大輔(管理者)", "佐藤 美咲(お客様)"]);
    await user.keyboard("{ArrowDown}");
    expect(screen.getByRole("option", { name: /佐藤 美咲/ })).toHaveAttribute("aria-selected", "true");
    await user.keyboard("{Enter}");
    expect(screen.queryByRole("listbox")).not.toBeInTheDocument();
    expect(field).toHaveValue("確認をお願いします @佐藤 美咲 ");
    await waitFor(() => expect(field).toHaveFocus());
    await user.keyboard("{Enter}");
    expect(onSend).toHaveBeenCalledWith("確認をお願いします @佐藤 美咲", [SATO.id]);
  });

  it("closes the listbox with Escape and returns to its button", async () => {
    const { user } = setup();
    const button = screen.getByRole("button", { name: "メンションする人" });
    await user.click(button);
    await waitFor(() => expect(screen.getByRole("listbox")).toHaveFocus());
    await user.keyboard("{Escape}");
    expect(screen.queryByRole("listbox")).not.toBeInTheDocument();
    await waitFor(() => expect(button).toHaveFocus());
  });

  it("finds typed @mentions of members only", () => {
    expect(mentionsIn("@伊藤 大輔 さん、@誰か さん", [ITO, SATO])).toEqual([ITO.id]);
  });
});
