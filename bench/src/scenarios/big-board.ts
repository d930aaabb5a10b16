// The big board: 10,000 tasks added to the bench database, then
// - through the API: everything the board's task list loads, the way the web app loads it
//   (apps/web/src/features/board/board-queries.ts: a first page of 100, so that the first cards
//   show early, then pages of TASK_PAGE_MAX, one after the other), timed and weighed on the wire.
//   Baseline: one raw SQL query for every task, as JSON, in one request.
// - in Chromium: the board page of a signed-in manager, timed to the first card (the first
//   `.board-card` in the page: the preview the server draws into it, apps/server/src/http/web-app.ts,
//   until the app's own cards replace it) and to every lane (column) holding all its tasks with the
//   main thread free (counted in the app's own columns only: the preview has no counts). Baseline: a plain HTML page listing
//   the same rows by status, timed to its first row and its full render.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import http from "node:http";
import { basename } from "node:path";
import zlib from "node:zlib";
import { chromium, type Browser } from "playwright-core";
import { TASK_PAGE_MAX } from "@crewboard/contracts/http";
import { STAFF_ACCOUNTS } from "../config.ts";
import type { RunContext } from "../context.ts";
import { REPO_ROOT, descendantsCpuMs, type ServerProcess } from "../processes.ts";
import { turnOrder } from "../load.ts";
import { bytesText, mib, ms, ratioAtMost, type Row, type ScenarioResult } from "../report.ts";
import { seedBigBoard, type BigBoard } from "../seed-big-board.ts";
import { now, round } from "../stats.ts";

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
/** what Chromium's processes' command lines hold (Debian's /usr/bin/chromium runs /usr/lib/chromium/chromium) */
const CHROMIUM_PROCESSES = basename(CHROMIUM_PATH);
/** BENCH_CHROMIUM_TRACE=/tmp/board-trace.json: a performance trace of one more Crewboard load, not counted (for profiling, by hand) */
const CHROMIUM_TRACE = process.env.BENCH_CHROMIUM_TRACE || undefined;

let seeded: BigBoard | undefined;

/** Seeds once per run; call it while no server runs (the embedded database has one owner). */
async function bigBoard(ctx: RunContext): Promise<BigBoard> {
  if (!seeded) {
    ctx.log(`adding ${ctx.sizes.bigBoardTasks} tasks to the bench database`);
    seeded = await seedBigBoard(ctx.db, ctx.sizes.bigBoardTasks);
    // the seed's writes reach the disk now, not during the loads measured next (nor in their count)
    await ctx.settleDisk("dropped");
  }
  return seeded;
}

// ---- through the API ---------------------------------------------------------------------------

interface Fetched {
  status: number;
  /** body bytes as they crossed the wire (compressed, when the server compresses) */
  wireBytes: number;
  json: any;
}

function getJson(url: string, headers: Record<string, string>, agent: http.Agent): Promise<Fetched> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: { ...headers, "accept-encoding": "gzip, deflate, br" }, agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("error", reject);
        res.on("end", () => {
          const raw = Buffer.concat(chunks);
          const encoding = res.headers["content-encoding"];
          const body =
            encoding === "gzip"
              ? zlib.gunzipSync(raw)
              : encoding === "br"
                ? zlib.brotliDecompressSync(raw)
                : encoding === "deflate"
                  ? zlib.inflateSync(raw)
                  : raw;
          try {
            resolve({ status: res.statusCode ?? 0, wireBytes: raw.length, json: JSON.parse(body.toString("utf8")) });
          } catch (error) {
            reject(new Error(`${url}: ${res.statusCode} ${body.toString("utf8").slice(0, 200)} (${String(error)})`));
          }
        });
      })
      .on("error", reject);
  });
}

interface ApiLoad {
  ms: number;
  requests: number;
  wireBytes: number;
  items: number;
}

/** The board's first page, then the size of the pages that follow (as board-queries.ts). */
const FIRST_PAGE = 100;
const NEXT_PAGES = TASK_PAGE_MAX;

/** Every page of the board's task list, one after the other (the next needs the cursor). */
async function loadPaged(baseUrl: string, cookie: string): Promise<ApiLoad> {
  const agent = new http.Agent({ keepAlive: true });
  const started = now();
  let cursor: string | null = null;
  let requests = 0;
  let wireBytes = 0;
  let items = 0;
  do {
    const page: Fetched = await getJson(
      `${baseUrl}/api/v1/tasks?limit=${cursor ? `${NEXT_PAGES}&cursor=${cursor}` : FIRST_PAGE}`,
      { cookie },
      agent,
    );
    if (page.status !== 200) throw new Error(`board page ${requests + 1}: ${page.status}`);
    requests++;
    wireBytes += page.wireBytes;
    items += page.json.items.length;
    cursor = page.json.nextCursor;
  } while (cursor);
  const elapsed = now() - started;
  agent.destroy();
  return { ms: round(elapsed), requests, wireBytes, items };
}

async function loadAll(baseUrl: string): Promise<ApiLoad> {
  const agent = new http.Agent({ keepAlive: true });
  const started = now();
  const all = await getJson(`${baseUrl}/board/all`, {}, agent);
  const elapsed = now() - started;
  agent.destroy();
  return { ms: round(elapsed), requests: 1, wireBytes: all.wireBytes, items: all.json.items.length };
}

/** Passes measured after the warm-up; the median is kept (one pass is a few hundred ms on a noisy machine). */
const PASSES = 3;

async function medianOf(pass: () => Promise<ApiLoad>): Promise<ApiLoad & { passesMs: number[] }> {
  const runs: ApiLoad[] = [];
  for (let i = 0; i < PASSES; i++) runs.push(await pass());
  const sorted = [...runs].sort((a, b) => a.ms - b.ms);
  return { ...sorted[Math.floor(sorted.length / 2)]!, passesMs: runs.map((r) => r.ms) };
}

export async function boardApi(ctx: RunContext): Promise<ScenarioResult> {
  const board = await bigBoard(ctx);
  let crewboard: ApiLoad;
  {
    const server = await ctx.crewboard();
    try {
      const manager = await ctx.session(server.url, STAFF_ACCOUNTS[0]!);
      await loadPaged(server.url, manager.cookie); // warm-up
      ctx.log(`Crewboard: loading the ${board.total}-task board through the API (median of ${PASSES})`);
      crewboard = await medianOf(() => loadPaged(server.url, manager.cookie));
    } finally {
      await server.stop();
    }
  }
  let bare: ApiLoad;
  {
    const server = await ctx.baseline("bare-db-server", true);
    try {
      await loadAll(server.url);
      bare = await medianOf(() => loadAll(server.url));
    } finally {
      await server.stop();
    }
  }
  const ratio = crewboard.ms / bare.ms;
  const notes: string[] = [];
  if (crewboard.items !== board.total) notes.push(`Crewboard returned ${crewboard.items} tasks of ${board.total}`);
  const count = board.total.toLocaleString("en");
  return {
    id: "board-api",
    title: `first load of a ${count}-task board (API)`,
    rows: [
      {
        scenario: `first load of a ${count}-task board (API)`,
        crewboard: `${ms(crewboard.ms)} over ${crewboard.requests} sequential requests, ${bytesText(crewboard.wireBytes)}`,
        baseline: `one raw SQL query as JSON: ${ms(bare.ms)}, ${bytesText(bare.wireBytes)}`,
        ratio: round(ratio, 3),
        target: ratioAtMost(ratio, 2),
      },
    ],
    figures: { crewboard, baseline: bare, board },
    notes,
  };
}

// ---- in Chromium -----------------------------------------------------------------------------

/**
 * Installed before the page's own scripts: notes (in the page's clock, from navigation start) when
 * the first card appears and when the page holds every task, and when long tasks (main thread
 * busy ≥ 50 ms) end.
 */
function instrumentation(cardSelector: string, complete: string): string {
  return `(() => {
    const b = (window.__bench = { first: null, complete: null, lastLongTaskEnd: 0, longTaskMs: 0 });
    try {
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) { b.lastLongTaskEnd = Math.max(b.lastLongTaskEnd, e.startTime + e.duration); b.longTaskMs += e.duration; }
      }).observe({ type: "longtask", buffered: true });
    } catch {}
    const isComplete = ${complete};
    const check = () => {
      if (b.first === null && document.querySelector(${JSON.stringify(cardSelector)})) b.first = performance.now();
      if (b.complete === null && isComplete()) b.complete = performance.now();
    };
    new MutationObserver(check).observe(document, { childList: true, subtree: true, characterData: true });
    document.addEventListener("readystatechange", check);
    setInterval(check, 100);
  })();`;
}

interface PageTiming {
  /** ms from navigation start */
  firstMs: number | null;
  /** every task in place */
  completeMs: number | null;
  /** complete, and the main thread then free for a second: the end of the last long task before that */
  usableMs: number | null;
  finished: boolean;
  cardsInDom: number | null;
  shownCount: number | null;
  jsHeapBytes: number | null;
  longTaskMs: number | null;
  /** how long the new tab took to settle before the navigation (settleTab) */
  tabSettledMs: number;
}

/**
 * Waits until the browser has finished opening a new tab: Chromium starts a renderer of its own UI
 * (`--top-chrome-webui`) for each new context's window, ~0.5 s of CPU in the first ~0.7 s here,
 * and on a 2-core machine a navigation started at once shared the cores with it. A person opens
 * the board in a browser that is already there; so does the plain page (both are timed from
 * their navigation). Quiet: Chromium's processes used under 10 ms of CPU in the last 100 ms, twice
 * in a row, after at least 300 ms; at most 5 s.
 */
async function settleTab(): Promise<number> {
  const started = now();
  let last = descendantsCpuMs(CHROMIUM_PROCESSES);
  let quiet = 0;
  while (now() - started < 5000) {
    await new Promise((r) => setTimeout(r, 100));
    const cpu = descendantsCpuMs(CHROMIUM_PROCESSES);
    // per process: one that ended must not look like quiet, a new one counts whole
    let used = 0;
    for (const [pid, ms] of cpu) used += Math.max(0, ms - (last.get(pid) ?? 0));
    quiet = used < 10 ? quiet + 1 : 0;
    last = cpu;
    if (quiet >= 2 && now() - started >= 300) break;
  }
  return round(now() - started);
}

async function timePage(
  browser: Browser,
  options: {
    url: string;
    cookie?: { name: string; value: string };
    cardSelector: string;
    complete: string;
    countScript: string;
    capMs: number;
    /** a Chromium performance trace of this page load goes here (open it in DevTools' Performance panel) */
    tracePath?: string;
  },
): Promise<PageTiming> {
  const context = await browser.newContext({
    locale: "ja-JP",
    timezoneId: "Asia/Tokyo",
    viewport: { width: 1280, height: 900 },
  });
  try {
    if (options.cookie) await context.addCookies([{ ...options.cookie, url: options.url }]);
    await context.addInitScript(instrumentation(options.cardSelector, options.complete));
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send("Performance.enable");
    const tabSettledMs = await settleTab();
    if (options.tracePath) await browser.startTracing(page, { path: options.tracePath, screenshots: false });
    const deadline = Date.now() + options.capMs;
    await page.goto(options.url, { waitUntil: "commit", timeout: options.capMs });
    type State = {
      first: number | null;
      complete: number | null;
      lastLongTaskEnd: number;
      longTaskMs: number;
      now: number;
    };
    // page.evaluate waits for a free main thread: bounded, so that a frozen tab cannot hang the bench
    const read = (timeoutMs: number) =>
      Promise.race([
        page.evaluate<State>("({ ...window.__bench, now: performance.now() })"),
        new Promise<null>((r) => setTimeout(() => r(null), timeoutMs)),
      ]).catch(() => null);
    let state: State | null = null;
    let usable: number | null = null;
    while (Date.now() < deadline) {
      state = (await read(Math.max(100, deadline - Date.now()))) ?? state;
      if (state?.complete != null) {
        const settledFrom = Math.max(state.complete, state.lastLongTaskEnd);
        if (state.now - settledFrom >= 1000) {
          usable = settledFrom;
          break;
        }
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    if (options.tracePath) await browser.stopTracing();
    const counts = (await Promise.race([
      page.evaluate(options.countScript).catch(() => null),
      new Promise<null>((r) => setTimeout(() => r(null), 10_000)),
    ])) as { cards: number; shown: number } | null;
    const metrics = await Promise.race([
      cdp.send("Performance.getMetrics").catch(() => null),
      new Promise<null>((r) => setTimeout(() => r(null), 10_000)),
    ]);
    const heap = metrics?.metrics.find((m) => m.name === "JSHeapUsedSize")?.value ?? null;
    return {
      firstMs: state?.first != null ? round(state.first) : null,
      completeMs: state?.complete != null ? round(state.complete) : null,
      usableMs: usable !== null ? round(usable) : null,
      finished: usable !== null,
      cardsInDom: counts?.cards ?? null,
      shownCount: counts?.shown ?? null,
      jsHeapBytes: heap,
      longTaskMs: state ? round(state.longTaskMs) : null,
      tabSettledMs,
    };
  } finally {
    await context.close();
  }
}

/**
 * The median of several loads of one page (each in a new tab with an empty cache): one load on a
 * shared 2-core machine can be a second off either way. The first cards are the median of the
 * loads' first cards; every other figure (every lane usable, finished, heap, counts) is that of the
 * load with the median full render, a load that did not finish counting as the slowest. An odd
 * number of loads, so that the middle one is a load.
 */
function medianLoad(loads: PageTiming[]): PageTiming & { loads: PageTiming[] } {
  if (loads.length % 2 !== 1) throw new Error(`an odd number of Chromium loads is needed, not ${loads.length}`);
  const middle = <T>(sorted: T[]): T => sorted[(sorted.length - 1) / 2]!;
  const last = (ms: number | null) => ms ?? Number.POSITIVE_INFINITY;
  const typical = middle(
    [...loads].sort((a, b) => last(a.usableMs) - last(b.usableMs) || last(a.firstMs) - last(b.firstMs)),
  );
  const firstMs = middle(loads.map((load) => last(load.firstMs)).sort((a, b) => a - b));
  return {
    ...typical,
    firstMs: Number.isFinite(firstMs) ? firstMs : null,
    // the slowest settle: a tab that never got quiet is reported (boardChromium's notes)
    tabSettledMs: Math.max(...loads.map((load) => load.tabSettledMs)),
    loads: loads.length > 1 ? loads : [],
  };
}

/** The web app is served from apps/web/dist: build it (turbo answers from its cache when nothing changed). */
function buildWebApp(ctx: RunContext): void {
  ctx.log("building the web app (turbo; cached when unchanged)");
  const result = spawnSync("npx", ["turbo", "run", "build", "--filter=@crewboard/web", "--output-logs=errors-only"], {
    cwd: REPO_ROOT,
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, TURBO_TELEMETRY_DISABLED: "1" },
  });
  if (result.status !== 0) throw new Error("the web app did not build");
}

function launch(): Promise<Browser> {
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

type PageOptions = Parameters<typeof timePage>[1];

/** One side of the comparison: its server, and the page to load from it once it runs. */
interface Side {
  name: string;
  start(): Promise<ServerProcess>;
  page(server: ServerProcess): Promise<PageOptions>;
  /** one more load after the counted ones, traced (BENCH_CHROMIUM_TRACE) */
  tracePath?: string;
}

/**
 * `ctx.sizes.chromiumLoads` loads of each side, each side's server warmed up by a load first. On
 * PostgreSQL both servers run side by side and the loads take turns (load.ts turnOrder: A B, B A,
 * A B …), as the board page read does: run one side after the other, a slow spell of the host
 * caught one side only (the plain page's full render took 1.08–1.14 s one afternoon against
 * 1.32–1.68 s that morning, while Crewboard's went the other way). The idle server meanwhile does
 * next to nothing (Crewboard's job runner polls the database now and then, during the plain page's
 * loads). Embedded, one process at a time can open the database: one side after the other.
 */
async function loadSides(
  ctx: RunContext,
  browser: Browser,
  sides: readonly [Side, Side],
  capMs: number,
): Promise<[PageTiming[], PageTiming[]]> {
  const loads: [PageTiming[], PageTiming[]] = [[], []];
  const count = ctx.sizes.chromiumLoads;
  // the sides whose servers run at the same time
  const groups: Array<Array<0 | 1>> = ctx.db.kind === "postgresql" ? [[0, 1]] : [[0], [1]];
  for (const group of groups) {
    const servers: ServerProcess[] = [];
    try {
      const pages = new Map<0 | 1, PageOptions>();
      for (const i of group) {
        const server = await sides[i].start();
        servers.push(server);
        pages.set(i, await sides[i].page(server));
      }
      // the server's warm-up (each browser context starts with an empty cache, like a first visit)
      for (const i of group) await timePage(browser, { ...pages.get(i)!, capMs: Math.min(capMs, 20_000) });
      const order = group.length === 2 ? turnOrder(count) : Array<0 | 1>(count).fill(group[0]!);
      ctx.log(
        `${group.map((i) => sides[i].name).join(" and ")}, ${count} loads each${group.length === 2 ? ", in turns" : ""}`,
      );
      for (const i of order) loads[i].push(await timePage(browser, pages.get(i)!));
      // traced apart, not counted: tracing slows the page it records
      for (const i of group) {
        const tracePath = sides[i].tracePath;
        if (tracePath) await timePage(browser, { ...pages.get(i)!, tracePath });
      }
    } finally {
      for (const server of servers) await server.stop();
    }
  }
  return loads;
}

export async function boardChromium(ctx: RunContext): Promise<ScenarioResult> {
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`Chromium is not installed at ${CHROMIUM_PATH} (set CHROMIUM_PATH)`);
  const board = await bigBoard(ctx);
  buildWebApp(ctx);
  const capMs = ctx.sizes.chromiumCapSeconds * 1000;
  const columns = `document.querySelectorAll('[data-testid="board-columns"] .board-column__count')`;
  const crewboardSide: Side = {
    name: `Crewboard: the ${board.total}-task board in Chromium (stopping after ${ctx.sizes.chromiumCapSeconds} s)`,
    start: () => ctx.crewboard(),
    async page(server) {
      const manager = await ctx.session(server.url, STAFF_ACCOUNTS[0]!);
      const [name, value] = manager.cookie.split("=") as [string, string];
      return {
        url: `${server.url}/board`,
        cookie: { name, value },
        cardSelector: ".board-card",
        complete: `() => { const c = ${columns}; let n = 0; for (const e of c) n += Number(e.textContent); return c.length === 5 && n === ${board.total}; }`,
        countScript: `(() => { let n = 0; for (const e of ${columns}) n += Number(e.textContent); return { cards: document.querySelectorAll(".board-card").length, shown: n }; })()`,
        capMs,
      };
    },
    tracePath: CHROMIUM_TRACE,
  };
  const plainSide: Side = {
    name: "plain page: the same rows",
    start: () => ctx.baseline("bare-db-server", true),
    page: async (server) => ({
      url: `${server.url}/board/plain`,
      cardSelector: ".plain-card",
      complete: `() => document.querySelectorAll(".plain-card").length === ${board.total}`,
      countScript: `({ cards: document.querySelectorAll(".plain-card").length, shown: document.querySelectorAll(".plain-card").length })`,
      capMs,
    }),
  };
  const browser = await launch();
  let crewboard: ReturnType<typeof medianLoad>;
  let plain: ReturnType<typeof medianLoad>;
  try {
    const [crewboardLoads, plainLoads] = await loadSides(ctx, browser, [crewboardSide, plainSide], capMs);
    crewboard = medianLoad(crewboardLoads);
    plain = medianLoad(plainLoads);
  } finally {
    await browser.close();
  }

  const count = board.total.toLocaleString("en");
  const cap = ctx.sizes.chromiumCapSeconds;
  const rows: Row[] = [];
  const firstRatio = crewboard.firstMs !== null && plain.firstMs ? crewboard.firstMs / plain.firstMs : Number.NaN;
  rows.push({
    scenario: `${count}-task board in Chromium: first cards`,
    crewboard: crewboard.firstMs !== null ? ms(crewboard.firstMs) : `no card in ${cap} s`,
    baseline: `plain page, first rows: ${plain.firstMs !== null ? ms(plain.firstMs) : "—"}`,
    ratio: Number.isFinite(firstRatio) ? round(firstRatio, 3) : null,
    ...(crewboard.firstMs === null && plain.firstMs
      ? { ratioText: `> ${((cap * 1000) / plain.firstMs).toFixed(0)}×` }
      : {}),
    target: ratioAtMost(firstRatio, 2),
  });
  const fullBase = plain.usableMs;
  const usableRatio = crewboard.usableMs !== null && fullBase ? crewboard.usableMs / fullBase : Number.NaN;
  const unfinished =
    `did not finish (stopped after ${cap} s; ${crewboard.shownCount ?? "?"} of ${board.total} tasks in the columns, ` +
    `${crewboard.cardsInDom ?? "?"} cards on screen, JS heap ${crewboard.jsHeapBytes !== null ? mib(crewboard.jsHeapBytes) : "?"})`;
  rows.push({
    scenario: `${count}-task board in Chromium: every lane usable`,
    crewboard: crewboard.finished
      ? `${ms(crewboard.usableMs!)} (JS heap ${crewboard.jsHeapBytes !== null ? mib(crewboard.jsHeapBytes) : "?"})`
      : unfinished,
    baseline: `plain page, full render: ${fullBase !== null ? ms(fullBase) : "did not finish"}`,
    ratio: Number.isFinite(usableRatio) ? round(usableRatio, 3) : null,
    ...(!crewboard.finished && fullBase ? { ratioText: `> ${((cap * 1000) / fullBase).toFixed(0)}×` } : {}),
    target: ratioAtMost(usableRatio, 2),
  });
  const notes: string[] = [];
  if (!plain.finished) notes.push("the plain page did not finish either: the baseline is not valid");
  const each = (loads: PageTiming[]) =>
    loads
      .map((l) => `${l.firstMs !== null ? ms(l.firstMs) : "—"}/${l.usableMs !== null ? ms(l.usableMs) : "—"}`)
      .join(", ");
  if (crewboard.loads.length)
    notes.push(
      `the median of ${crewboard.loads.length} loads each${ctx.db.kind === "postgresql" ? ", the two servers' loads in turns" : ""}; first cards/every lane usable: ${each(crewboard.loads)} (Crewboard), first rows/full render: ${each(plain.loads)} (plain page)`,
    );
  notes.push(
    `each new tab settled before its navigation: at most ${ms(crewboard.tabSettledMs)} (Crewboard), ${ms(plain.tabSettledMs)} (plain page)` +
      (Math.max(crewboard.tabSettledMs, plain.tabSettledMs) >= 5000
        ? "; one never got quiet (stopped waiting at 5 s)"
        : ""),
  );
  return {
    id: "board-chromium",
    title: `the same ${count}-task board in Chromium`,
    rows,
    figures: { crewboard, baseline: plain, board },
    notes,
  };
}
