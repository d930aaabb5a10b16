// Compression and cache lifetimes (issue 14): API JSON is sent brotli- or gzip-compressed as the
// client accepts (a whole JSON answer at once, http/compression.ts); the web app's hashed assets are kept by browsers for a year, the rest hourly.
import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { createServer, request, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { brotliCompressSync, brotliDecompressSync, constants, gunzipSync, gzipSync, inflateSync } from "node:zlib";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeEachDatabase, startTestApp, type TestApp } from "../test/test-app.ts";
import { AT_ONCE_MAX, BROTLI_QUALITY, responseCompression } from "./compression.ts";

describeEachDatabase("compression and cache lifetimes", (kind) => {
  let t: TestApp;
  const webDist = mkdtempSync(join(tmpdir(), "crewboard-web-"));
  const script = `console.log(${JSON.stringify("crewboard ".repeat(500))});`;
  beforeAll(async () => {
    mkdirSync(join(webDist, "assets"));
    writeFileSync(join(webDist, "assets", "index-3f2a9c1b.js"), script);
    // a build's precompressed copies (apps/web/vite.config.ts); marked so the test sees which one was sent
    writeFileSync(join(webDist, "assets", "app-77aa00ff.js"), script);
    writeFileSync(join(webDist, "assets", "app-77aa00ff.js.br"), brotliCompressSync(`${script}// br`));
    writeFileSync(join(webDist, "assets", "app-77aa00ff.js.gz"), gzipSync(`${script}// gz`));
    writeFileSync(join(webDist, "index.html"), `<!doctype html><title>Crewboard</title>`);
    writeFileSync(join(webDist, "favicon.svg"), "<svg/>");
    t = await startTestApp(kind, { webDistDir: webDist });
  });
  afterAll(async () => t?.close());

  it("API JSON is compressed with brotli or gzip, as the client accepts", async () => {
    const manager = await t.as("manager1");
    for (const encoding of ["br", "gzip"]) {
      const res = await fetch(`${t.baseUrl}/api/v1/tasks?limit=100`, {
        headers: { cookie: manager.cookieHeader!, "accept-encoding": encoding },
      });
      expect(res.status).toBe(200);
      expect(res.headers.get("content-encoding")).toBe(encoding);
      expect(res.headers.get("cache-control")).toBe("no-store");
      expect(((await res.json()) as { items: unknown[] }).items.length).toBeGreaterThan(0);
    }
    const plain = await fetch(`${t.baseUrl}/api/v1/tasks?limit=100`, {
      headers: { cookie: manager.cookieHeader!, "accept-encoding": "identity" },
    });
    expect(plain.headers.get("content-encoding")).toBeNull();
  });

  it("API JSON is compressed at the cheap brotli quality (the library's default costs ~4× the CPU)", async () => {
    const manager = await t.as("manager1");
    const headers = { cookie: manager.cookieHeader! };
    const raw = await (
      await fetch(`${t.baseUrl}/api/v1/tasks?limit=100`, { headers: { ...headers, "accept-encoding": "identity" } })
    ).text();
    // the bytes as sent (fetch would decode them)
    const sent = await new Promise<Buffer>((resolve, reject) => {
      const req = request(
        `${t.baseUrl}/api/v1/tasks?limit=100`,
        { headers: { ...headers, "accept-encoding": "br" } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () => resolve(Buffer.concat(chunks)));
          res.on("error", reject);
        },
      );
      req.on("error", reject);
      req.end();
    });
    const atQuality = (quality: number) =>
      brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: quality } }).length;
    expect(BROTLI_QUALITY).toBeLessThanOrEqual(2);
    expect(sent.length).toBe(atQuality(BROTLI_QUALITY));
    expect(sent.length).not.toBe(atQuality(4));
  });

  it("hashed assets are immutable for a year, sent precompressed when built so; other files are kept an hour", async () => {
    const asset = await fetch(`${t.baseUrl}/assets/index-3f2a9c1b.js`, { headers: { "accept-encoding": "br" } });
    expect(asset.status).toBe(200);
    expect(asset.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(asset.headers.get("content-encoding")).toBe("br");
    expect(await asset.text()).toBe(script);
    for (const encoding of ["br", "gzip"]) {
      const pre = await fetch(`${t.baseUrl}/assets/app-77aa00ff.js`, { headers: { "accept-encoding": encoding } });
      expect(pre.headers.get("content-encoding")).toBe(encoding);
      expect(pre.headers.get("content-type")).toMatch(/^(application|text)\/javascript/);
      expect(pre.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
      expect(pre.headers.get("vary")).toMatch(/Accept-Encoding/i);
      expect(await pre.text()).toBe(`${script}// ${encoding === "br" ? "br" : "gz"}`);
    }
    const raw = await fetch(`${t.baseUrl}/assets/app-77aa00ff.js`, { headers: { "accept-encoding": "identity" } });
    expect(raw.headers.get("content-encoding")).toBeNull();
    expect(await raw.text()).toBe(script);
    const icon = await fetch(`${t.baseUrl}/favicon.svg`);
    expect(icon.headers.get("cache-control")).toBe("public, max-age=3600");
    const page = await fetch(`${t.baseUrl}/board`);
    expect(page.status).toBe(200);
    // the page may name what a signed-in user's screen loads first (http/web-app.ts): never shared, always revalidated
    expect(page.headers.get("cache-control")).toBe("private, no-cache");
    // an asset that is not there is not the web app's page
    expect((await fetch(`${t.baseUrl}/assets/missing-00000000.js`)).headers.get("cache-control")).not.toContain(
      "immutable",
    );
  });
});

// The middleware alone (no database): a whole JSON answer is compressed at once and sent with its
// length; a larger one, or one written in parts, goes through the library's stream as before.
describe("compression of whole answers at once", () => {
  let server: Server;
  let baseUrl: string;
  const small = { items: Array.from({ length: 200 }, (_, i) => ({ id: i, title: `一覧用のタスク ${i}` })) };
  const big = { items: Array.from({ length: 12_000 }, (_, i) => ({ id: i, title: `一覧用のタスク ${i}` })) };
  beforeAll(async () => {
    const app = express();
    app.use(responseCompression());
    app.get("/small", (_req, res) => void res.json(small));
    app.get("/big", (_req, res) => void res.json(big));
    app.get("/tiny", (_req, res) => void res.json({ ok: true }));
    app.get("/no-transform", (_req, res) => void res.set("Cache-Control", "no-transform").json(small));
    app.get("/parts", (_req, res) => {
      res.type("application/json");
      res.write(JSON.stringify(small).slice(0, 10));
      res.end(JSON.stringify(small).slice(10));
    });
    server = createServer(app);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => new Promise<void>((resolve) => server.close(() => resolve())));

  /** the answer's headers and its bytes as sent (fetch would decode them) */
  const raw = (path: string, acceptEncoding?: string) =>
    new Promise<{ headers: IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
      const req = request(
        `${baseUrl}${path}`,
        { headers: acceptEncoding === undefined ? {} : { "accept-encoding": acceptEncoding } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
          res.on("error", reject);
        },
      );
      req.on("error", reject);
      req.end();
    });
  const decode = (encoding: string | undefined, body: Buffer) =>
    encoding === "br"
      ? brotliDecompressSync(body)
      : encoding === "gzip"
        ? gunzipSync(body)
        : encoding === "deflate"
          ? inflateSync(body)
          : body;

  it("sends a whole JSON answer compressed at once, with its length, as the client accepts", async () => {
    const plain = await raw("/small", "identity");
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.body.toString()).toBe(JSON.stringify(small));
    for (const [accept, chosen] of [
      ["gzip, deflate, br", "br"],
      ["gzip", "gzip"],
      ["deflate", "deflate"],
      ["gzip;q=0.5, br;q=0.1", "gzip"],
    ] as const) {
      const { headers, body } = await raw("/small", accept);
      expect(headers["content-encoding"], accept).toBe(chosen);
      expect(headers["content-length"]).toBe(String(body.length));
      expect(headers["transfer-encoding"]).toBeUndefined();
      expect(headers.vary).toMatch(/Accept-Encoding/i);
      expect(headers.etag).toBe(plain.headers.etag); // the uncompressed body's, as before
      expect(decode(chosen, body).equals(plain.body)).toBe(true);
    }
    expect((await raw("/small")).headers["content-encoding"]).toBeUndefined(); // no Accept-Encoding: as it is
    expect((await raw("/tiny", "br")).headers["content-encoding"]).toBeUndefined(); // under 1 kB
    expect((await raw("/no-transform", "br")).headers["content-encoding"]).toBeUndefined();
  });

  it("streams a larger answer, or one written in parts, through the library", async () => {
    const { headers, body } = await raw("/big", "br");
    expect(JSON.stringify(big).length).toBeGreaterThan(AT_ONCE_MAX);
    expect(headers["content-encoding"]).toBe("br");
    expect(headers["transfer-encoding"]).toBe("chunked");
    expect(decode("br", body).toString()).toBe(JSON.stringify(big));
    const parts = await raw("/parts", "gzip");
    expect(parts.headers["content-encoding"]).toBe("gzip");
    expect(decode("gzip", parts.body).toString()).toBe(JSON.stringify(small));
  });
});
