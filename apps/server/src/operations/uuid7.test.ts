import { expect, it } from "vitest";
import { uuid7 } from "./uuid7.ts";

it("a uuid7 carries its time in ms, version 7 and the RFC variant, and sorts by time", () => {
  const at = Date.UTC(2026, 10, 30, 9, 0, 0, 123);
  const id = uuid7(at);
  expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  expect(parseInt(id.replace(/-/g, "").slice(0, 12), 16)).toBe(at);
  expect(uuid7(at + 1) > uuid7(at)).toBe(true);
  expect(uuid7(at)).not.toBe(uuid7(at));
});

it("ids taken across several refills of the random pool are all different", () => {
  const at = Date.UTC(2026, 10, 30, 9, 0, 0, 123);
  const ids = Array.from({ length: 1000 }, () => uuid7(at));
  expect(new Set(ids).size).toBe(1000);
  for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
});
