// The OpenAPI document must describe exactly the API the server serves: it is valid OpenAPI 3.1,
// passes Redocly's recommended rules (what integrators' client generators trip over), every route
// registered on the /api/v1 router is documented (method and path), every documented operation is
// registered, and the reference page is served from our own origin (it renders in Chromium:
// apps/e2e/src/api-docs.e2e.ts).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import express from "express";
import SwaggerParser from "@apidevtools/swagger-parser";
import { createConfig, lintFromString } from "@redocly/openapi-core";
import { describeEachDatabase, startTestApp, type TestApp } from "./test/test-app.ts";

type Method = "get" | "post" | "put" | "patch" | "delete" | "head" | "options" | "trace";
interface Endpoint {
  method: string;
  /** OpenAPI-style: /work-orders/{id} */
  path: string;
}
interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Partial<Record<Method, { operationId?: string }>>>;
}

/** Routes that are served on purpose without being in the document, with the reason. */
const UNDOCUMENTED = new Map<string, string>([["GET /openapi.json", "the document itself"]]);

/** "/work-orders/:id" → "/work-orders/{id}" (Express 5 named parameters). */
function toOpenApiPath(expressPath: string): string {
  return expressPath.replace(/:([A-Za-z_$][A-Za-z0-9_$]*)/g, "{$1}");
}

/** The path a nested router is mounted at: "" for `router.use(sub)`; a string path as given. */
function mountPath(layer: { rawPath?: unknown; slash?: boolean }): string {
  if (layer.slash || layer.rawPath === "/" || layer.rawPath === undefined) return "";
  if (typeof layer.rawPath === "string") return layer.rawPath.replace(/\/+$/, "");
  // A RegExp or array mount cannot be mapped to documented paths: make it visible rather than skip it.
  throw new Error(
    `cannot read the mount path of a nested router (${String(layer.rawPath)}); mount routers at a plain path`,
  );
}

/**
 * Every (method, path) registered on an Express 5 router (router v2), nested routers included.
 * A route layer has `route.path` and `route.methods`; a nested router is a layer whose `handle`
 * has its own `stack`; plain middleware (body parser, 404, error handler) has neither.
 */
function registeredEndpoints(router: { stack: unknown[] }, prefix = ""): Endpoint[] {
  const found: Endpoint[] = [];
  for (const raw of router.stack) {
    const layer = raw as {
      route?: { path: unknown; methods: Record<string, boolean> };
      handle?: { stack?: unknown[] };
      rawPath?: unknown;
      slash?: boolean;
    };
    if (layer.route) {
      const paths = Array.isArray(layer.route.path) ? layer.route.path : [layer.route.path];
      for (const p of paths) {
        if (typeof p !== "string")
          throw new Error(`a route registered with a non-string path (${String(p)}) cannot be documented`);
        for (const [method, on] of Object.entries(layer.route.methods)) {
          if (!on) continue;
          // router.all() registers `_all`: it is reported as such and can never match a documented method.
          found.push({ method: method === "_all" ? "ALL" : method.toUpperCase(), path: toOpenApiPath(prefix + p) });
        }
      }
    } else if (Array.isArray(layer.handle?.stack)) {
      found.push(...registeredEndpoints(layer.handle as { stack: unknown[] }, prefix + mountPath(layer)));
    }
  }
  return found;
}

/** The registered endpoints the document does not describe (minus the listed exceptions). */
function undocumentedEndpoints(endpoints: Endpoint[], doc: OpenApiDocument): string[] {
  return endpoints
    .map((e) => `${e.method} ${e.path}`)
    .filter((key, i, all) => all.indexOf(key) === i)
    .filter((key) => {
      if (UNDOCUMENTED.has(key)) return false;
      const [method, path] = key.split(" ") as [string, string];
      return !doc.paths[path]?.[method.toLowerCase() as Method];
    });
}

const DOC_METHODS: Method[] = ["get", "post", "put", "patch", "delete", "head", "options", "trace"];

function documentedEndpoints(doc: OpenApiDocument): string[] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    DOC_METHODS.filter((m) => item[m]).map((m) => `${m.toUpperCase()} ${path}`),
  );
}

describeEachDatabase("OpenAPI document", (kind) => {
  let t: TestApp;
  let doc: OpenApiDocument;
  beforeAll(async () => {
    t = await startTestApp(kind);
    const res = await t.anonymous().get("/openapi.json");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    doc = res.body;
  });
  afterAll(() => t?.close());

  it("is a valid OpenAPI 3.1 document", async () => {
    expect(doc.openapi).toMatch(/^3\.1\./);
    // validate() dereferences in place: give it a copy so later tests see the document as served
    const api = await SwaggerParser.validate(structuredClone(doc) as never);
    expect(api.info.title).toBe("Crewboard API");
  });

  it("passes Redocly's recommended rules: no error, and no warning", async () => {
    const config = await createConfig({ extends: ["recommended"] });
    const problems = await lintFromString({ source: JSON.stringify(doc), absoluteRef: "openapi.json", config });
    const shown = problems.map(
      (p) => `${p.severity} ${p.ruleId}: ${p.message} at ${p.location.map((l) => l.pointer).join(", ")}`,
    );
    expect(shown).toEqual([]);
  });

  it("declares booleans as booleans (no string enum) and the license", () => {
    const blocked = (
      doc as unknown as { paths: Record<string, { get: { parameters: { name: string; schema: unknown }[] } }> }
    ).paths["/tasks"]!.get.parameters.find((p) => p.name === "blocked");
    expect(blocked?.schema).toEqual({ type: "boolean" });
    expect((doc as unknown as { info: { license: unknown } }).info.license).toEqual({ name: "MIT", identifier: "MIT" });
  });

  it("a boolean query parameter takes true and false, and names the parameter otherwise", async () => {
    const manager = await t.as("manager1");
    for (const value of ["true", "false"]) expect((await manager.get(`/tasks?blocked=${value}`)).status).toBe(200);
    const bad = await manager.get("/tasks?blocked=1");
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toEqual(["query.blocked"]);
  });

  it("has unique operationIds", () => {
    const ids = Object.values(doc.paths).flatMap((item) =>
      DOC_METHODS.map((m) => item[m]?.operationId).filter(Boolean),
    );
    expect(ids.length).toBeGreaterThan(0);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("documents every route registered on the /api/v1 router", () => {
    const endpoints = registeredEndpoints(t.apiRouter as unknown as { stack: unknown[] });
    // sanity: the walker reaches into the nested module routers, not just the top-level layers
    expect(endpoints.length).toBeGreaterThan(20);
    expect(endpoints).toContainEqual({ method: "PATCH", path: "/tasks/{id}" });
    expect(endpoints).toContainEqual({ method: "POST", path: "/work-orders/{id}/feedback" });
    expect(endpoints).toContainEqual({ method: "GET", path: "/openapi.json" });
    expect(undocumentedEndpoints(endpoints, doc)).toEqual([]);
  });

  it("registers every documented operation (no documented endpoint answers 404)", () => {
    const registered = new Set(
      registeredEndpoints(t.apiRouter as unknown as { stack: unknown[] }).map((e) => `${e.method} ${e.path}`),
    );
    expect(documentedEndpoints(doc).filter((key) => !registered.has(key))).toEqual([]);
  });

  it("the reference page comes from our own origin: no CDN, no inline script, its bundle served by us", async () => {
    const res = await fetch(`${t.baseUrl}/api/docs`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    expect(res.headers.get("content-security-policy")).toMatch(/script-src 'self'(;|$)/);
    const html = await res.text();
    expect(html).toMatch(/<html/i);
    expect(html).not.toMatch(/https?:\/\//);
    // every script is a file of ours: none inline
    const scripts = [...html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, body] of scripts) {
      expect(body!.trim()).toBe("");
      expect(attributes).toMatch(/src="\/api\/docs\//);
    }
    const start = await fetch(`${t.baseUrl}/api/docs/start.js`);
    expect(start.status).toBe(200);
    expect(start.headers.get("content-type")).toMatch(/javascript/);
    const script = await start.text();
    expect(script).toContain("/api/v1/openapi.json");
    expect(script).not.toMatch(/https?:\/\//);
    const bundlePath = /from "([^"]+)"/.exec(script)![1]!;
    const bundle = await fetch(`${t.baseUrl}${bundlePath}`);
    expect(bundle.status).toBe(200);
    expect(bundle.headers.get("content-type")).toMatch(/javascript/);
    expect(await bundle.text()).toContain("createApiReference");
    // nothing else under the assets is made up: an unknown file is a plain 404
    expect((await fetch(`${t.baseUrl}/api/docs/assets/no-such-chunk.js`)).status).toBe(404);
  });
});

describe("the route walker", () => {
  const doc: OpenApiDocument = {
    openapi: "3.1.0",
    paths: { "/things": { get: {} }, "/things/{id}": { get: {}, patch: {} } },
  };

  it("reports a route added to a router without being in the document", () => {
    const api = express.Router();
    const things = express.Router();
    things.get("/things", (_req, res) => void res.end());
    things.get("/things/:id", (_req, res) => void res.end());
    things.patch("/things/:id", (_req, res) => void res.end());
    api.use(express.json());
    api.use(things);
    expect(undocumentedEndpoints(registeredEndpoints(api), doc)).toEqual([]);

    // a new route, nested one level deeper than the others, that nobody documented
    const extra = express.Router();
    extra.delete("/things/:id", (_req, res) => void res.end());
    extra.post("/things/:thingId/notes", (_req, res) => void res.end());
    api.use(extra);
    expect(undocumentedEndpoints(registeredEndpoints(api), doc)).toEqual([
      "DELETE /things/{id}",
      "POST /things/{thingId}/notes",
    ]);
  });

  it("follows routers mounted at a path and reports router.all()", () => {
    const api = express.Router();
    const admin = express.Router();
    admin.get("/things", (_req, res) => void res.end());
    admin.all("/anything", (_req, res) => void res.end());
    api.use("/admin", admin);
    expect(registeredEndpoints(api)).toEqual([
      { method: "GET", path: "/admin/things" },
      { method: "ALL", path: "/admin/anything" },
    ]);
    expect(undocumentedEndpoints(registeredEndpoints(api), doc)).toEqual(["GET /admin/things", "ALL /admin/anything"]);
  });

  it("refuses to guess the mount path of a router mounted with a RegExp", () => {
    const api = express.Router();
    const sub = express.Router();
    sub.get("/x", (_req, res) => void res.end());
    api.use(/^\/v\d+/, sub);
    expect(() => registeredEndpoints(api)).toThrow(/mount path/);
  });
});
