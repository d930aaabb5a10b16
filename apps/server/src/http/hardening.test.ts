// Hardening (issue 13, item 4): API answers are never cached, the web app's CSP runs no inline
// script, a download never carries the uploader's content type unless it is a safe one, and a
// socket with `Origin: null` is refused quietly.
import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pino } from "pino";
import { startTestApp, type TestApp } from "../test/test-app.ts";
import { connectSocket } from "../test/socket-client.ts";
import { SESSION_COOKIE } from "@crewboard/contracts";
import { safeDownloadType } from "../modules/deliverables/deliverables.routes.ts";

describe("hardening", () => {
  let t: TestApp;
  const lines: { level: number; msg: string }[] = [];
  beforeAll(async () => {
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        for (const line of chunk.toString().split("\n").filter(Boolean))
          lines.push(JSON.parse(line) as { level: number; msg: string });
        done();
      },
    });
    t = await startTestApp("embedded", { logger: pino({ level: "debug" }, sink) });
  });
  afterAll(() => t?.close());

  it("every API answer says Cache-Control: no-store (answers, problems, signed in or not)", async () => {
    const visitor = t.anonymous();
    for (const path of ["/health", "/auth/session", "/work-orders", "/no-such-route"]) {
      expect((await visitor.get(path)).headers.get("cache-control"), path).toBe("no-store");
    }
    const manager = await t.as("manager1");
    expect((await manager.get("/work-orders")).headers.get("cache-control")).toBe("no-store");
  });

  it("the CSP allows scripts from our own origin only (no 'unsafe-inline', no CDN)", async () => {
    const res = await fetch(`${t.baseUrl}/`);
    const csp = res.headers.get("content-security-policy") ?? "";
    const scriptSrc = csp.split(";").find((d) => d.trim().startsWith("script-src"));
    expect(scriptSrc?.trim()).toBe("script-src 'self'");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
  });

  it("a download keeps only a safe content type; HTML, SVG and scripts become application/octet-stream, always an attachment with nosniff", async () => {
    expect(safeDownloadType("application/pdf")).toBe("application/pdf");
    expect(safeDownloadType("text/plain; charset=shift_jis")).toBe("text/plain; charset=utf-8");
    for (const risky of [
      "text/html",
      "image/svg+xml",
      "application/xhtml+xml",
      "text/javascript",
      "application/xml",
      "",
      null,
    ]) {
      expect(safeDownloadType(risky), String(risky)).toBe("application/octet-stream");
    }
    const manager = await t.as("manager1");
    const order = await t.db.prisma.workOrder.findFirstOrThrow({ where: { status: "in_progress" } });
    const form = new FormData();
    form.set("title", "not a page");
    form.set("file", new Blob(["<script>alert(1)</script>"], { type: "text/html" }), "page.html");
    const uploaded = await manager.post(`/work-orders/${order.id}/deliverables`, undefined, { raw: form });
    expect(uploaded.status, uploaded.text).toBe(201);
    const res = await fetch(`${t.baseUrl}/api/v1/deliverables/${uploaded.body.id}/file`, {
      headers: { cookie: `${SESSION_COOKIE}=${manager.cookie}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/octet-stream");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment;/);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("cache-control")).toBe("no-store");
  });

  it("a socket with Origin: null (or a foreign origin) is refused as auth.forbidden, without an error in the log", async () => {
    const manager = await t.as("manager1");
    for (const origin of ["null", "https://evil.example", "not a url"]) {
      const refused = await connectSocket(t.baseUrl, manager, { headers: { origin } }).then(
        (s) => (s.close(), null),
        (e: { data?: { code?: string } }) => e,
      );
      expect(refused?.data?.code, origin).toBe("auth.forbidden");
    }
    expect(lines.filter((l) => l.level >= 50)).toEqual([]);
  });
});
