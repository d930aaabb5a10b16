// Compression and cache lifetimes (issue 14): API JSON is sent brotli- or gzip-compressed as the
// client accepts; the web app's hashed assets are kept by browsers for a year, the rest hourly.
import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { request } from "node:http";
import { join } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachDatabase, startTestApp, type TestApp } from "../test/test-app.ts";
import { BROTLI_QUALITY } from "./compression.ts";

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
    expect(page.headers.get("cache-control")).toBe("public, max-age=0");
    // an asset that is not there is not the web app's page
    expect((await fetch(`${t.baseUrl}/assets/missing-00000000.js`)).headers.get("cache-control")).not.toContain(
      "immutable",
    );
  });
});
