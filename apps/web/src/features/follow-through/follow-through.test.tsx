// @vitest-environment jsdom
// Issue 11 in the web app: the complaint (or praise) form on an order, the next step of a
// follow-up (in order, the field at fault named and focused, the client message where the client
// is told), and notifications worded in the reader's language with people's words in their own lang.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Route, Routes } from "react-router";
import { i18nFor, setLocale } from "../../i18n/index.ts";
import { setCsrfToken } from "../../lib/api.ts";
import type { FollowUp } from "../../lib/follow-through-api.ts";
import { makeUser, renderSignedIn } from "../../test/render.tsx";
import { ComplaintForm } from "./ComplaintForm.tsx";
import FollowUpPage from "./FollowUpPage.tsx";
import { notificationHref, notificationText } from "./notification-text.tsx";

const ORDER_ID = "0190d6c8-0000-7000-8000-0000000000aa";
const FOLLOW_UP_ID = "0190d6c8-0000-7000-8000-0000000000f0";
const client = makeUser({ role: "client", name: "田中 誠", clientCompanyId: "0190d6c8-0000-7000-8000-00000000000b" });
const manager = makeUser({ role: "manager", name: "伊藤 大輔" });

interface Call {
  method: string;
  url: string;
  body: unknown;
}

function mockServer(answer: (call: Call) => Response) {
  const calls: Call[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: string, init: RequestInit = {}) => {
      const call = { method: init.method ?? "GET", url, body: init.body ? JSON.parse(String(init.body)) : undefined };
      calls.push(call);
      if (url.endsWith("/auth/csrf")) return Response.json({ csrfToken: "csrf-1" });
      return answer(call);
    }),
  );
  return { posts: () => calls.filter((c) => c.method === "POST") };
}

function followUp(overrides: Partial<FollowUp> = {}): FollowUp {
  return {
    id: FOLLOW_UP_ID,
    view: "full",
    reason: "rating",
    status: "listened",
    nextStep: "reported",
    dueAt: "2026-11-26T01:00:00.000Z",
    overdue: false,
    owner: { id: manager.id, name: "伊藤 大輔", displayName: "伊藤 大輔", role: "manager" },
    workOrder: { id: ORDER_ID, number: 12, title: "アンケートの集計", clientCompanyId: client.clientCompanyId! },
    feedback: {
      id: "0190d6c8-0000-7000-8000-0000000000fb",
      rating: 2,
      comment: "誤字がいくつかありました",
      author: { id: client.id, name: "田中 誠", displayName: "田中 誠", role: "client" },
      createdAt: "2026-11-24T01:00:00.000Z",
    },
    steps: [
      {
        step: "acknowledged",
        author: null,
        note: "",
        clientMessage: null,
        dueAt: "2026-11-24T01:00:00.000Z",
        at: "2026-11-24T01:00:00.000Z",
      },
      {
        step: "listened",
        author: { id: manager.id, name: "伊藤 大輔", displayName: "伊藤 大輔", role: "manager" },
        note: "3ページ目に誤字",
        clientMessage: null,
        dueAt: "2026-11-25T01:00:00.000Z",
        at: "2026-11-24T05:00:00.000Z",
      },
    ],
    createdAt: "2026-11-24T01:00:00.000Z",
    closedAt: null,
    ...overrides,
  };
}

describe("the complaint (or praise) form on an order", () => {
  beforeEach(() => {
    setLocale("ja");
    setCsrfToken(undefined);
  });
  afterEach(() => vi.unstubAllGlobals());

  it("asks for words first, then sends a complaint and says it was received", async () => {
    const server = mockServer(() => Response.json({}, { status: 201 }));
    renderSignedIn(<ComplaintForm workOrderId={ORDER_ID} />, { user: client });
    await userEvent.click(screen.getByRole("button", { name: "ご意見・ご不満を送る" }));
    const field = screen.getByRole("textbox", { name: "ご意見・ご不満の内容" });
    expect(field).toHaveFocus();
    expect(field).toHaveAccessibleDescription("内容を入力してください。");
    expect(server.posts()).toEqual([]);
    await userEvent.type(field, "連絡が遅いです");
    await userEvent.click(screen.getByRole("button", { name: "ご意見・ご不満を送る" }));
    await waitFor(() => expect(screen.getByRole("status")).toHaveTextContent("ご意見を受け付けました"));
    expect(server.posts()[0]).toMatchObject({
      url: `/api/v1/work-orders/${ORDER_ID}/feedback`,
      body: { verdict: "comment", tone: "complaint", comment: "連絡が遅いです" },
    });
  });

  it("sends praise, which goes to the crew", async () => {
    const server = mockServer(() => Response.json({}, { status: 201 }));
    renderSignedIn(<ComplaintForm workOrderId={ORDER_ID} />, { user: client });
    await userEvent.click(screen.getByRole("radio", { name: /お褒めの言葉/ }));
    await userEvent.type(screen.getByRole("textbox", { name: "お褒めの言葉" }), "丁寧でした");
    await userEvent.click(screen.getByRole("button", { name: "ご意見・ご不満を送る" }));
    await waitFor(() => expect(screen.getByRole("status")).toHaveTextContent("担当したクルーに伝えました"));
    expect(server.posts()[0]!.body).toEqual({ verdict: "comment", tone: "praise", comment: "丁寧でした" });
  });
});

describe("a follow-up", () => {
  beforeEach(() => {
    setLocale("ja");
    setCsrfToken(undefined);
  });
  afterEach(() => vi.unstubAllGlobals());

  const page = (user = manager) =>
    renderSignedIn(
      <Routes>
        <Route path="/follow-ups/:id" element={<FollowUpPage />} />
      </Routes>,
      { user, path: `/follow-ups/${FOLLOW_UP_ID}` },
    );

  it("the manager records the next step: the record is required, and the steps show who and when", async () => {
    // the server as it is: after the step, it answers (and is re-read as) the moved follow-up
    let current = followUp();
    const server = mockServer((call) => {
      if (call.method === "POST") {
        current = followUp({
          status: "reported",
          nextStep: "crew_heard",
          steps: [
            ...followUp().steps,
            {
              step: "reported",
              author: { id: manager.id, name: "伊藤 大輔", displayName: "伊藤 大輔", role: "manager" },
              note: "報告済み",
              clientMessage: null,
              dueAt: null,
              at: "2026-11-25T01:00:00.000Z",
            },
          ],
        });
        return Response.json(current, { status: 201 });
      }
      return Response.json(current);
    });
    page();
    expect(await screen.findByRole("heading", { level: 2, name: "次の手順：上長への報告" })).toBeInTheDocument();
    expect(screen.getByTestId("follow-up-steps")).toHaveTextContent("3ページ目に誤字");
    await userEvent.click(screen.getByRole("button", { name: "「上長への報告」を記録する" }));
    const note = screen.getByRole("textbox", { name: /記録/ });
    expect(note).toHaveFocus();
    expect(note).toHaveAccessibleDescription("記録を入力してください。");
    expect(server.posts()).toEqual([]);
    await userEvent.type(note, "報告済み");
    await userEvent.click(screen.getByRole("button", { name: "「上長への報告」を記録する" }));
    expect(await screen.findByRole("heading", { level: 2, name: "次の手順：クルーから話を聞く" })).toBeInTheDocument();
    expect(server.posts()[0]).toMatchObject({
      url: `/api/v1/follow-ups/${FOLLOW_UP_ID}/steps`,
      body: { step: "reported", note: "報告済み" },
    });
  });

  it("asks what the client is told at the corrective action", async () => {
    mockServer(() => Response.json(followUp({ status: "crew_heard", nextStep: "corrective_action" })));
    page();
    expect(await screen.findByRole("textbox", { name: "お客様へのお知らせ" })).toBeInTheDocument();
  });

  it("a client gets no form", async () => {
    mockServer(() => Response.json(followUp({ view: "client", nextStep: null, steps: [followUp().steps[0]!] })));
    page(client);
    expect(await screen.findByTestId("follow-up-steps")).toHaveTextContent("受け付けました");
    expect(screen.queryByTestId("follow-up-step-form")).toBeNull();
  });
});

describe("notifications in words", () => {
  it("words each kind in the reader's language, with people's words in their own lang", () => {
    const mention = {
      kind: "message.mention",
      data: { roomId: "r1", authorName: "伊藤 大輔", excerpt: "Could you check?" },
    };
    const { container } = render(<p>{notificationText(mention, i18nFor("en"))}</p>);
    expect(container).toHaveTextContent("伊藤 大輔 mentioned you: Could you check?");
    expect(container.querySelector('span[lang="ja"]')).toHaveTextContent("伊藤 大輔");
    expect(container.querySelector('span[lang="en"]')).toHaveTextContent("Could you check?");
    expect(notificationHref(mention)).toBe("/chat/r1");
    const praise = {
      kind: "feedback.praise",
      data: { number: 12, workOrderId: ORDER_ID, fromName: "田中 誠", comment: "丁寧でした" },
    };
    const ja = render(<p>{notificationText(praise, i18nFor("ja"))}</p>);
    expect(ja.container).toHaveTextContent("田中 誠 様から #12 へのお褒めの言葉：「丁寧でした」");
    expect(notificationHref({ kind: "follow_up.received", data: { followUpId: FOLLOW_UP_ID } })).toBe(
      `/follow-ups/${FOLLOW_UP_ID}`,
    );
  });

  it("an accommodation: the request leads the manager to the person, what was agreed leads the person to their profile", () => {
    const requested = { kind: "accommodation.requested", data: { userId: "u4", name: "小林 さくら" } };
    expect(render(<p>{notificationText(requested, i18nFor("en"))}</p>).container).toHaveTextContent(
      "小林 さくら asked for an accommodation.",
    );
    expect(notificationHref(requested)).toBe("/crew/u4");
    const agreed = { kind: "accommodation.updated", data: { userId: "u4", own: true, agreed: true } };
    expect(render(<p>{notificationText(agreed, i18nFor("ja"))}</p>).container).toHaveTextContent(
      "あなたの合理的配慮について、合意した内容が記録されました。",
    );
    expect(notificationHref(agreed)).toBe("/me/profile");
    const changed = { kind: "accommodation.recorded", data: { userId: "u4", own: true, agreed: false } };
    expect(render(<p>{notificationText(changed, i18nFor("en"))}</p>).container).toHaveTextContent(
      "The record of your accommodation has changed.",
    );
  });
});
