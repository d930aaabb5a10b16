// Journey 9.1 (shared/JOURNEYS.md), an administrator's morning, in a real browser: the admin adds
// a client company and its first client user (a one-time password, shown once), with the keyboard
// alone; deactivates a crew member who left, whose open session in another browser ends at once
// (the next request is refused and the socket closes); filters the audit log to the last week of
// health-data reads and downloads it as CSV. Then the new client user signs in with the one-time
// password, must choose a password, and lands on the client portal. axe on every admin screen in
// Japanese and English.
import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import {
  apiSession,
  axeScan,
  describeBrowser,
  formatViolations,
  openPage,
  signIn,
  switchLanguage,
  type Page,
  useServerAndBrowser,
} from "./harness.ts";

/** A busy 2-core machine: waiting expectations get time. */
const WAIT = { timeout: 15_000 };
const COMPANY = "株式会社あおば会計";
const COMPANY_EN = "Aoba Accounting Co., Ltd.";
const CLIENT_NAME = "青葉 さくら";
const CLIENT_EMAIL = "sakura.aoba@aoba-kaikei.example";
const NEW_PASSWORD = "あおばの新しいパスワード 2026";

async function expectNoViolations(page: Page, what: string): Promise<void> {
  const violations = await axeScan(page);
  expect(violations, `${what}\n${formatViolations(violations)}`).toEqual([]);
}

const activeId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? "");
const activeText = (page: Page) => page.evaluate(() => document.activeElement?.textContent?.trim() ?? "");

/** Presses Tab until the focused element satisfies `pred` (the keyboard alone; fails if it never does). */
async function tabUntil(page: Page, pred: () => Promise<boolean>, what: string, max = 60): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await pred()) return;
    await page.keyboard.press("Tab");
  }
  throw new Error(`Tab never reached ${what}`);
}

describeBrowser("journey 9.1: an administrator's morning", () => {
  const e2e = useServerAndBrowser();

  it("adds a client company and its first client user by keyboard, deactivates a crew member who left, exports health-data reads; the new user chooses a password", async () => {
    // crew6 left yesterday but is still signed in on the office PC, with the live connection open.
    const crew = await openPage(e2e.browser, e2e.server);
    const sockets: { closed: boolean }[] = [];
    crew.page.on("websocket", (ws) => {
      const state = { closed: false };
      sockets.push(state);
      ws.on("close", () => (state.closed = true));
    });
    await signIn(crew.page, "crew6");
    await expect.poll(() => sockets.filter((s) => !s.closed).length, WAIT).toBeGreaterThan(0);

    // manager1 read crew3's check-ins and accommodations this morning (health-data reads).
    const manager = await apiSession(e2e.server, "manager1");
    const crew3 = await e2e.server.db.prisma.user.findUniqueOrThrow({ where: { email: "crew3@crewboard.example" } });
    await manager.call("GET", `/check-ins?userId=${crew3.id}`);
    await manager.call("GET", `/users/${crew3.id}/accommodations`);

    const { context, page } = await openPage(e2e.browser, e2e.server);
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    await signIn(page, "admin");
    await page.getByRole("navigation", { name: "メインメニュー" }).getByRole("link", { name: "管理" }).click();
    await page.waitForURL("**/admin/users");
    await page.getByRole("heading", { level: 1, name: "ユーザーの管理" }).waitFor();
    await page.getByRole("table").waitFor();
    await expectNoViolations(page, "users (ja)");

    // 1. a client company
    await page
      .getByRole("navigation", { name: "管理メニュー" })
      .getByRole("link", { name: "クライアント企業" })
      .click();
    await page.getByRole("heading", { level: 1, name: "クライアント企業の管理" }).waitFor();
    await page.getByRole("button", { name: "クライアント企業を追加する" }).click();
    const companyDialog = page.getByRole("dialog", { name: "クライアント企業を追加する" });
    await companyDialog.waitFor();
    await expectNoViolations(page, "add a company (ja)");
    await companyDialog.getByRole("textbox", { name: /^会社名/ }).fill(COMPANY);
    await companyDialog.getByRole("textbox", { name: /^英語の会社名/ }).fill(COMPANY_EN);
    await companyDialog.getByRole("button", { name: "追加する" }).click();
    await expect
      .poll(() => page.getByTestId("admin-status").textContent(), WAIT)
      .toContain(`${COMPANY} を追加しました。`);
    await page.getByRole("link", { name: COMPANY }).click();
    await page.getByRole("heading", { level: 1, name: COMPANY }).waitFor();
    await expectNoViolations(page, "company page (ja)");

    // 2. its first client user, with the keyboard alone
    await tabUntil(page, async () => (await activeText(page)) === "お客様ユーザーを追加する", "the add-user button");
    await page.keyboard.press("Enter");
    const form = page.getByRole("dialog", { name: `${COMPANY} のお客様ユーザーを追加する` });
    await form.waitFor();
    // nothing filled in: the errors name the fields, are linked to them, and focus goes to the first
    await tabUntil(page, async () => (await activeText(page)) === "追加する", "the submit button");
    await page.keyboard.press("Enter");
    await expect.poll(() => activeId(page), WAIT).toBe("user-form-name");
    const name = form.getByRole("textbox", { name: /^名前/ });
    expect(await name.getAttribute("aria-invalid")).toBe("true");
    expect(await name.getAttribute("aria-describedby")).toContain("user-form-name-error");
    expect(await form.locator("#user-form-name-error").textContent()).toContain(
      "名前を 100 文字以内で入力してください。",
    );
    expect(await form.getByRole("alert").first().textContent()).toContain("2 か所に問題があります。");
    await expectNoViolations(page, "add a client user, with errors (ja)");
    await page.keyboard.type(CLIENT_NAME);
    await page.keyboard.press("Tab");
    await expect.poll(() => activeId(page), WAIT).toBe("user-form-email");
    await page.keyboard.type(CLIENT_EMAIL);
    await tabUntil(page, async () => (await activeText(page)) === "追加する", "the submit button");
    await page.keyboard.press("Enter");

    const otpDialog = page.getByRole("alertdialog", { name: "仮のパスワード" });
    await otpDialog.waitFor(WAIT);
    const oneTimePassword = (await otpDialog.getByTestId("one-time-password-value").textContent())!.trim();
    expect(oneTimePassword).toMatch(/^[A-HJKMNP-Z2-9]{4}(-[A-HJKMNP-Z2-9]{4}){3}$/);
    // announced when it opens: its description is the warning and the password itself
    expect(await otpDialog.getAttribute("aria-describedby")).toBe("otp-for otp-warning otp-value");
    await expect
      .poll(() => page.evaluate(() => Boolean(document.activeElement?.closest("[role=alertdialog]"))), WAIT)
      .toBe(true);
    await expectNoViolations(page, "one-time password (ja)");
    // it stays until dismissed: Escape does not close it (the copy button inside it is still there to use)
    await page.keyboard.press("Escape");
    await tabUntil(page, async () => (await activeText(page)) === "パスワードをコピー", "the copy button");
    await page.keyboard.press("Enter");
    await expect.poll(() => otpDialog.getByRole("status").textContent(), WAIT).toBe("コピーしました。");
    expect(await otpDialog.count()).toBe(1);
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(oneTimePassword);
    await tabUntil(page, async () => (await activeText(page)).startsWith("伝え方を確認しました"), "the done button");
    await page.keyboard.press("Enter");
    await expect.poll(() => otpDialog.count(), WAIT).toBe(0);
    // focus is back on the button that opened the form
    await expect.poll(() => activeText(page), WAIT).toBe("お客様ユーザーを追加する");
    await page.getByTestId(`admin-user-${CLIENT_EMAIL}`).waitFor(WAIT);
    expect(await page.getByTestId(`admin-user-${CLIENT_EMAIL}`).textContent()).toContain("初回ログイン待ち");
    // the password is nowhere on the page any more
    expect(await page.content()).not.toContain(oneTimePassword);

    // 3. crew6 left: deactivate
    await page.getByRole("navigation", { name: "管理メニュー" }).getByRole("link", { name: "ユーザー" }).click();
    await page.getByRole("heading", { level: 1, name: "ユーザーの管理" }).waitFor();
    await page.getByLabel("名前・メールアドレスで検索").fill("crew6@");
    await page.getByRole("button", { name: "絞り込む" }).click();
    await page.waitForURL(/q=crew6/);
    const crew6 = await e2e.server.db.prisma.user.findUniqueOrThrow({ where: { email: "crew6@crewboard.example" } });
    await page.getByRole("button", { name: `${crew6.name} さんを無効にする` }).click();
    const confirm = page.getByRole("alertdialog", { name: `${crew6.name} さんを無効にしますか？` });
    await confirm.waitFor();
    await expectNoViolations(page, "confirm deactivation (ja)");
    await confirm.getByRole("button", { name: "無効にする" }).click();
    await expect
      .poll(() => page.getByTestId("admin-status").textContent(), WAIT)
      .toContain(`${crew6.name} さんを無効にしました。`);
    await expect.poll(() => activeText(page), WAIT).toBe("有効にする");
    // their open session: the socket is closed at once, the next request is refused, the app signs them out
    await expect.poll(() => sockets.length > 0 && sockets.every((s) => s.closed), WAIT).toBe(true);
    expect(await crew.page.evaluate(() => fetch("/api/v1/me").then((r) => r.status))).toBe(401);
    await crew.page.waitForURL("**/sign-in", { timeout: 30_000 });
    await crew.context.close();

    // 3b. issue 15: crew6's data is exported, then their personal data erased (type the name to confirm)
    const [personal] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: `${crew6.name} さんのデータを書き出す（JSON）` }).click(),
    ]);
    expect(personal.suggestedFilename()).toMatch(/^crewboard-personal-data-[0-9a-f]{8}-\d{8}-\d{4}\.json$/);
    expect(JSON.parse(readFileSync((await personal.path())!, "utf8")).person.email).toBe("crew6@crewboard.example");
    await page.getByRole("button", { name: `${crew6.name} さんの個人情報を消去する` }).click();
    const erase = page.getByRole("alertdialog", { name: `${crew6.name} さんの個人情報を消去しますか？` });
    await erase.waitFor();
    const nameField = erase.getByLabel(`確認のため、名前「${crew6.name}」を入力してください`);
    await expect.poll(() => nameField.evaluate((el) => el === document.activeElement), WAIT).toBe(true);
    await expectNoViolations(page, "confirm erasure (ja)");
    await nameField.fill("別の名前");
    await erase.getByRole("button", { name: "消去する" }).click();
    await erase.getByText("入力した名前が一致しません。").waitFor();
    expect(await e2e.server.db.prisma.user.count({ where: { id: crew6.id, erasedAt: { not: null } } })).toBe(0);
    await nameField.fill(crew6.name);
    await page.keyboard.press("Enter");
    await expect
      .poll(() => page.getByTestId("admin-status").textContent(), WAIT)
      .toContain(`${crew6.name} さんの個人情報を消去しました。`);
    await expect.poll(() => page.evaluate(() => document.activeElement?.id), WAIT).toBe("admin-status");
    const erased = await e2e.server.db.prisma.user.findUniqueOrThrow({ where: { id: crew6.id } });
    expect(erased).toMatchObject({ name: "退職したメンバー", email: `erased-${crew6.id}@erased.invalid` });

    // 4. the last week of health-data reads, as CSV
    await page
      .getByRole("navigation", { name: "管理メニュー" })
      .getByRole("link", { name: "操作履歴（監査ログ）" })
      .click();
    await page.getByRole("heading", { level: 1, name: "操作履歴（監査ログ）" }).waitFor();
    await page.getByTestId("audit-table").waitFor(WAIT);
    await expectNoViolations(page, "audit log (ja)");
    await page.getByLabel("操作", { exact: true }).selectOption({ label: "体調・合理的配慮の閲覧" });
    await page.getByRole("button", { name: "直近 1 週間にする" }).click();
    await page.getByRole("button", { name: "絞り込む" }).click();
    await page.waitForURL(/action=health_reads/);
    await expect
      .poll(
        async () =>
          [
            ...new Set(
              await page.getByTestId("audit-row").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-action"))),
            ),
          ].sort(),
        WAIT,
      )
      .toEqual(["accommodation.read", "check_in.read"]);
    const rows = page.getByTestId("audit-row");
    // the manager's reads are there; the newest rows are this administrator's own export of crew6 (3b)
    const rowTexts = await rows.allTextContents();
    expect(rowTexts.some((t) => t.includes("高橋 真理子") && t.includes("check_in.read"))).toBe(true);
    expect(rowTexts.some((t) => t.includes("personal_data_export"))).toBe(true);

    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("audit-export").click()]);
    expect(download.suggestedFilename()).toMatch(/^crewboard-audit-log-\d{8}-\d{4}\.csv$/);
    const bytes = readFileSync((await download.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString("utf8").split("\r\n").filter(Boolean);
    expect(lines[0]).toBe(
      "日時（日本時間）,日時（UTC）,操作した人,操作した人のID,操作,対象の種類,対象のID,IPアドレス,ブラウザ,詳細",
    );
    const body = lines.slice(1);
    expect(body.length).toBe(await rows.count());
    for (const line of body) expect(line).toMatch(/,(check_in\.read|accommodation\.read),/);
    expect(body.some((l) => l.includes(",check_in.read,") && l.includes("高橋 真理子"))).toBe(true);
    expect(body.some((l) => l.includes(",accommodation.read,") && l.includes(crew3.id))).toBe(true);
    // the export is itself recorded
    await expect
      .poll(() => e2e.server.db.prisma.auditEvent.count({ where: { action: "audit_log.export" } }), WAIT)
      .toBe(1);
    await context.close();

    // 5. the new client user signs in with the one-time password and must choose their own
    const client = await openPage(e2e.browser, e2e.server);
    await signIn(client.page, CLIENT_EMAIL, oneTimePassword.toLowerCase());
    await client.page.waitForURL("**/settings/password");
    await client.page.getByRole("heading", { level: 1, name: "新しいパスワードを決めてください" }).waitFor();
    // nothing else is open yet: the menu is hidden and other screens lead back here
    expect(await client.page.getByRole("navigation", { name: "メインメニュー" }).count()).toBe(0);
    await expectNoViolations(client.page, "choose a new password (ja)");
    await client.page.goto("/client");
    await client.page.waitForURL("**/settings/password");
    await client.page.getByLabel("受け取った仮のパスワード").fill(oneTimePassword);
    await client.page.getByLabel("新しいパスワード").fill(NEW_PASSWORD);
    await client.page.getByRole("button", { name: "パスワードを変更する" }).click();
    await client.page.waitForURL("**/client");
    await client.page.getByRole("heading", { level: 1, name: "ご依頼の一覧" }).waitFor();
    await expect
      .poll(() => client.page.getByTestId("announcer-polite").textContent(), WAIT)
      .toContain("パスワードを変更しました。");
    await client.context.close();

    // and the new password is the one that works from now on
    const again = await openPage(e2e.browser, e2e.server);
    await signIn(again.page, CLIENT_EMAIL, NEW_PASSWORD);
    await again.page.waitForURL("**/client");
    await again.context.close();
  });

  it("every admin screen passes axe in English, with its dialogs open", async () => {
    const { context, page } = await openPage(e2e.browser, e2e.server, { locale: "en" });
    await signIn(page, "admin");
    await page.evaluate(() => undefined);
    // the admin's saved language is Japanese: switch to English in Settings (applied on request)
    await switchLanguage(page, "en");

    await page.goto("/admin");
    await page.waitForURL("**/admin/users");
    await page.getByRole("heading", { level: 1, name: "Users" }).waitFor();
    await page.getByRole("table").waitFor();
    await expectNoViolations(page, "users (en)");
    await page.getByRole("button", { name: "Add a user" }).click();
    const dialog = page.getByRole("dialog", { name: "Add a user" });
    await dialog.waitFor();
    await expectNoViolations(page, "add a user (en)");
    // a crew member has a team and a work style; a manager has no work style
    await dialog.getByLabel("Manager").check();
    expect(await dialog.getByRole("group", { name: "Work style" }).count()).toBe(0);
    await dialog.getByRole("button", { name: "Cancel" }).first().click();
    await expect.poll(() => activeText(page), WAIT).toBe("Add a user");

    const crew1 = await e2e.server.db.prisma.user.findUniqueOrThrow({ where: { email: "crew1@crewboard.example" } });
    await page.getByRole("button", { name: `Reset the password of ${crew1.name}` }).click();
    await page.getByRole("alertdialog", { name: `Reset the password of ${crew1.name}?` }).waitFor();
    await expectNoViolations(page, "confirm a password reset (en)");
    await page.getByRole("button", { name: "Cancel" }).click();

    await page
      .getByRole("navigation", { name: "Administration menu" })
      .getByRole("link", { name: "Client companies" })
      .click();
    await page.getByRole("heading", { level: 1, name: "Client companies" }).waitFor();
    await page.getByRole("table").waitFor();
    await expectNoViolations(page, "client companies (en)");
    await page.getByRole("link", { name: "株式会社さくら商事" }).click();
    await page.getByRole("heading", { level: 1, name: "株式会社さくら商事" }).waitFor();
    await page.getByRole("table").waitFor();
    await expectNoViolations(page, "company page (en)");
    // issue 15: the company's data at the end of its contract
    const [companyData] = await Promise.all([
      page.waitForEvent("download"),
      page.getByTestId("company-export").click(),
    ]);
    expect(companyData.suggestedFilename()).toMatch(/^crewboard-company-data-[0-9a-f]{8}-\d{8}-\d{4}\.json$/);
    expect(JSON.parse(readFileSync((await companyData.path())!, "utf8")).company.name).toBe("株式会社さくら商事");

    await page
      .getByRole("navigation", { name: "Administration menu" })
      .getByRole("link", { name: "Audit log" })
      .click();
    await page.getByRole("heading", { level: 1, name: "Audit log" }).waitFor();
    await page.getByTestId("audit-table").waitFor(WAIT);
    await expectNoViolations(page, "audit log (en)");
    // an end date before the start date is refused next to the field, in English
    await page.getByLabel("From", { exact: true }).fill("2026-11-20");
    await page.getByLabel("To", { exact: true }).fill("2026-11-10");
    await page.getByRole("button", { name: "Apply filters" }).click();
    await expect
      .poll(() => page.getByText("The end date must be the same as or after the start date.").count(), WAIT)
      .toBe(1);
    await expectNoViolations(page, "audit log with an error (en)");

    await page.goto("/settings/password");
    await page.getByRole("heading", { level: 1, name: "Change your password" }).waitFor();
    await expectNoViolations(page, "change password (en)");
    await context.close();
  });

  it("keeps other roles out of /admin", async () => {
    const { context, page } = await openPage(e2e.browser, e2e.server);
    await signIn(page, "manager1");
    expect(
      await page.getByRole("navigation", { name: "メインメニュー" }).getByRole("link", { name: "管理" }).count(),
    ).toBe(0);
    await page.goto("/admin/audit-log");
    await page.waitForURL("**/board");
    await context.close();
  });
});
