// @vitest-environment jsdom
// The client's review of a delivered order: a revision request needs a comment (said next to the
// field, nothing sent), accepting sends the rating chosen by its words; and the history.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useQuery } from "@tanstack/react-query";
import { FeedbackHistory, ReviewForm } from "./Feedback.tsx";
import { makeUser, renderSignedIn } from "../../test/render.tsx";
import { workOrder } from "../../test/fixtures.ts";
import { setLocale } from "../../i18n/index.ts";
import { call, setCsrfToken, type Feedback } from "../../lib/api.ts";
import { queryKeys } from "../../lib/query-keys.ts";

const ORDER_ID = "0190d6c8-0000-7000-8000-0000000000aa";
const client = makeUser({ role: "client", name: "佐藤 美咲", clientCompanyId: "0190d6c8-0000-7000-8000-00000000000a" });

function feedback(overrides: Partial<Feedback> = {}): Feedback {
  return {
    id: "0190d6c8-0000-7000-8000-0000000000f1",
    workOrderId: ORDER_ID,
    deliverableId: null,
    author: { id: client.id, name: "佐藤 美咲", displayName: "佐藤 美咲", role: "client" },
    verdict: "accept",
    rating: 5,
    comment: "fast and accurate",
    tone: null,
    followUpOpened: false,
    createdAt: "2026-11-25T01:00:00.000Z",
    ...overrides,
  };
}

interface Call {
  method: string;
  url: string;
  body: unknown;
  headers: Record<string, string>;
}

function mockServer(answer: (call: Call) => Response = () => new Response(null, { status: 404 })) {
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
      return answer(call);
    }),
  );
  return { calls, posts: () => calls.filter((c) => c.method === "POST") };
}

describe("review form (accept / request a revision)", () => {
  beforeEach(() => {
    setLocale("ja");
    setCsrfToken(undefined);
  });
  afterEach(() => vi.unstubAllGlobals());

  it("asks for a comment before a revision request is sent", async () => {
    const server = mockServer((call) =>
      Response.json(
        feedback({ verdict: "request_revision", rating: null, comment: (call.body as { comment: string }).comment }),
        { status: 201 },
      ),
    );
    const onSent = vi.fn();
    renderSignedIn(<ReviewForm order={workOrder({ id: ORDER_ID, status: "delivered" })} onSent={onSent} />, {
      user: client,
    });

    await userEvent.click(screen.getByRole("radio", { name: /修正を依頼する/ }));
    const comment = screen.getByRole("textbox", { name: "修正してほしい内容（必須）" });
    expect(comment).toHaveAttribute("aria-required", "true");
    await userEvent.click(screen.getByRole("button", { name: "修正を依頼する" }));

    expect(comment).toHaveAttribute("aria-invalid", "true");
    expect(comment).toHaveAccessibleDescription(/修正してほしい内容を書いてください。/);
    expect(comment).toHaveFocus();
    expect(screen.getByRole("alert")).toHaveTextContent("入力内容を確認してください（1 件）");
    expect(server.posts()).toEqual([]);
    expect(onSent).not.toHaveBeenCalled();

    await userEvent.type(comment, "3 行目の金額が違います。");
    await userEvent.click(screen.getByRole("button", { name: "修正を依頼する" }));
    await waitFor(() => expect(onSent).toHaveBeenCalledOnce());
    const [post] = server.posts();
    expect(post!.url).toBe(`/api/v1/work-orders/${ORDER_ID}/feedback`);
    expect(post!.body).toEqual({ verdict: "request_revision", comment: "3 行目の金額が違います。" });
    expect(post!.headers["Idempotency-Key"]).toBeTruthy();
  });

  it("says to choose accept or revision first", async () => {
    const server = mockServer();
    renderSignedIn(<ReviewForm order={workOrder({ id: ORDER_ID, status: "delivered" })} onSent={vi.fn()} />, {
      user: client,
    });
    await userEvent.click(screen.getByRole("button", { name: "送信" }));
    expect(screen.getByRole("group", { name: /ご判断/ })).toHaveAccessibleDescription(
      /「検収する」か「修正を依頼する」かを選んでください。/,
    );
    expect(screen.getByRole("radio", { name: /検収する/ })).toHaveFocus();
    expect(server.posts()).toEqual([]);
  });

  it("accepts with a rating chosen by its words and an optional comment", async () => {
    const server = mockServer(() => Response.json(feedback(), { status: 201 }));
    const onSent = vi.fn();
    renderSignedIn(<ReviewForm order={workOrder({ id: ORDER_ID, status: "delivered" })} onSent={onSent} />, {
      user: client,
    });
    await userEvent.click(screen.getByRole("radio", { name: /検収する/ }));
    const ratings = screen.getByRole("group", { name: "評価（任意）" });
    expect(ratings).toBeInTheDocument();
    // each rating says its number and a word (the stars are decoration)
    await userEvent.click(screen.getByRole("radio", { name: "5：とても良い" }));
    expect(screen.getByRole("radio", { name: "1：とても不満" })).not.toBeChecked();
    await userEvent.type(screen.getByRole("textbox", { name: "コメント（任意）" }), "fast and accurate");
    await userEvent.click(screen.getByRole("button", { name: "検収する" }));
    await waitFor(() => expect(onSent).toHaveBeenCalledOnce());
    expect(server.posts()[0]!.body).toEqual({ verdict: "accept", rating: 5, comment: "fast and accurate" });
  });

  it("works in English", async () => {
    setLocale("en");
    mockServer();
    renderSignedIn(<ReviewForm order={workOrder({ id: ORDER_ID, status: "delivered" })} onSent={vi.fn()} />, {
      user: client,
    });
    await userEvent.click(screen.getByRole("radio", { name: /Request a revision/ }));
    await userEvent.click(screen.getByRole("button", { name: "Request a revision" }));
    expect(screen.getByRole("textbox", { name: "What should be revised (required)" })).toHaveAccessibleDescription(
      /Please say what should be revised\./,
    );
  });
});

describe("feedback history", () => {
  beforeEach(() => setLocale("ja"));
  afterEach(() => vi.unstubAllGlobals());

  function History() {
    const query = useQuery({
      queryKey: queryKeys.workOrders.feedback(ORDER_ID),
      queryFn: () => call("listFeedback", { params: { id: ORDER_ID } }),
    });
    return <FeedbackHistory feedback={query} />;
  }

  it("shows the verdict, the rating in words and the comment, to crew too", async () => {
    mockServer(() =>
      Response.json({
        items: [
          feedback({
            id: "0190d6c8-0000-7000-8000-0000000000f0",
            verdict: "request_revision",
            rating: null,
            comment: "3 行直してください",
          }),
          feedback(),
        ],
      }),
    );
    renderSignedIn(<History />, { user: makeUser({ role: "crew" }) });
    const items = await screen.findAllByTestId("wo-feedback-item");
    expect(items[0]).toHaveTextContent("修正のご依頼");
    expect(items[0]).toHaveTextContent("3 行直してください");
    expect(items[1]).toHaveTextContent("検収");
    expect(items[1]).toHaveTextContent("評価：5 / 5（とても良い）");
    expect(screen.getByText("fast and accurate")).toHaveAttribute("lang", "en");
  });
});
