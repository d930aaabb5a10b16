// @vitest-environment jsdom
// Issue 10: an urgent offer on My Day — a card with accept and decline, reachable by keyboard; when
// someone else takes it the card says so at once (a live event into the cache); my accept that lost
// the race (409 offer.taken) is told in words.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { act, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { setLocale } from "../../i18n/index.ts";
import { makeUser, renderSignedIn } from "../../test/render.tsx";
import { CREW3, envelope, urgentOffer } from "../../test/fixtures.ts";
import { applyLiveEvent } from "../../lib/live.ts";
import { OfferCards } from "./OfferCards.tsx";

const me = makeUser({ id: CREW3, role: "crew", name: "小林 彩香" });
const mine = urgentOffer({
  view: "recipient",
  recipients: [
    {
      user: { id: CREW3, name: "小林 彩香", displayName: "小林 彩香", role: "crew" },
      response: null,
      respondedAt: null,
    },
  ],
});
let accepts = 0;

function serve(acceptAnswer: () => Response) {
  accepts = 0;
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: string, init?: RequestInit) => {
      const path = url.replace(/^\/api\/v1/, "").split("?")[0]!;
      if (path === "/auth/csrf") return Response.json({ csrfToken: "csrf-1" });
      if (path === "/urgent-offers" && (init?.method ?? "GET") === "GET") return Response.json({ items: [mine] });
      if (path === `/urgent-offers/${mine.id}/accept`) {
        accepts++;
        return acceptAnswer();
      }
      return new Response(null, { status: 404 });
    }),
  );
}

describe("urgent offers on My Day", () => {
  beforeEach(() => setLocale("ja"));
  afterEach(() => vi.unstubAllGlobals());

  it("shows the offer with accept and decline; taken by someone else, the card says so live and offers to close", async () => {
    serve(() => new Response(null, { status: 500 }));
    const { client } = renderSignedIn(<OfferCards userId={CREW3} />, { user: me });
    const card = await screen.findByTestId("offer-card");
    expect(within(card).getByRole("heading", { name: /伝票 1〜60 の入力/ })).toBeInTheDocument();
    expect(within(card).getByRole("button", { name: /^引き受ける\s*伝票 1〜60 の入力$/ })).toBeInTheDocument();
    expect(within(card).getByRole("button", { name: /^今回は辞退する\s*伝票 1〜60 の入力$/ })).toBeInTheDocument();

    act(() =>
      applyLiveEvent(
        client,
        envelope("urgent_offer:updated", {
          ...mine,
          status: "taken",
          version: 2,
          updatedAt: "2026-11-24T01:40:00.000Z",
        }),
        { userId: CREW3 },
      ),
    );
    expect(await within(card).findByText("ほかの人が引き受けました。ありがとうございました。")).toBeInTheDocument();
    expect(within(card).queryByRole("button", { name: /引き受ける/ })).not.toBeInTheDocument();
    expect(within(card).getByRole("status")).toHaveTextContent("ほかの人が引き受けました");
    expect(within(card).getByRole("button", { name: /閉じる/ })).toBeInTheDocument();
  });

  it("an accept that lost the race (409 offer.taken) says so in words", async () => {
    const user = userEvent.setup();
    serve(() =>
      Response.json(
        { type: "x", title: "taken", status: 409, code: "offer.taken" },
        { status: 409, headers: { "content-type": "application/problem+json" } },
      ),
    );
    renderSignedIn(<OfferCards userId={CREW3} />, { user: me });
    const accept = await screen.findByRole("button", { name: /引き受ける/ });
    accept.focus();
    await user.keyboard("{Enter}");
    expect(await screen.findByRole("alert")).toHaveTextContent("ほかの人が先に引き受けました。");
    expect(accepts).toBe(1);
  });
});
