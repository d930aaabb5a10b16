// Takes the README's screenshots of a running Crewboard (demo data) in real Chromium.
//   npm start                                          # in one terminal (or any running instance)
//   npm run screenshots -w @crewboard/e2e -- http://localhost:3000
// Writes docs/screenshots/*.png. Japanese text needs a CJK font (Debian: fonts-noto-cjk).
import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { chromium, type Browser } from "playwright-core";

const baseURL = process.argv[2] ?? "http://localhost:3000";
const outDir = fileURLToPath(new URL("../../../docs/screenshots/", import.meta.url));
mkdirSync(outDir, { recursive: true });

interface Shot {
  file: string;
  account: string | null;
  path: string;
  locale: "ja" | "en";
  viewport?: { width: number; height: number };
  /** a person's setting turned on first, through Settings as they would (easy-read Japanese) */
  easyRead?: boolean;
}

const SHOTS: Shot[] = [
  { file: "sign-in.png", account: null, path: "/sign-in", locale: "ja" },
  { file: "board-manager.png", account: "manager1", path: "/board", locale: "ja" },
  { file: "crew-overview.png", account: "manager1", path: "/crew", locale: "ja" },
  { file: "my-day-crew.png", account: "crew3", path: "/my-day", locale: "ja" },
  {
    file: "my-day-phone-en.png",
    account: "crew8",
    path: "/my-day",
    locale: "en",
    viewport: { width: 390, height: 844 },
  },
  { file: "my-day-easy-read.png", account: "crew1", path: "/my-day", locale: "ja", easyRead: true },
  { file: "client-portal.png", account: "client-a1", path: "/client", locale: "ja" },
  { file: "client-report.png", account: "client-a1", path: "/reports", locale: "ja" },
  { file: "client-portal-en.png", account: "client-b2", path: "/client", locale: "en" },
  { file: "chat.png", account: "crew3", path: "/chat", locale: "ja" },
  { file: "settings-en.png", account: "crew8", path: "/settings", locale: "en" },
  { file: "admin-users.png", account: "admin", path: "/admin/users", locale: "ja" },
  { file: "admin-audit-log.png", account: "admin", path: "/admin/audit-log?action=health_reads", locale: "ja" },
];

async function take(browser: Browser, shot: Shot): Promise<void> {
  const context = await browser.newContext({
    baseURL,
    locale: shot.locale === "en" ? "en-GB" : "ja-JP",
    timezoneId: "Asia/Tokyo",
    viewport: shot.viewport ?? { width: 1280, height: 860 },
  });
  const page = await context.newPage();
  if (shot.account) {
    await page.goto("/sign-in");
    await page.locator('input[name="email"]').fill(`${shot.account}@crewboard.example`);
    await page.locator('input[name="password"]').fill("crewboard-demo");
    await page.locator('form button[type="submit"]').click();
    await page.waitForURL((url) => !url.pathname.startsWith("/sign-in"));
  }
  if (shot.easyRead) {
    await page.goto("/settings");
    await page.getByLabel("やさしい日本語で表示する").check();
    await page.getByRole("button", { name: "表示を切り替える" }).click();
    await page.waitForTimeout(800);
  }
  await page.goto(shot.path);
  await page.locator("main h1").first().waitFor();
  await page.waitForLoadState("networkidle").catch(() => undefined);
  await page.waitForTimeout(800); // live data and fonts settle
  await page.screenshot({ path: `${outDir}${shot.file}`, fullPage: false });
  console.log(`docs/screenshots/${shot.file}`);
  await context.close();
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
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
for (const shot of SHOTS) await take(browser, shot);
await browser.close();
