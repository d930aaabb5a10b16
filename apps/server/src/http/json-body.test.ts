// jsonBytes writes a long list element by element (issue 14): its bytes must be exactly
// JSON.stringify's for every value, and sendJson's answer exactly res.json's (type, ETag, body).
import type { AddressInfo } from "node:net";
import express from "express";
import { describe, expect, it } from "vitest";
import { jsonBytes, sendJson } from "./json-body.ts";

const task = (i: number) => ({
  id: `task-${i}`,
  title: i % 2 ? `一覧用のタスク ${i} 🚧` : `plain ${i} "quoted" \\ \n tab\t`,
  assignee: i % 3 ? null : { id: "u", name: "山田 花子" },
  dueAt: new Date(Date.UTC(2026, 10, 30, i)),
  skipped: undefined,
  fn: () => i,
  tags: ["a", undefined, () => 1, Symbol("s"), null, 1.5, -0, Number.NaN],
  lone: i === 3 ? "\ud800 alone" : "ok",
});

class Thing {
  items = Array.from({ length: 20 }, (_, i) => i);
}

const cases: [string, unknown][] = [
  ["a page of 100 tasks", { items: Array.from({ length: 100 }, (_, i) => task(i)), nextCursor: "abc" }],
  [
    "a page whose cursor is null, list last",
    { nextCursor: null, items: Array.from({ length: 40 }, (_, i) => task(i)) },
  ],
  [
    "two long lists and short ones",
    { a: Array(30).fill("x"), b: [1, 2], c: Array.from({ length: 17 }, (_, i) => ({ i })), d: [] },
  ],
  [
    "undefined, functions and symbols as elements",
    { items: Array.from({ length: 20 }, (_, i) => [undefined, () => i, Symbol("x"), i][i % 4]) },
  ],
  ["a list first property left out before it", { gone: undefined, items: Array.from({ length: 20 }, (_, i) => i) }],
  ["elements with toJSON", { items: Array.from({ length: 20 }, (_, i) => ({ toJSON: () => `j${i}` })) }],
  ["an object with its own toJSON", { toJSON: () => ({ replaced: true }), items: Array(20).fill(1) }],
  ["a list with its own toJSON", { items: Object.assign(Array(20).fill(1), { toJSON: () => "list" }) }],
  ["a class instance", new Thing()],
  ["a short list only", { items: [1, 2, 3] }],
  ["an empty object", {}],
  ["a top-level array", Array.from({ length: 50 }, (_, i) => task(i))],
  ["a string", "ひらがな"],
  ["a number", 42],
  ["null", null],
  ["keys that need escaping", { 'a"b': Array(20).fill("é"), "\n": 1 }],
];

describe("jsonBytes", () => {
  it.each(cases)("%s: exactly JSON.stringify's bytes", (_name, value) => {
    expect(jsonBytes(value)?.toString("utf8")).toBe(JSON.stringify(value));
    expect(jsonBytes(value)?.equals(Buffer.from(JSON.stringify(value), "utf8"))).toBe(true);
  });

  it("undefined and a function make nothing, as with JSON.stringify", () => {
    expect(jsonBytes(undefined)).toBeUndefined();
    expect(jsonBytes(() => 1)).toBeUndefined();
  });
});

describe("sendJson", () => {
  it("answers as res.json does: status, Content-Type, ETag and body", async () => {
    const page = { items: Array.from({ length: 100 }, (_, i) => task(i)), nextCursor: null };
    const app = express();
    app.get("/json", (_req, res) => void res.status(201).json(page));
    app.get("/send", (_req, res) => sendJson(res.status(201), page));
    app.get("/json-typed", (_req, res) => void res.type("application/problem+json").json({ a: Array(20).fill(1) }));
    app.get("/send-typed", (_req, res) => sendJson(res.type("application/problem+json"), { a: Array(20).fill(1) }));
    app.get("/json-undefined", (_req, res) => void res.json(undefined));
    app.get("/send-undefined", (_req, res) => sendJson(res, undefined));
    const server = app.listen(0, "127.0.0.1");
    await new Promise((resolve) => server.once("listening", resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      for (const kind of ["", "-typed", "-undefined"]) {
        const [a, b] = await Promise.all([fetch(`${base}/json${kind}`), fetch(`${base}/send${kind}`)]);
        expect(b.status, kind).toBe(a.status);
        for (const header of ["content-type", "etag", "content-length"])
          expect(b.headers.get(header), `${kind} ${header}`).toBe(a.headers.get(header));
        expect(Buffer.from(await b.arrayBuffer()).equals(Buffer.from(await a.arrayBuffer())), kind).toBe(true);
      }
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it("sends a no-store answer without an ETag, otherwise as res.json does", async () => {
    const page = { items: Array.from({ length: 100 }, (_, i) => task(i)), nextCursor: null };
    const app = express();
    app.use((_req, res, next) => void (res.setHeader("Cache-Control", "no-store"), next()));
    app.get("/json", (_req, res) => void res.status(201).json(page));
    app.get("/send", (_req, res) => sendJson(res.status(201), page));
    const server = app.listen(0, "127.0.0.1");
    await new Promise((resolve) => server.once("listening", resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const [a, b] = await Promise.all([fetch(`${base}/json`), fetch(`${base}/send`)]);
      expect(a.headers.get("etag")).toMatch(/^W\//);
      expect(b.headers.get("etag")).toBeNull();
      expect(b.status).toBe(201);
      for (const header of ["content-type", "content-length", "cache-control"])
        expect(b.headers.get(header), header).toBe(a.headers.get(header));
      expect(Buffer.from(await b.arrayBuffer()).equals(Buffer.from(await a.arrayBuffer()))).toBe(true);
      const head = await fetch(`${base}/send`, { method: "HEAD" });
      expect(head.headers.get("content-length")).toBe(a.headers.get("content-length"));
      expect((await head.arrayBuffer()).byteLength).toBe(0);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
