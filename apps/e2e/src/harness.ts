// The e2e toolkit. A test file:
//
//   import { describeBrowser, useServerAndBrowser, openPage, signIn, axeScan } from "./harness.ts";
//   describeBrowser("journey 1: a client's order becomes work", () => {
//     const e2e = useServerAndBrowser(); // started before the file's tests, closed after them
//     it("…", async () => {
//       const { page, context } = await openPage(e2e.browser, e2e.server, { locale: "ja" });
//       await signIn(page, "client-a1");
//       …
//       expect(await axeScan(page)).toEqual([]);
//       await context.close();
//     });
//   });
//
// Each file gets its own server over a fresh copy of the demo database; each test should use
// its own browser context (fresh cookies and storage).
import { existsSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from "playwright-core";
import { AxeBuilder } from "@axe-core/playwright";
import { openTestDatabase, type TestDatabase } from "@crewboard/db/testing";
import { createApp, type AppDeps } from "@crewboard/server/app";

export type { Browser, BrowserContext, Locator, Page };

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const chromiumAvailable = existsSync(CHROMIUM_PATH);
export const DEMO_PASSWORD = "crewboard-demo";

/**
 * describe() for suites that need the browser: skipped — with the reason in its name, so the
 * run's summary says so — when Chromium is not installed. Never skipped silently.
 */
export function describeBrowser(name: string, body: () => void): void {
  if (chromiumAvailable) {
    describe(name, body);
    return;
  }
  const reason = `${CHROMIUM_PATH} not installed`;
  describe(`${name} (skipped: ${reason})`, () => {
    // carries the reason into the run's summary (tooling/vitest/summary-reporter.ts lists notes)
    it("needs Chromium", (ctx) => ctx.skip(reason));
    describe.skip("browser tests", body);
  });
}

export interface E2EServer {
  baseUrl: string;
  db: TestDatabase;
  close(): Promise<void>;
}

/** The real app on 127.0.0.1 with a random port, over a fresh demo database, serving the built web app. */
export async function startE2EServer(deps: Partial<AppDeps> = {}): Promise<E2EServer> {
  const db = await openTestDatabase("embedded", {
    embeddedFile: inject("e2eTemplateFile"),
    seededOn: inject("e2eTemplateSeededOn"),
  });
  const { httpServer, realtime } = createApp({
    db,
    demoMode: true,
    loginRateLimit: { limit: 10_000, windowMs: 60_000 },
    // many pages per demo user across a file's tests: the operator's options, raised
    socketLimits: { maxSocketsPerUser: 1_000, budgetFactor: 100 },
    webDistDir: inject("e2eDistDir"),
    ...deps,
  });
  await new Promise<void>((resolve) => httpServer.listen(0, "127.0.0.1", resolve));
  const baseUrl = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;
  return {
    baseUrl,
    db,
    async close() {
      await realtime.close();
      httpServer.closeAllConnections();
      await new Promise<void>((resolve) => httpServer.close(() => resolve()));
      await db.destroy();
    },
  };
}

/** Debian's Chromium, headless (`npx playwright install` cannot download browsers here). */
/** The server and the browser of a test file (see useServerAndBrowser): set once its beforeAll has run. */
export interface E2EFixture {
  readonly server: E2EServer;
  readonly browser: Browser;
}

/**
 * The preamble of every browser test file: starts a server over a fresh copy of the demo data and
 * Chromium together before the file's tests, and closes both after them (the file's own
 * afterAll hooks run first). Call it at the top of the describe block.
 */
export function useServerAndBrowser(deps: Partial<AppDeps> = {}): E2EFixture {
  const fixture = {} as { server: E2EServer; browser: Browser };
  beforeAll(async () => {
    [fixture.server, fixture.browser] = await Promise.all([startE2EServer(deps), launchBrowser()]);
  });
  afterAll(async () => {
    await fixture.browser?.close();
    await fixture.server?.close();
  });
  return fixture;
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

export interface OpenPageOptions {
  /** the browser's language (the app's default before sign-in); default Japanese */
  locale?: "ja" | "en";
  viewport?: { width: number; height: number };
  reducedMotion?: "reduce" | "no-preference";
}

/** A fresh context (cookies, storage) and page on the server's origin. Close the context at the end. */
export async function openPage(
  browser: Browser,
  server: E2EServer,
  options: OpenPageOptions = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    baseURL: server.baseUrl,
    locale: options.locale === "en" ? "en-GB" : "ja-JP",
    timezoneId: "Asia/Tokyo",
    viewport: options.viewport ?? { width: 1280, height: 900 },
    reducedMotion: options.reducedMotion,
  });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  // Browser errors make tests fail with a useful message rather than time out mysteriously.
  page.on("pageerror", (error) => console.error(`[browser] ${error.message}`));
  return { context, page };
}

/**
 * Signs in with the sign-in form as a demo account ("manager1", "crew3", "client-a1" …) and waits
 * for the home screen. Works in either language (fields are found by name).
 */
export async function signIn(page: Page, account: string, password = DEMO_PASSWORD): Promise<void> {
  const email = account.includes("@") ? account : `${account}@crewboard.example`;
  await page.goto("/sign-in");
  await page.locator('input[name="email"]').fill(email);
  await page.locator('input[name="password"]').fill(password);
  await page.locator('form button[type="submit"]').click();
  await page.waitForURL((url) => !url.pathname.startsWith("/sign-in"));
  await page.locator("main h1").first().waitFor();
}

export const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

export interface AxeViolation {
  id: string;
  impact?: string | null;
  help: string;
  nodes: { target: unknown; html: string; failureSummary?: string }[];
}

/** axe-core on the page as it is now (WCAG 2.0–2.2 A/AA, plus target-size); returns the violations. */
export async function axeScan(
  page: Page,
  options: { include?: string; exclude?: string[] } = {},
): Promise<AxeViolation[]> {
  // options() replaces the run options, so it comes before withTags().
  let builder = new AxeBuilder({ page }).options({ rules: { "target-size": { enabled: true } } }).withTags(AXE_TAGS);
  if (options.include) builder = builder.include(options.include);
  for (const selector of options.exclude ?? []) builder = builder.exclude(selector);
  const results = await builder.analyze();
  return results.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.map((n) => ({ target: n.target, html: n.html, failureSummary: n.failureSummary })),
  }));
}

/** A readable list of violations for an assertion message. */
export function formatViolations(violations: AxeViolation[]): string {
  return violations
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help}\n${v.nodes.map((n) => `    ${JSON.stringify(n.target)} ${n.html.slice(0, 160)}`).join("\n")}`,
    )
    .join("\n");
}

/** The page scrolls sideways (WCAG 1.4.10 reflow at 320 px): the document's width beyond the viewport. */
export function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

export interface ApiSession {
  call<T = unknown>(method: string, path: string, body?: unknown): Promise<T>;
  upload<T = unknown>(
    path: string,
    fields: Record<string, string>,
    file: { name: string; type: string; content: string },
  ): Promise<T>;
}

/**
 * Signs in over the REST API (cookie + CSRF token) as a demo account, to act as another person
 * while the browser shows what they see. `call` throws on any answer that is not 2xx.
 */
export async function apiSession(server: E2EServer, account: string): Promise<ApiSession> {
  const login = await fetch(`${server.baseUrl}/api/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: `${account}@crewboard.example`, password: DEMO_PASSWORD }),
  });
  if (!login.ok) throw new Error(`login ${account}: ${login.status} ${await login.text()}`);
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  async function send<T>(method: string, path: string, body: BodyInit | undefined, json: boolean): Promise<T> {
    const response = await fetch(`${server.baseUrl}/api/v1${path}`, {
      method,
      headers: { cookie, "x-csrf-token": csrfToken, ...(json ? { "content-type": "application/json" } : {}) },
      body,
    });
    if (!response.ok) throw new Error(`${method} ${path} as ${account}: ${response.status} ${await response.text()}`);
    return (response.status === 204 ? undefined : await response.json()) as T;
  }
  return {
    call: (method, path, body) =>
      send(method, path, body === undefined ? undefined : JSON.stringify(body), body !== undefined),
    upload: (path, fields, file) => {
      const form = new FormData();
      for (const [name, value] of Object.entries(fields)) form.set(name, value);
      form.set("file", new Blob([file.content], { type: file.type }), file.name);
      return send("POST", path, form, false);
    },
  };
}

// ---- waiting, not reading once -----------------------------------------------------------------
// A read right after an action (isVisible(), textContent(), count() …) sees the page before React
// has rendered, and fails on a busy machine. Wait for the state instead: expect.poll(() => …) (the
// suite's poll timeout is in vitest.e2e.config.ts), locator.waitFor(), or these.

/** Waits until the locator is visible (fails after the page's default timeout). */
export async function expectVisible(locator: Locator): Promise<void> {
  await locator.waitFor({ state: "visible" });
}

/** Waits until the locator is hidden or gone. */
export async function expectHidden(locator: Locator): Promise<void> {
  await locator.waitFor({ state: "hidden" });
}

/** Switches the signed-in user's language on Settings (choose, then apply: it applies only when asked) and waits until it is saved. */
export async function switchLanguage(page: Page, locale: "ja" | "en"): Promise<void> {
  await page.goto("/settings");
  await page.locator(`input[name="locale"][value="${locale}"]`).check();
  await page.locator("[data-apply-locale]").click();
  // a busy 2-core machine: the save and the catalogue's chunk take their time
  await expect.poll(() => page.locator("html").getAttribute("lang"), { timeout: 15_000 }).toBe(locale);
  await expect
    .poll(() => page.getByTestId("settings-status").textContent(), { timeout: 15_000 })
    .toMatch(locale === "ja" ? /保存しました/ : /saved/);
}

/** A screen has loaded: its <h1> is there and no loading notice is left in <main>. */
export async function settled(page: Page): Promise<void> {
  await page.locator("main h1").first().waitFor();
  await page.waitForFunction(() => !document.querySelector("main .notice[role=status]"));
}

// ---- what went wrong in the browser ------------------------------------------------------------

export interface PageProblems {
  /** console errors, page errors and failed requests (status ≥ 400 or no answer) since the start or the last take() */
  take(): string[];
}

/** Collects what a visitor would see in the console: errors, uncaught exceptions, failed requests. */
export function watchProblems(page: Page): PageProblems {
  let problems: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console error: ${message.text()} (${message.location().url})`);
  });
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  page.on("requestfailed", (request) => {
    const why = request.failure()?.errorText ?? "no answer";
    // cancelled, not failed: a navigation or the app's own AbortController (React Query cancels
    // what a screen no longer needs) ends a request nobody waits for any more
    if (why === "net::ERR_ABORTED") return;
    problems.push(`request failed: ${request.method()} ${request.url()} (${why})`);
  });
  page.on("response", (response) => {
    if (response.status() >= 400)
      problems.push(`HTTP ${response.status()}: ${response.request().method()} ${response.url()}`);
  });
  return {
    take() {
      const taken = problems;
      problems = [];
      return taken;
    },
  };
}
