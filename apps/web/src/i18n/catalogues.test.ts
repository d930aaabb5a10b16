import { describe, expect, it } from "vitest";
import { en } from "./en.ts";
import { ja } from "./ja.ts";

const placeholders = (message: string) => [...message.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("i18n catalogues", () => {
  it("ja and en have exactly the same keys", () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(ja).sort());
  });

  it.each([
    ["ja", ja],
    ["en", en],
  ] as const)("%s has no empty messages", (_name, catalogue) => {
    const empty = Object.entries(catalogue).filter(([, message]) => message.trim() === "");
    expect(empty).toEqual([]);
  });

  it("uses the same {placeholders} in both languages", () => {
    for (const key of Object.keys(ja) as (keyof typeof ja)[]) {
      expect(placeholders(en[key]), key).toEqual(placeholders(ja[key]));
    }
  });
});
