// The web app's page (http/web-app.ts, issue 14): for a signed-in staff member who opens the board,
// index.html names the board's first page of tasks (the very URL the web app then asks, furigana
// as the user's saved preference says) and the board's own chunks; for anyone else, or any other
// path, the page is the plain one. The page is never shared between users by a cache. The board's
// page also carries its preview (the first cards, drawn by the web app's Node build; here a
// stand-in that lists what it was given), unless saved preferences change how the page is drawn.
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { boardTasksPage, operationPath } from "@crewboard/contracts/http";
import { describeEachDatabase, startTestApp, type TestApp } from "../test/test-app.ts";
import { fileURLToPath } from "node:url";
import type { Logger } from "pino";
import { BOARD_FEATURES, BOARD_SCREEN, loadBoardPreview, screenAssets } from "./web-app.ts";

const INDEX = `<!doctype html><html><head><title>Crewboard</title></head><body><div id="root"></div></body></html>`;
const MANIFEST = {
  "index.html": { file: "assets/index-aa.js", isEntry: true, imports: ["_shared-bb.js"] },
  "_shared-bb.js": { file: "assets/shared-bb.js" },
  "_board-only-cc.js": { file: "assets/board-only-cc.js", imports: ["_shared-bb.js"] },
  "src/features/board/messages.ts": { file: "assets/messages-b1.js" },
  "src/features/client/messages.ts": { file: "assets/messages-c1.js" },
  "src/features/crew/messages.ts": { file: "assets/messages-c2.js" },
  "src/features/chat/messages.ts": { file: "assets/messages-c3.js" },
  "src/features/board/BoardPage.tsx": {
    file: "assets/BoardPage-dd.js",
    isDynamicEntry: true,
    imports: ["_shared-bb.js", "_board-only-cc.js", "index.html"],
    css: ["assets/BoardPage-ee.css"],
  },
};

describe("screenAssets", () => {
  it("a screen's chunk and what it imports beyond the page's entry, and its stylesheets", () => {
    expect(screenAssets(MANIFEST, ["src/features/board/BoardPage.tsx"])).toEqual({
      scripts: ["/assets/BoardPage-dd.js", "/assets/board-only-cc.js"],
      styles: ["/assets/BoardPage-ee.css"],
    });
    expect(screenAssets({}, ["src/features/board/BoardPage.tsx"])).toEqual({ scripts: [], styles: [] });
  });

  it("the board's words are the features its lazyScreen lists in the web app", () => {
    const app = readFileSync(fileURLToPath(new URL("../../../web/src/app/App.tsx", import.meta.url)), "utf8");
    const module = BOARD_SCREEN.replace(/^src\//, "../");
    const declared = new RegExp(
      `lazyScreen\\(\\(\\) => import\\("${module.replace(/[.]/g, "\\.")}"\\), \\[([^\\]]*)\\]`,
    ).exec(app);
    expect(declared, "App.tsx's lazyScreen of the board").not.toBeNull();
    expect(JSON.parse(`[${declared![1]}]`)).toEqual(BOARD_FEATURES);
  });
});

/** A task with this title makes the stand-in below throw. */
const BREAKS_PREVIEW = "the preview breaks on this task";
/** A stand-in for apps/web/dist-server/board-preview.js: what it was given, as markup. */
const PREVIEW_BUILD = `export async function createBoardPreview(features) {
  return ({ tasks, locale, now }) => {
    if (tasks.some((t) => t.title === "${BREAKS_PREVIEW}")) throw new Error("the preview broke");
    return \`<div id="board-preview" data-features="\${features.join(",")}" data-locale="\${locale}" data-now="\${now}">\${tasks.map((t) => t.id).join(" ")}</div>\`;
  };
}`;
const PREVIEW = /<div id="board-preview" data-features="([^"]*)" data-locale="(\w+)" data-now="(\d+)">([^<]*)<\/div>/;

describe("loadBoardPreview", () => {
  it("none when the preview is not built, and none (with a warning) when its build does not load", async () => {
    const warnings: unknown[] = [];
    const logger = { warn: (...args: unknown[]) => warnings.push(args) } as unknown as Logger;
    const root = mkdtempSync(join(tmpdir(), "crewboard-web-"));
    expect(await loadBoardPreview(join(root, "dist"), logger)).toBeUndefined();
    expect(warnings).toHaveLength(0);
    mkdirSync(join(root, "dist-server"));
    writeFileSync(
      join(root, "dist-server", "board-preview.js"),
      "export const createBoardPreview = () => { throw new Error('broken'); };",
    );
    expect(await loadBoardPreview(join(root, "dist"), logger)).toBeUndefined();
    expect(warnings).toHaveLength(1);
  });
});

const WAIT_MS = 1_500;

describeEachDatabase("the web app's page", (kind) => {
  let t: TestApp;
  // dist and, beside it, dist-server (the board preview's build), as apps/web builds them
  const webDist = join(mkdtempSync(join(tmpdir(), "crewboard-web-")), "dist");
  beforeAll(async () => {
    mkdirSync(join(webDist, "..", "dist-server"), { recursive: true });
    writeFileSync(join(webDist, "..", "dist-server", "board-preview.js"), PREVIEW_BUILD);
    mkdirSync(join(webDist, "assets"), { recursive: true });
    mkdirSync(join(webDist, ".vite"));
    writeFileSync(join(webDist, "index.html"), INDEX);
    writeFileSync(join(webDist, ".vite", "manifest.json"), JSON.stringify(MANIFEST));
    // (a busy 2-core machine: the preview's first render in a process can take a while)
    t = await startTestApp(kind, { webDistDir: webDist, webAppHintsWaitMs: WAIT_MS });
  });
  afterAll(async () => t?.close());

  const page = async (path: string, cookie?: string | null) => {
    const res = await fetch(`${t.baseUrl}${path}`, { headers: cookie ? { cookie } : {} });
    expect(res.status).toBe(200);
    const html = await res.text();
    // no-store when it shows tasks (its preview), otherwise revalidated on every visit
    expect(res.headers.get("cache-control")).toBe(PREVIEW.test(html) ? "no-store" : "private, no-cache");
    expect(res.headers.get("vary")).toMatch(/Cookie/i);
    return html;
  };
  const tasksUrl = (easyRead: boolean) => `/api/v1${operationPath("listTasks", { query: boardTasksPage(easyRead) })}`;

  it("a manager's board names the first page of tasks and the board's chunks", async () => {
    const manager = await t.as("manager1");
    const html = await page("/board", manager.cookieHeader);
    expect(tasksUrl(false)).toBe("/api/v1/tasks?limit=100");
    expect(html).toContain(`<link rel="preload" as="fetch" crossorigin="anonymous" href="/api/v1/tasks?limit=100" />`);
    expect(html).toContain(`<link rel="modulepreload" crossorigin href="/assets/BoardPage-dd.js" />`);
    expect(html).toContain(`<link rel="modulepreload" crossorigin href="/assets/board-only-cc.js" />`);
    // crossorigin as Vite's loader then asks for it: otherwise Chromium fetches it a second time
    expect(html).toContain(`<link rel="preload" as="style" crossorigin href="/assets/BoardPage-ee.css" />`);
    for (const words of ["b1", "c1", "c2"])
      expect(html).toContain(`<link rel="modulepreload" crossorigin href="/assets/messages-${words}.js" />`);
    expect(html).not.toContain("messages-c3.js");
    // the page's entry loads its own imports
    expect(html).not.toContain("shared-bb.js");
    // the preview is drawn with the board's stylesheet: a stylesheet, not only a preload
    expect(html).toContain(`<link rel="stylesheet" crossorigin href="/assets/BoardPage-ee.css" />`);
    // in the head, the preview right after the app's root, the page otherwise as built
    expect(html.indexOf("/api/v1/tasks")).toBeLessThan(html.indexOf("</head>"));
    expect(html.indexOf('<div id="board-preview"')).toBe(html.indexOf('<div id="root"></div>') + 21);
    expect(html.replace(/<link [^>]*\/>/g, "").replace(PREVIEW, "")).toBe(INDEX);
    // the preloaded page is the first page the API gives this user, and the preview draws it
    const first = await manager.get(tasksUrl(false).slice("/api/v1".length));
    expect(first.status).toBe(200);
    const [, features, locale, now, ids] = PREVIEW.exec(html)!;
    expect(ids!.split(" ")).toEqual((first.body as { items: { id: string }[] }).items.map((task) => task.id));
    expect(features).toBe(BOARD_FEATURES.join(","));
    expect(locale).toBe("ja");
    expect(Math.abs(Number(now) - Date.now())).toBeLessThan(60_000);
  });

  it("a preview that fails to draw is left out: the hints stay", async () => {
    const manager = await t.as("manager1");
    const orders = (await manager.get("/work-orders?status=in_progress&limit=1")).body as { items: { id: string }[] };
    const created = await manager.post(`/work-orders/${orders.items[0]!.id}/tasks`, {
      tasks: [{ title: BREAKS_PREVIEW }],
    });
    expect(created.status).toBe(201);
    const html = await page("/board", manager.cookieHeader);
    expect(html).toContain(`href="${tasksUrl(false)}"`);
    expect(html).toContain(`rel="modulepreload"`);
    expect(html).not.toContain("board-preview");
    const task = (created.body as { items: { id: string; version: number }[] }).items[0]!;
    expect((await manager.patch(`/tasks/${task.id}`, { version: task.version, title: "drawn again" })).status).toBe(
      200,
    );
    expect(await page("/board", manager.cookieHeader)).toMatch(PREVIEW);
  });

  it("a filtered board, or another view of it, has no preview (the preview is the unfiltered columns)", async () => {
    const manager = await t.as("manager1");
    for (const query of ["?view=lanes", "?crew=someone"]) {
      const html = await page(`/board${query}`, manager.cookieHeader);
      expect(html, query).toContain(`rel="modulepreload"`);
      expect(html, query).not.toContain("board-preview");
    }
  });

  it("a page that shows tasks is stored by no cache", async () => {
    const manager = await t.as("manager1");
    const res = await fetch(`${t.baseUrl}/board`, { headers: { cookie: manager.cookieHeader ?? "" } });
    expect(await res.text()).toMatch(PREVIEW);
    expect(res.headers.get("cache-control")).toBe("no-store");
  });

  it("the preview speaks the user's saved language", async () => {
    const manager = await t.as("manager2");
    expect((await manager.patch("/me", { locale: "en" })).status).toBe(200);
    expect(PREVIEW.exec(await page("/board", manager.cookieHeader))?.[2]).toBe("en");
    expect((await manager.patch("/me", { locale: "ja" })).status).toBe(200);
    expect(PREVIEW.exec(await page("/board", manager.cookieHeader))?.[2]).toBe("ja");
  });

  it("no preview when saved preferences change how the page is drawn: the hints only", async () => {
    const manager = await t.as("manager2");
    // (a saved change merges into the saved preferences: each from the defaults)
    const defaults = { textSize: "normal", highContrast: false, simpleLayout: false, easyRead: false } as const;
    for (const change of [
      { textSize: "large" },
      { highContrast: true },
      { simpleLayout: true },
      { easyRead: true },
    ] as const) {
      const accessibility = { ...defaults, ...change };
      expect((await manager.patch("/me", { accessibility })).status).toBe(200);
      const html = await page("/board", manager.cookieHeader);
      expect(html, JSON.stringify(accessibility)).toContain(`rel="modulepreload"`);
      expect(html, JSON.stringify(accessibility)).not.toContain("board-preview");
      expect(html, JSON.stringify(accessibility)).not.toContain(`rel="stylesheet"`);
    }
    expect((await manager.patch("/me", { accessibility: defaults })).status).toBe(200);
    expect(await page("/board", manager.cookieHeader)).toMatch(PREVIEW);
  });

  it("with easy-read saved, the preloaded page asks for the furigana (ruby=true), as the web app then does", async () => {
    const manager = await t.as("manager2");
    expect((await manager.patch("/me", { accessibility: { easyRead: true } })).status).toBe(200);
    const html = await page("/board", manager.cookieHeader);
    expect(tasksUrl(true)).toBe("/api/v1/tasks?limit=100&ruby=true");
    // as an HTML attribute (the browser reads it back as the URL above)
    expect(html).toContain(`as="fetch" crossorigin="anonymous" href="/api/v1/tasks?limit=100&amp;ruby=true"`);
    expect((await manager.patch("/me", { accessibility: { easyRead: false } })).status).toBe(200);
    expect(await page("/board", manager.cookieHeader)).toContain(`href="${tasksUrl(false)}"`);
  });

  it("a database that does not answer in time does not hold the page: the plain page, at once", async () => {
    const manager = await t.as("manager1");
    // the session lookup waits behind this lock (PostgreSQL), or behind the one connection (PGlite)
    await t.db.prisma.$transaction(
      async (tx) => {
        await tx.$executeRawUnsafe(`LOCK TABLE "Session" IN ACCESS EXCLUSIVE MODE`);
        const started = performance.now();
        expect(await page("/board", manager.cookieHeader)).toBe(INDEX);
        expect(performance.now() - started).toBeLessThan(WAIT_MS + 1_500);
      },
      { timeout: 10_000 },
    );
    // and once it answers again, the hints are back
    expect(await page("/board", manager.cookieHeader)).toContain(`href="${tasksUrl(false)}"`);
  });

  // PostgreSQL only, not a skip: PGlite has one connection, where the session lookup would wait
  // behind the lock too (the test above)
  if (kind === "postgresql")
    it("a preview that is not ready in time does not hold the page: the hints without it", async () => {
      const manager = await t.as("manager1");
      await t.db.prisma.$transaction(
        async (tx) => {
          // the first page's read waits behind this lock; the session lookup does not
          await tx.$executeRawUnsafe(`LOCK TABLE "Task" IN ACCESS EXCLUSIVE MODE`);
          const started = performance.now();
          const html = await page("/board", manager.cookieHeader);
          expect(performance.now() - started).toBeLessThan(WAIT_MS + 1_500);
          expect(html).toContain(`href="${tasksUrl(false)}"`);
          expect(html).toContain(`rel="modulepreload"`);
          expect(html).not.toContain("board-preview");
          expect(html).not.toContain(`rel="stylesheet"`);
        },
        { timeout: 10_000 },
      );
      expect(await page("/board", manager.cookieHeader)).toMatch(PREVIEW);
    });

  it("signed out, a client, a crew member, another path or a stale cookie: the plain page", async () => {
    expect(await page("/board")).toBe(INDEX);
    expect(await page("/board", "crewboard_session=not-a-session")).toBe(INDEX);
    for (const who of ["crew1", "client-a1"]) expect(await page("/board", (await t.as(who)).cookieHeader)).toBe(INDEX);
    expect(await page("/my-day", (await t.as("manager1")).cookieHeader)).toBe(INDEX);
    expect(await page("/board/other", (await t.as("manager1")).cookieHeader)).toBe(INDEX);
  });
});
