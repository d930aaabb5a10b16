// The API reference at /api/docs renders in Chromium from our own origin alone: its operations are
// listed, nothing is requested from another origin, no request fails, and the browser logs no
// error (a script blocked by our CSP, or a CDN out of reach, would show here).
import { expect, it } from "vitest";
import { describeBrowser, openPage, useServerAndBrowser } from "./harness.ts";

describeBrowser("the API reference page", () => {
  const e2e = useServerAndBrowser();

  it("lists the operations, loads everything from our origin, and logs no error", async () => {
    const { context, page } = await openPage(e2e.browser, e2e.server, { locale: "en" });
    const origin = new URL(e2e.server.baseUrl).origin;
    const consoleErrors: string[] = [];
    const failed: string[] = [];
    const foreign: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error") consoleErrors.push(message.text());
    });
    page.on("pageerror", (error) => consoleErrors.push(error.message));
    page.on("requestfailed", (request) => failed.push(`${request.url()} ${request.failure()?.errorText ?? ""}`));
    page.on("response", (response) => {
      if (response.status() >= 400) failed.push(`${response.url()} ${response.status()}`);
    });
    page.on("request", (request) => {
      const url = new URL(request.url());
      if (url.protocol.startsWith("http") && url.origin !== origin) foreign.push(request.url());
    });

    const answer = await page.goto("/api/docs");
    expect(answer?.status()).toBe(200);
    // the page's own policy: scripts from our origin only, never inline
    const csp = answer?.headers()["content-security-policy"] ?? "";
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(csp).not.toContain("cdn");

    // operations from the OpenAPI document, by their summaries: the first tag is open, the others
    // open from the sidebar
    await page
      .getByText("Liveness and which database is in use")
      .first()
      .waitFor({ state: "visible", timeout: 30_000 });
    for (const [tag, summary] of [
      ["Auth", "Sign in with email and password"],
      ["Work orders", "Work orders I may see, newest first"],
    ] as const) {
      await page.getByRole("link", { name: tag, exact: true }).first().click();
      await page.getByText(summary).first().waitFor({ state: "visible" });
    }
    await expect.poll(() => page.title()).toBe("Crewboard API reference");
    // a moment for anything late (lazy chunks, fonts) to fail where it would
    await page.waitForLoadState("networkidle");

    expect(foreign, "requests to other origins").toEqual([]);
    expect(failed, "failed requests").toEqual([]);
    expect(consoleErrors, "console errors").toEqual([]);
    await context.close();
  });
});
