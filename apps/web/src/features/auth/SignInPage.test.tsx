// @vitest-environment jsdom
// The sign-in page's demo accounts: described in the page's language from the server's facts
// (no English sentences from the server on the Japanese page).
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter } from "react-router";
import { QueryClientProvider } from "@tanstack/react-query";
import { setLocale } from "../../i18n/index.ts";
import { SessionContext, type Session } from "../../app/session.tsx";
import { ApiError, type DemoInfo } from "../../lib/api.ts";
import { testQueryClient } from "../../test/render.tsx";
import SignInPage from "./SignInPage.tsx";

const DEMO: DemoInfo = {
  enabled: true,
  password: "crewboard-demo",
  accounts: [
    {
      email: "manager1@crewboard.example",
      role: "manager",
      name: "高橋 真理子",
      team: "A",
      workStyle: null,
      company: null,
      traits: [],
    },
    {
      email: "crew3@crewboard.example",
      role: "crew",
      name: "小林 彩香",
      team: "A",
      workStyle: "home",
      company: null,
      traits: ["screenReader", "largeText"],
    },
    {
      email: "client-b2@crewboard.example",
      role: "client",
      name: "木村 エミリー",
      team: null,
      workStyle: null,
      company: "B",
      traits: ["englishUi"],
    },
  ],
};

function renderSignIn(
  signIn: Session["signIn"] = async () => {
    throw new Error("not in this test");
  },
) {
  const session: Session = {
    status: "signedOut",
    user: null,
    notice: undefined,
    signIn,
    signOut: async () => undefined,
    expire: () => undefined,
    retry: () => undefined,
  };
  return render(
    <QueryClientProvider client={testQueryClient()}>
      <SessionContext.Provider value={session}>
        <MemoryRouter initialEntries={["/sign-in"]}>
          <SignInPage />
        </MemoryRouter>
      </SessionContext.Provider>
    </QueryClientProvider>,
  );
}

describe("sign-in page: demo accounts", () => {
  beforeEach(() => {
    vi.stubGlobal(
      "fetch",
      vi.fn(async (url: string) =>
        String(url).endsWith("/auth/demo") ? Response.json(DEMO) : new Response(null, { status: 404 }),
      ),
    );
  });
  afterEach(() => vi.unstubAllGlobals());

  it("describes each account in Japanese on the Japanese page", async () => {
    setLocale("ja");
    renderSignIn();
    const crew3 = await screen.findByTestId("demo-crew3");
    expect(crew3).toHaveTextContent("クルー");
    expect(crew3.querySelector(".demo__description")).toHaveTextContent(
      "チーム A・在宅で勤務・画面読み上げを使用・大きな文字",
    );
    expect(screen.getByTestId("demo-manager1").querySelector(".demo__description")).toHaveTextContent(/^チーム A$/);
    expect(screen.getByTestId("demo-client-b2").querySelector(".demo__description")).toHaveTextContent(
      "会社 B・英語で表示",
    );
    // no English words of the UI's own (the team's and the company's letters are data, in their own lang)
    for (const description of document.querySelectorAll(".demo__description")) {
      const own = description.cloneNode(true) as Element;
      for (const data of own.querySelectorAll("[lang]")) data.remove();
      expect(own.textContent).not.toMatch(/[A-Za-z]{2,}/);
    }
  });

  it("and in English on the English page", async () => {
    setLocale("en");
    renderSignIn();
    const crew3 = await screen.findByTestId("demo-crew3");
    expect(crew3.querySelector(".demo__description")).toHaveTextContent(
      "Team A · works from home · uses a screen reader · large text",
    );
    expect(screen.getByTestId("demo-client-b2").querySelector(".demo__description")).toHaveTextContent(
      "Company B · English UI",
    );
  });
});

describe("sign-in page: a refused sign-in (issue 9 barrier 2)", () => {
  beforeEach(() => {
    vi.stubGlobal(
      "fetch",
      vi.fn(async () => new Response(null, { status: 404 })),
    );
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    setLocale("ja");
  });

  // the server's problem, with its English detail whatever the reader's language
  const refused = async () => {
    throw new ApiError(401, {
      status: 401,
      code: "auth.invalid_credentials",
      title: "Unauthorized",
      detail: "The email or password is not correct",
    });
  };

  it.each([
    [
      "ja",
      "メールアドレス",
      "パスワード",
      "ログイン",
      "メールアドレスかパスワードが正しくありません。確認して、もう一度入力してください。",
    ],
    [
      "en",
      "Email address",
      "Password",
      "Sign in",
      "The email address or the password is not correct. Please check them and try again.",
    ],
  ] as const)(
    "says why in the page's language (%s) and marks both fields",
    async (locale, emailLabel, passwordLabel, submit, words) => {
      setLocale(locale);
      renderSignIn(refused);
      await userEvent.type(screen.getByLabelText(emailLabel), "crew3@crewboard.example");
      await userEvent.type(screen.getByLabelText(passwordLabel), "wrong-password");
      await userEvent.click(screen.getByRole("button", { name: submit }));
      expect(await screen.findByRole("alert")).toHaveTextContent(words);
      expect(screen.getByRole("alert")).not.toHaveTextContent("The email or password is not correct");
      expect(screen.getByLabelText(emailLabel)).toHaveAttribute("aria-invalid", "true");
      expect(screen.getByLabelText(passwordLabel)).toHaveAttribute("aria-invalid", "true");
      // the fields point at the alert that says why
      expect(screen.getByLabelText(passwordLabel)).toHaveAccessibleDescription(words);
    },
  );
});
