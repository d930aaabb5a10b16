// Each screen's words load with the screen (app/lazy-screen.ts): a route lists the features whose
// messages it needs. This checks, from the source, that the list is complete: every message key
// that a screen's code uses (following its imports, static and lazy) is either in the common
// catalogue or in one of the listed features. And the shell (everything the first load imports
// statically) uses common keys only. A missing feature would show raw keys on screen.
import { readFileSync, existsSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { commonJa } from "./ja.ts";
import { featureMessages, featureNames, type FeatureName } from "./features.ts";

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), "..");

const featureKeys = Object.fromEntries(
  await Promise.all(
    featureNames.map(async (name) => [name, new Set(Object.keys((await featureMessages[name]()).ja))] as const),
  ),
) as Record<FeatureName, Set<string>>;
const commonKeys = new Set(Object.keys(commonJa));
const allKeys = new Set([...commonKeys, ...featureNames.flatMap((name) => [...featureKeys[name]])]);

/** Catalogue files and the i18n layer itself hold every key by design: not "uses". */
const isCatalogue = (file: string) => /(^|\/)(shell-)?messages\.ts$/.test(file) || file.startsWith("i18n/");

function resolveImport(from: string, specifier: string): string | undefined {
  const base = resolve(dirname(join(SRC, from)), specifier);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`]) {
    if (/\.tsx?$/.test(candidate) && existsSync(candidate)) return relative(SRC, candidate);
  }
  return undefined;
}

function importsOf(file: string, lazyToo: boolean): string[] {
  const source = readFileSync(join(SRC, file), "utf8");
  const specifiers = [
    ...[...source.matchAll(/(?:from|import)\s+"(\.[^"]+)"/g)].map((m) => m[1]!),
    ...(lazyToo ? [...source.matchAll(/import\(\s*"(\.[^"]+)"\s*\)/g)].map((m) => m[1]!) : []),
  ];
  return specifiers.map((s) => resolveImport(file, s)).filter((f): f is string => f !== undefined && !isCatalogue(f));
}

function closure(start: string, lazyToo: boolean): Set<string> {
  const seen = new Set<string>();
  const todo = [start];
  while (todo.length > 0) {
    const file = todo.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    todo.push(...importsOf(file, lazyToo));
  }
  return seen;
}

/** The keys a file uses: string literals that are keys (or plural bases), and `prefix.${…}` templates. */
function keysUsedIn(file: string): { keys: string[]; prefixes: string[] } {
  const source = readFileSync(join(SRC, file), "utf8");
  const keys = [...source.matchAll(/(["'`])([A-Za-z][\w-]*(?:\.[\w-]+)+)\1/g)]
    .map((m) => m[2]!)
    .flatMap((literal) =>
      allKeys.has(literal) ? [literal] : allKeys.has(`${literal}.other`) ? [`${literal}.one`, `${literal}.other`] : [],
    );
  const prefixes = [...source.matchAll(/`([A-Za-z]\w*(?:\.\w+)*\.)\$\{/g)].map((m) => m[1]!);
  return { keys, prefixes };
}

function missingFor(files: Iterable<string>, available: Set<string>): string[] {
  const missing = new Set<string>();
  for (const file of files) {
    const { keys, prefixes } = keysUsedIn(file);
    for (const key of keys) if (!available.has(key)) missing.add(`${key} (${file})`);
    for (const prefix of prefixes) {
      for (const key of allKeys)
        if (key.startsWith(prefix) && !available.has(key)) missing.add(`${prefix}\${…} → ${key} (${file})`);
    }
  }
  return [...missing].sort();
}

/** The routes' screens, as app/App.tsx declares them: lazyScreen(() => import("…"), ["feature", …]). */
const appSource = readFileSync(join(SRC, "app/App.tsx"), "utf8");
const screens = [...appSource.matchAll(/lazyScreen\(\s*\(\)\s*=>\s*import\("([^"]+)"\),\s*\[([^\]]*)\]/g)].map((m) => ({
  file: resolveImport("app/App.tsx", m[1]!)!,
  features: [...m[2]!.matchAll(/"(\w+)"/g)].map((f) => f[1] as FeatureName),
}));

describe("each screen's words load with the screen", () => {
  it("finds the routes' screens", () => {
    expect(screens.length).toBeGreaterThanOrEqual(17);
    for (const screen of screens) {
      expect(screen.file, "a lazyScreen import that does not resolve").toBeDefined();
      for (const feature of screen.features) expect(featureNames).toContain(feature);
    }
  });

  it.each(screens.map((s) => [s.file, s] as const))("%s lists every feature whose words it shows", (_file, screen) => {
    const available = new Set([...commonKeys, ...screen.features.flatMap((name) => [...featureKeys[name]])]);
    expect(missingFor(closure(screen.file, true), available)).toEqual([]);
  });

  it("the shell (the first load) uses the common catalogue only", () => {
    const shell = closure("main.tsx", false);
    expect(shell.has("app/AppShell.tsx")).toBe(true);
    expect(missingFor(shell, commonKeys)).toEqual([]);
  });

  it("the check itself sees a missing feature", () => {
    const board = screens.find((s) => s.file === "features/board/BoardPage.tsx")!;
    expect(missingFor(closure(board.file, true), commonKeys).length).toBeGreaterThan(0);
  });
});
