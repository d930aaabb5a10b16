// The web app's page (index.html), for every path the web app routes in the browser. For a
// signed-in staff member who opens the board, the page also names what the board will need first
// (issue 14: the first cards of a big board), so that the browser fetches it while the app's
// scripts still load instead of after they ran:
// - the board's first page of tasks, `<link rel=preload as=fetch>` of exactly the URL the web app
//   then asks (built by @crewboard/contracts/http for both; with `ruby=true` when the user's saved
//   easy-read preference asks for furigana), which the app's fetch then reuses, like the session
//   check that index.html itself preloads;
// - the board's chunk, the chunks it imports and its words (`<link rel=modulepreload>`, from
//   Vite's manifest).
// - the board's preview: its first cards, drawn here by the web app's own components (its Node
//   build, apps/web/src/board-preview.tsx) after the app's root element, so that they show while
//   the scripts still load; the app takes them away once the board's own columns show. Not for a
//   user whose saved preferences change how the page is drawn (text size, contrast, easy-read):
//   their page would jump when the app applies them; nor for a board opened with a view or filters
//   in its URL (the preview is the unfiltered columns).
// The page then differs between users: it is `private` and revalidated on every visit, never kept
// by a shared cache nor shown to the next user of the browser from its cache; with the preview,
// which shows tasks, it is `no-store`, as the API's answers are.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import cookieParser from "cookie-parser";
import type { Request, RequestHandler } from "express";
import type { Logger } from "pino";
import { API_BASE_PATH, sessionCookieName, type AccessibilityPreferences } from "@crewboard/contracts";
import type { Task } from "@crewboard/contracts";
import { BOARD_FIRST_PAGE, boardTasksPage, operationPath } from "@crewboard/contracts/http";
import type { PrismaClient } from "@crewboard/db";
import { checkGate, type Identity } from "@crewboard/domain";
import { findSession } from "../modules/auth/sessions.ts";
import { boardFirstPage } from "../modules/tasks/board-first-page.ts";
import { plausibleSessionToken, type SessionCookieSettings } from "./session.ts";

/**
 * The longest the page waits for the hints' lookups and the board's preview (normally a few ms and
 * a few tens): a slow or unreachable database must not hold back the page, whose app then says so
 * itself.
 */
const HINTS_WAIT_MS = 200;

/** The web app's route of the board (apps/web/src/app/paths.ts) and its screen's module. */
const BOARD_PATH = "/board";
/**
 * The board's module and the words it loads with it: the messages of the features its lazyScreen
 * lists in apps/web/src/app/App.tsx (web-app.test.ts checks that the two lists agree).
 */
export const BOARD_SCREEN = "src/features/board/BoardPage.tsx";
export const BOARD_FEATURES = ["board", "client", "crew"] as const;
const BOARD_MODULES = [BOARD_SCREEN, ...BOARD_FEATURES.map((feature) => `src/features/${feature}/messages.ts`)];

/** Draws the board's preview (apps/web/src/board-preview.tsx): markup to put after the app's root. */
export type BoardPreview = (input: { tasks: readonly Task[]; locale: "ja" | "en"; now: number }) => string;

/**
 * The web app's Node build of the board preview, beside its dist folder (apps/web/dist-server), or
 * undefined when it is not built (the page is then sent without a preview).
 */
export async function loadBoardPreview(webDist: string, logger: Logger): Promise<BoardPreview | undefined> {
  const file = join(webDist, "..", "dist-server", "board-preview.js");
  if (!existsSync(file)) return undefined;
  try {
    const built = (await import(pathToFileURL(file).href)) as {
      createBoardPreview: (features: readonly string[]) => Promise<BoardPreview>;
    };
    return await built.createBoardPreview(BOARD_FEATURES);
  } catch (error) {
    logger.warn({ err: error }, "the board preview is left out: its build did not load");
    return undefined;
  }
}

/** The preview's place: right after the app's root element, which the app fills. */
const ROOT_ELEMENT = '<div id="root"></div>';

type Manifest = Record<string, { file: string; imports?: string[]; css?: string[] }>;

/** Modules' chunks, and the chunks and stylesheets they import that the page's own entry does not. */
export function screenAssets(manifest: Manifest, modules: readonly string[]): { scripts: string[]; styles: string[] } {
  const entry = Object.values(manifest).find((chunk) => "isEntry" in chunk && chunk.isEntry);
  const loaded = new Set<string>();
  const walk = (key: string, into: Set<string>) => {
    if (into.has(key) || !manifest[key]) return;
    into.add(key);
    for (const next of manifest[key].imports ?? []) walk(next, into);
  };
  if (entry)
    walk(
      Object.keys(manifest).find((key) => manifest[key] === entry)!,
      loaded,
    );
  const needed = new Set<string>();
  for (const key of modules) walk(key, needed);
  const keys = [...needed].filter((key) => !loaded.has(key));
  return {
    scripts: keys.map((key) => `/${manifest[key]!.file}`),
    styles: keys.flatMap((key) => (manifest[key]!.css ?? []).map((file) => `/${file}`)),
  };
}

function readManifest(webDist: string): Manifest {
  const file = join(webDist, ".vite", "manifest.json");
  return existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as Manifest) : {};
}

const attr = (value: string) => value.replace(/&/g, "&amp;").replace(/"/g, "&quot;");

export function webAppPage(options: {
  webDist: string;
  prisma: PrismaClient;
  session: SessionCookieSettings;
  logger: Logger;
  /** the board's preview (loadBoardPreview), when the web app's Node build is there */
  boardPreview?: Promise<BoardPreview | undefined>;
  /** HINTS_WAIT_MS, unless a test on a busy machine needs more */
  hintsWaitMs?: number;
}): RequestHandler {
  const hintsWaitMs = options.hintsWaitMs ?? HINTS_WAIT_MS;
  // read once at start: the dist folder of a running server does not change
  const html = readFileSync(join(options.webDist, "index.html"), "utf8");
  const headEnd = html.indexOf("</head>");
  const board = screenAssets(readManifest(options.webDist), BOARD_MODULES);
  const boardAssets = [
    ...board.scripts.map((href) => `<link rel="modulepreload" crossorigin href="${attr(href)}" />`),
    // crossorigin as Vite's own loader asks for the stylesheet, or Chromium fetches it twice
    ...board.styles.map((href) => `<link rel="preload" as="style" crossorigin href="${attr(href)}" />`),
  ].join("");
  const boardStyles = board.styles.map((href) => `<link rel="stylesheet" crossorigin href="${attr(href)}" />`).join("");
  const rootAt = html.indexOf(ROOT_ELEMENT);
  /** The page with the board's links in its head and its preview after the app's root. */
  const withBoardExtras = (links: string, preview: string): string => {
    if (!links) return html;
    const head = html.slice(0, headEnd) + links;
    if (!preview || rootAt < headEnd) return head + html.slice(headEnd);
    const afterRoot = rootAt + ROOT_ELEMENT.length;
    return head + html.slice(headEnd, afterRoot) + preview + html.slice(afterRoot);
  };
  const cookieName = sessionCookieName(options.session.secure);
  const cookies = cookieParser();
  /** A preload of the board's first page of tasks: exactly the URL the web app then asks for. */
  const tasksPreload = (easyRead: boolean) => {
    const url = `${API_BASE_PATH}${operationPath("listTasks", { query: boardTasksPage(easyRead) })}`;
    return `<link rel="preload" as="fetch" crossorigin="anonymous" href="${attr(url)}" />`;
  };

  /**
   * What the page of the request's user holds for the board: nothing when signed out or not staff;
   * the links without the preview when the preview is not ready by `late`.
   */
  async function boardExtras(req: Request, late: Promise<null>): Promise<{ links: string; preview: string }> {
    const none = { links: "", preview: "" };
    const token: unknown = req.cookies?.[cookieName];
    if (!plausibleSessionToken(token)) return none;
    // a look, not a visit: it neither keeps the session alive nor rotates its token (the session
    // check the page makes next does both, as for any page)
    const found = await findSession(options.prisma, token, {
      timeouts: options.session.timeouts,
      activity: false,
      mayRotate: false,
    });
    if (!found || found.user.mustChangePassword || checkGate("staff", found.user) !== "allow") return none;
    const saved = await options.prisma.user.findUnique({
      where: { id: found.user.id },
      select: { accessibility: true, locale: true },
    });
    const preferences = (saved?.accessibility ?? {}) as Partial<AccessibilityPreferences>;
    // as the web app decides (lib/query-keys.ts wantsReadings), from the same saved preference
    const easyRead = preferences.easyRead === true;
    const links = tasksPreload(easyRead) + boardAssets;
    const drawnAsIs =
      (preferences.textSize ?? "normal") === "normal" &&
      !preferences.highContrast &&
      !preferences.simpleLayout &&
      !easyRead;
    // the preview draws the board's columns as they first show, unfiltered
    const unfiltered = Object.keys(req.query).length === 0;
    if (!drawnAsIs || !unfiltered || !options.boardPreview) return { links, preview: "" };
    // the preview, when it is ready in time: the page is not held for it (nor for the preview's
    // build still loading at start)
    let over = false;
    void late.then(() => (over = true));
    const drawn = await Promise.race([
      drawPreview(options.boardPreview, found.user, saved?.locale === "en" ? "en" : "ja", () => over).catch(
        (error: unknown) => {
          options.logger.warn({ err: error }, "board preview left out");
          return null;
        },
      ),
      late,
    ]);
    return drawn ? { links: links + drawn.links, preview: drawn.preview } : { links, preview: "" };
  }

  /**
   * The board's preview for `who`, and the links it brings; null when there is no preview build,
   * or when the page has stopped waiting before the read (`tooLate`: no work for nothing).
   */
  async function drawPreview(
    build: Promise<BoardPreview | undefined>,
    who: Identity,
    locale: "ja" | "en",
    tooLate: () => boolean,
  ) {
    const draw = await build;
    if (!draw || tooLate()) return null;
    const tasks = await boardFirstPage(options.prisma, who, BOARD_FIRST_PAGE);
    if (tooLate()) return null;
    const preview = draw({ tasks, locale, now: Date.now() });
    // the board's stylesheets as stylesheets: the preview is drawn with them (the app's loader
    // then finds them in the page and does not load them again)
    return { links: boardStyles, preview };
  }

  return (req, res) => {
    res.setHeader("Cache-Control", "private, no-cache");
    res.vary("Cookie");
    if (req.path !== BOARD_PATH || headEnd < 0) return void res.type("html").send(html);
    cookies(req, res, () => {
      // the preview may take until the wait is over; the page goes a moment after at the latest
      // (the links alone, when the preview was late), or without the hints when even they were late
      const timers: NodeJS.Timeout[] = [];
      const after = <T>(ms: number, value: T) =>
        new Promise<T>((resolve) => timers.push(setTimeout(() => resolve(value), ms)));
      const previewLate = after(hintsWaitMs, null);
      const pageLate = after(hintsWaitMs + 20, { links: "", preview: "" });
      Promise.race([boardExtras(req, previewLate), pageLate])
        .finally(() => timers.forEach(clearTimeout))
        .then(
          ({ links, preview }) => {
            // a page that shows tasks is kept by no cache, as the API's answers are not: after
            // signing out, Back on a shared computer must not show the last user's cards
            if (preview) res.setHeader("Cache-Control", "no-store");
            res.type("html").send(withBoardExtras(links, preview));
          },
          // the page without the hints still works: the app asks for everything itself
          (error: unknown) => {
            options.logger.warn({ err: error }, "board preload hints left out");
            res.type("html").send(html);
          },
        );
    });
  };
}
