// The lint rules that hold the architecture (eslint.config.js) catch what they claim to, and let
// through what they claim to allow: each case lints a few lines as if they were a file at that path.
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import { ESLint } from "eslint";
import { beforeAll, describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: ROOT });
});

/** The rules that fire for `code` as the file `path` (relative to the repository root). */
async function rulesFor(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(ROOT, path) });
  const messages = result?.messages ?? [];
  // a parse error or an ignored file would make every "allowed" case pass for the wrong reason
  expect(
    messages.filter((m) => m.fatal || m.ruleId === null),
    path,
  ).toEqual([]);
  return messages.map((m) => m.ruleId ?? "");
}

const IMPORTS = "@typescript-eslint/no-restricted-imports";
const ROLE_CHECK = "no-restricted-syntax";
const ENV = "no-restricted-properties";

describe("which package may import which", () => {
  it.each([
    ["apps/web/src/probe.ts", `import { openDatabase } from "@crewboard/db";\nvoid openDatabase;`],
    ["apps/web/src/probe.ts", `import { createApp } from "@crewboard/server/app";\nvoid createApp;`],
    ["apps/web/src/probe.ts", `import { routes } from "@crewboard/contracts";\nvoid routes;`],
    ["apps/web/src/probe.ts", `import { readFileSync } from "node:fs";\nvoid readFileSync;`],
    ["packages/domain/src/probe.ts", `import { z } from "zod";\nvoid z;`],
    ["packages/domain/src/probe.test.ts", `import { z } from "zod";\nvoid z;`],
    ["packages/contracts/src/probe.ts", `import { openDatabase } from "@crewboard/db";\nvoid openDatabase;`],
    ["packages/db/src/probe.ts", `import { routes } from "@crewboard/contracts";\nvoid routes;`],
    ["apps/server/src/probe.ts", `import { checkBundle } from "@crewboard/web/check-bundle";\nvoid checkBundle;`],
    ["apps/server/src/probe.ts", `import { PrismaClient } from "@prisma/client";\nvoid PrismaClient;`],
    [
      "apps/server/src/probe.ts",
      `import { PrismaClient } from "../../../packages/db/src/generated/prisma/client.ts";\nvoid PrismaClient;`,
    ],
    ["apps/e2e/src/probe.ts", `import { createApp } from "../../server/src/app.ts";\nvoid createApp;`],
    ["bench/src/probe.ts", `import { createApp } from "@crewboard/server/app";\nvoid createApp;`],
  ])("refuses in %s: %s", async (path, code) => {
    expect(await rulesFor(path, code)).toContain(IMPORTS);
  });

  it.each([
    [
      "apps/web/src/probe.ts",
      `import type { WorkOrder } from "@crewboard/contracts";\nimport { rooms } from "@crewboard/domain";\nexport type W = WorkOrder;\nvoid rooms;`,
    ],
    ["apps/web/src/probe.test.ts", `import { readFileSync } from "node:fs";\nvoid readFileSync;`],
    ["packages/domain/src/probe.ts", `import { ROLES } from "./roles.ts";\nvoid ROLES;`],
    [
      "packages/domain/src/probe.test.ts",
      `import { it } from "vitest";\nimport fc from "fast-check";\nvoid it;\nvoid fc;`,
    ],
    [
      "packages/contracts/src/probe.ts",
      `import { ROLES } from "@crewboard/domain";\nimport { z } from "zod";\nvoid ROLES;\nvoid z;`,
    ],
    [
      "packages/db/src/probe.ts",
      `import { PrismaPg } from "@prisma/adapter-pg";\nimport { ROLES } from "@crewboard/domain";\nvoid PrismaPg;\nvoid ROLES;`,
    ],
    [
      "apps/e2e/src/probe.ts",
      `import { createApp } from "@crewboard/server/app";\nimport { openTestDatabase } from "@crewboard/db/testing";\nvoid createApp;\nvoid openTestDatabase;`,
    ],
  ])("allows in %s: %s", async (path, code) => {
    expect(await rulesFor(path, code)).not.toContain(IMPORTS);
  });
});

describe("the environment is read in apps/server/src/env.ts", () => {
  it("refuses process.env in server code and in the web app", async () => {
    expect(await rulesFor("apps/server/src/modules/probe.ts", "export const port = process.env.PORT;")).toContain(ENV);
    expect(await rulesFor("packages/db/src/probe.ts", "export const url = process.env.DATABASE_URL;")).toContain(ENV);
  });

  it("allows it in env.ts and in the listed tooling", async () => {
    expect(await rulesFor("apps/server/src/env.ts", "export const port = process.env.PORT;")).not.toContain(ENV);
    expect(
      await rulesFor("apps/server/src/test/probe.ts", "export const url = process.env.TEST_DATABASE_URL;"),
    ).not.toContain(ENV);
    expect(
      await rulesFor("packages/db/src/scripts/probe.ts", "export const url = process.env.DATABASE_URL;"),
    ).not.toContain(ENV);
  });
});

describe("roles are compared only by the access policy", () => {
  it.each([
    `export const f = (user: { role: string }) => user.role === "admin";`,
    `export const f = (who: { role: string }) => "client" !== who.role;`,
    `export const f = (role: string) => role == "crew";`,
    `export const f = (user: { role: string }) => ["admin", "manager"].includes(user.role);`,
    `export const f = (role: string, staff: Set<string>) => staff.has(role);`,
  ])("refuses %s outside the policy", async (code) => {
    expect(await rulesFor("apps/server/src/modules/probe.ts", code)).toContain(ROLE_CHECK);
    expect(await rulesFor("apps/web/src/features/probe.ts", code)).toContain(ROLE_CHECK);
  });

  it("allows them in the policy and in tests, and a switch over every role anywhere", async () => {
    const check = `export const f = (user: { role: string }) => user.role === "admin";`;
    expect(await rulesFor("packages/domain/src/policy/probe.ts", check)).not.toContain(ROLE_CHECK);
    expect(await rulesFor("apps/server/src/modules/probe.test.ts", check)).not.toContain(ROLE_CHECK);
    const table = `export function home(role: "admin" | "crew") {\n  switch (role) {\n    case "admin":\n      return "/board";\n    case "crew":\n      return "/my-day";\n  }\n}`;
    expect(await rulesFor("apps/web/src/app/probe.ts", table)).not.toContain(ROLE_CHECK);
  });
});

describe("disables and hooks", () => {
  it("asks every eslint-disable for its reason", async () => {
    const bare = "// eslint-disable-next-line no-restricted-properties\nexport const port = process.env.PORT;";
    expect(await rulesFor("apps/server/src/modules/probe.ts", bare)).toEqual([
      "@eslint-community/eslint-comments/require-description",
    ]);
    const explained =
      "// eslint-disable-next-line no-restricted-properties -- a probe\nexport const port = process.env.PORT;";
    expect(await rulesFor("apps/server/src/modules/probe.ts", explained)).toEqual([]);
  });

  it("reports a disable that disables nothing", async () => {
    const dead =
      "// eslint-disable-next-line no-restricted-properties -- nothing to disable\nexport const port = 3000;";
    const [result] = await eslint.lintText(dead, { filePath: join(ROOT, "apps/server/src/modules/probe.ts") });
    expect(result?.messages.map((m) => m.message).join("\n")).toMatch(/Unused eslint-disable directive/);
  });

  it("holds the rules of hooks in the web app", async () => {
    const missingDependency = `import { useEffect } from "react";\nexport function useTitle(title: string) {\n  useEffect(() => {\n    document.title = title;\n  }, []);\n}`;
    expect(await rulesFor("apps/web/src/ui/probe.ts", missingDependency)).toContain("react-hooks/exhaustive-deps");
  });
});
