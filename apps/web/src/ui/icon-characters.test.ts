/// <reference types="node" />
// Icons are inline SVG: never a character that needs an emoji or symbol font (🔒 showed as an
// empty box on a machine without one). The source scan keeps it that way.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const SRC = fileURLToPath(new URL("..", import.meta.url));

/** Pictographs and symbols a font may not have: emoji, dingbats, arrows, shapes, braille, variation selectors. */
// (the variation selector U+FE0F stands alone: inside a class it would read as combining with its neighbour)
const ICON_CHARACTERS =
  /[\u2190-\u21ff\u2300-\u23ff\u2460-\u24ff\u25a0-\u27bf\u2800-\u28ff\u2900-\u297f\u2b00-\u2bff]|\ufe0f|[\u{1f000}-\u{1faff}]/u;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx|css)$/.test(entry) && !/\.test\.tsx?$/.test(entry) ? [path] : [];
  });
}

/** The code without its comments (they may draw arrows: "a → b"). */
function withoutComments(code: string): string {
  return code.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:"'`])\/\/.*$/gm, "$1");
}

describe("no icon characters", () => {
  it("no source file of the app uses an emoji or symbol character (as an icon or in a message)", () => {
    const found: string[] = [];
    for (const file of sourceFiles(SRC)) {
      withoutComments(readFileSync(file, "utf8"))
        .split("\n")
        .forEach((line, index) => {
          if (ICON_CHARACTERS.test(line)) found.push(`${file.slice(SRC.length)}:${index + 1}: ${line.trim()}`);
        });
    }
    expect(found).toEqual([]);
  });
});
