// @vitest-environment jsdom
// The new-order form: checks before sending, the server's field errors (problem+json
// errors[].path) next to the right fields in the UI language, nothing typed lost, one
// Idempotency-Key per form, and the order's page after success.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { fireEvent, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Route, Routes } from "react-router";
import NewOrderPage from "./NewOrderPage.tsx";
import { makeUser, renderSignedIn } from "../../test/render.tsx";
import { CREW3, workOrder } from "../../test/fixtures.ts";
import { setLocale } from "../../i18n/index.ts";
import { setCsrfToken } from "../../lib/api.ts";
import { tokyoIso, validateNewOrder, EMPTY_NEW_ORDER } from "./new-order.ts";

interface Call {
  method: string;
  url: string;
  body: unknown;
  headers: Record<string, string>;
}

const problem = (status: number, body: object) =>
  new Response(JSON.stringify({ type: "about:blank", title: "Some fields are not valid", status, ...body }), {
    status,
    headers: { "content-type": "application/problem+json" },
  });

function mockServer(answer: (call: Call) => Response) {
  const calls: Call[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: string, init: RequestInit = {}) => {
      const call = {
        method: init.method ?? "GET",
        url,
        body: init.body ? JSON.parse(String(init.body)) : undefined,
        headers: (init.headers ?? {}) as Record<string, string>,
      };
      calls.push(call);
      if (url.endsWith("/auth/csrf")) return Response.json({ csrfToken: "csrf-1" });
      if (url.endsWith("/crew")) {
        return Response.json({
          items: [
            { id: CREW3, name: "小林 彩香", role: "crew", workStyle: "home" },
            { id: "0190d6c8-0000-7000-8000-000000000005", name: "吉田 陽子", role: "crew", workStyle: "office" },
          ],
        });
      }
      return answer(call);
    }),
  );
  return { calls, posts: () => calls.filter((c) => c.method === "POST") };
}

const client = makeUser({
  role: "client",
  name: "佐藤 美咲",
  email: "client-a1@crewboard.example",
  clientCompanyId: "0190d6c8-0000-7000-8000-00000000000a",
});

function renderForm() {
  return renderSignedIn(
    <Routes>
      <Route path="/client/new" element={<NewOrderPage />} />
      <Route path="/work-orders/:id" element={<p>order page</p>} />
    </Routes>,
    { user: client, path: "/client/new" },
  );
}

async function fillValid() {
  await userEvent.type(screen.getByRole("textbox", { name: /件名/ }), "経費伝票 120 枚の入力");
  await userEvent.type(screen.getByRole("textbox", { name: /作業の内容/ }), "テンプレートに入力してください。");
  await userEvent.type(
    screen.getByRole("textbox", { name: /資料のリンク/ }),
    "https://files.example/a.pdf{enter}https://files.example/b.xlsx",
  );
  fireEvent.change(screen.getByLabelText("日付"), { target: { value: "2099-01-15" } });
  await screen.findByRole("option", { name: "小林 彩香" });
  await userEvent.selectOptions(screen.getByRole("combobox", { name: /担当してほしいクルー/ }), "小林 彩香");
  await userEvent.type(screen.getByRole("textbox", { name: /指名の理由/ }), "前回も担当してくださった方に");
}

describe("new order form", () => {
  beforeEach(() => {
    setLocale("ja");
    setCsrfToken(undefined);
    sessionStorage.clear();
  });
  afterEach(() => vi.unstubAllGlobals());

  it("「また頼む」: ?nominee= prefills the same crew member and says so", async () => {
    mockServer(() => new Response(null, { status: 404 }));
    renderSignedIn(
      <Routes>
        <Route path="/client/new" element={<NewOrderPage />} />
      </Routes>,
      { user: client, path: `/client/new?nominee=${CREW3}` },
    );
    await screen.findByRole("option", { name: "小林 彩香" });
    const nominee = screen.getByRole("combobox", { name: /担当してほしいクルー/ });
    expect(nominee).toHaveValue(CREW3);
    expect(nominee).toHaveAccessibleDescription(/小林 彩香 さんへのご指名を入れてあります/);
  });

  it("labels every field and ties hints to them", async () => {
    mockServer(() => new Response(null, { status: 404 }));
    renderForm();
    expect(screen.getByRole("heading", { level: 1, name: "新しい依頼" })).toBeInTheDocument();
    expect(screen.getByRole("textbox", { name: /件名/ })).toHaveAccessibleDescription("例：経費伝票 120 枚の入力");
    expect(screen.getByRole("group", { name: /納期/ })).toBeInTheDocument();
    expect(screen.getByLabelText("時刻")).toHaveValue("17:00");
    expect(screen.getByRole("radio", { name: "通常" })).toBeChecked();
    expect(screen.getByRole("radio", { name: /急ぎ/ })).toHaveAccessibleDescription(/早めにお知らせします/);
    expect(await screen.findByRole("option", { name: "吉田 陽子" })).toBeInTheDocument();
    // the note appears only once somebody is nominated
    expect(screen.queryByRole("textbox", { name: /指名の理由/ })).not.toBeInTheDocument();
  });

  it("checks before sending: errors next to the fields, in Japanese, nothing sent", async () => {
    const server = mockServer(() => new Response(null, { status: 500 }));
    renderForm();
    await userEvent.type(
      screen.getByRole("textbox", { name: /資料のリンク/ }),
      "https://ok.example/a{enter}{enter}files.example/b",
    );
    await userEvent.click(screen.getByRole("button", { name: "依頼を送信する" }));

    const title = screen.getByRole("textbox", { name: /件名/ });
    expect(title).toHaveAttribute("aria-invalid", "true");
    expect(title).toHaveAccessibleDescription(/件名を入力してください/);
    expect(title).toHaveFocus();
    // the blank line counts: the user sees the bad link on line 3
    expect(screen.getByRole("textbox", { name: /資料のリンク/ })).toHaveAccessibleDescription(
      /3 行目のリンクを確認してください/,
    );
    expect(screen.getByLabelText("日付")).toHaveAccessibleDescription(/納期の日付を入力してください/);
    expect(screen.getByRole("alert")).toHaveTextContent("入力内容を確認してください（3 件）");
    expect(server.posts()).toEqual([]);
  });

  it("shows the server's field errors next to the right fields and keeps what was typed", async () => {
    const server = mockServer((call) =>
      call.method === "POST" && call.url.endsWith("/work-orders")
        ? problem(400, {
            code: "validation.failed",
            detail: "body.dueAt: the due date must be in the future",
            errors: [
              { path: "body.dueAt", message: "the due date must be in the future" },
              { path: "body.links.1", message: "Invalid URL" },
            ],
          })
        : new Response(null, { status: 404 }),
    );
    renderForm();
    await fillValid();
    await userEvent.click(screen.getByRole("button", { name: "依頼を送信する" }));

    const date = screen.getByLabelText("日付");
    await waitFor(() => expect(date).toHaveAttribute("aria-invalid", "true"));
    const dueError = document.getElementById(
      date
        .getAttribute("aria-describedby")!
        .split(" ")
        .find((id) => id.endsWith("-error"))!,
    );
    expect(dueError).toHaveTextContent("納期の日時を確認してください。");
    const links = screen.getByRole("textbox", { name: /資料のリンク/ });
    // focus goes to the first field at fault, in page order
    expect(links).toHaveFocus();
    expect(links).toHaveAttribute("aria-invalid", "true");
    expect(links).toHaveAccessibleDescription(/2 行目のリンクを確認してください/);
    // the title was fine: no error there
    expect(screen.getByRole("textbox", { name: /件名/ })).not.toHaveAttribute("aria-invalid");
    // in the UI language, not the server's English
    expect(screen.queryByText(/must be in the future/)).not.toBeInTheDocument();
    expect(screen.getByRole("alert")).toHaveTextContent("入力内容を確認してください（2 件）");

    // nothing typed is lost
    expect(screen.getByRole("textbox", { name: /件名/ })).toHaveValue("経費伝票 120 枚の入力");
    expect(links).toHaveValue("https://files.example/a.pdf\nhttps://files.example/b.xlsx");
    expect(date).toHaveValue("2099-01-15");
    expect(screen.getByRole("combobox", { name: /担当してほしいクルー/ })).toHaveValue(CREW3);
    expect(screen.getByRole("textbox", { name: /指名の理由/ })).toHaveValue("前回も担当してくださった方に");

    // the request was what the form said, with an Idempotency-Key and the CSRF token
    const [post] = server.posts();
    expect(post!.body).toEqual({
      title: "経費伝票 120 枚の入力",
      description: "テンプレートに入力してください。",
      links: ["https://files.example/a.pdf", "https://files.example/b.xlsx"],
      dueAt: "2099-01-15T08:00:00.000Z",
      priority: "normal",
      nominatedCrewId: CREW3,
      nominationNote: "前回も担当してくださった方に",
    });
    expect(post!.headers["Idempotency-Key"]).toMatch(/^[0-9a-f-]{36}$/);
    expect(post!.headers["X-CSRF-Token"]).toBe("csrf-1");

    // sent again: the same form, the same key (one order however often it is sent)
    await userEvent.click(screen.getByRole("button", { name: "依頼を送信する" }));
    await waitFor(() => expect(server.posts()).toHaveLength(2));
    expect(server.posts()[1]!.headers["Idempotency-Key"]).toBe(post!.headers["Idempotency-Key"]);
  });

  it("shows the errors in English when the UI is in English", async () => {
    setLocale("en");
    mockServer((call) =>
      call.method === "POST"
        ? problem(400, {
            code: "validation.failed",
            errors: [{ path: "body.nominatedCrewId", message: "must be an active crew member" }],
          })
        : new Response(null, { status: 404 }),
    );
    renderForm();
    await userEvent.type(screen.getByRole("textbox", { name: /Title/ }), "Enter 120 expense slips");
    fireEvent.change(screen.getByLabelText("Date"), { target: { value: "2099-01-15" } });
    await screen.findByRole("option", { name: "小林 彩香" });
    await userEvent.selectOptions(screen.getByRole("combobox", { name: /Crew member you would like/ }), "小林 彩香");
    await userEvent.click(screen.getByRole("button", { name: "Send order" }));
    const select = screen.getByRole("combobox", { name: /Crew member you would like/ });
    await waitFor(() =>
      expect(select).toHaveAccessibleDescription(/Please choose the crew member from the list again/),
    );
    expect(screen.getByRole("alert")).toHaveTextContent("Please check 1 field.");
  });

  it("goes to the new order's page after sending, and forgets the draft", async () => {
    const created = workOrder({ id: "0190d6c8-0000-7000-8000-0000000000ff", number: 42 });
    mockServer((call) =>
      call.method === "POST" ? Response.json(created, { status: 201 }) : new Response(null, { status: 404 }),
    );
    renderForm();
    await fillValid();
    expect(sessionStorage.length).toBe(1);
    await userEvent.click(screen.getByRole("button", { name: "依頼を送信する" }));
    expect(await screen.findByText("order page")).toBeInTheDocument();
    expect(sessionStorage.length).toBe(0);
  });
});

describe("new order rules", () => {
  it("reads the date and time as Japan time", () => {
    expect(tokyoIso("2026-11-25", "17:00")).toBe("2026-11-25T08:00:00.000Z");
    expect(tokyoIso("2026-11-25", "00:30")).toBe("2026-11-24T15:30:00.000Z");
    expect(tokyoIso("2026-02-31", "17:00")).toBeUndefined();
  });

  it("refuses a due time in the past", () => {
    const now = Date.parse("2026-11-24T03:00:00Z"); // 12:00 in Tokyo
    const errors = validateNewOrder({ ...EMPTY_NEW_ORDER, title: "x", dueDate: "2026-11-24", dueTime: "11:59" }, now);
    expect(errors.dueDate?.key).toBe("client.newOrder.error.duePast");
    expect(validateNewOrder({ ...EMPTY_NEW_ORDER, title: "x", dueDate: "2026-11-24", dueTime: "12:01" }, now)).toEqual(
      {},
    );
  });
});
