// The API reference at /api/docs, served entirely from our own origin: Scalar's prebuilt browser
// bundle (@scalar/api-reference, dist/browser: an ES module with lazily imported chunks) as static
// files, a page that loads it, and a start script. No CDN (our CSP blocks one, and an offline
// install cannot reach one) and no inline script (script-src stays 'self').
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import express, { Router } from "express";
import { AppError } from "../errors.ts";

export const API_DOCS_PATH = "/api/docs";

/** The folder of Scalar's standalone browser build inside node_modules. */
function scalarBrowserDir(): string {
  const require = createRequire(import.meta.url);
  // the package's main entry is dist/index.js; dist/browser holds the standalone builds (the
  // package's "browser" entry, standalone.js, and the ES module one with its chunks)
  return join(dirname(require.resolve("@scalar/api-reference")), "browser");
}

const PAGE = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Crewboard API reference</title>
  </head>
  <body>
    <noscript>The API reference needs JavaScript. The OpenAPI document itself is at /api/v1/openapi.json.</noscript>
    <div id="app"></div>
    <script type="module" src="${API_DOCS_PATH}/start.js"></script>
  </body>
</html>
`;

/**
 * Everything that would reach beyond our origin is off: the web fonts (fonts.scalar.com), the
 * "open in the API client" button (client.scalar.com), telemetry, the AI agent and MCP. Requests
 * sent from the page's "Try it" go to our own API, on the same origin, without a proxy.
 */
function startScript(openApiUrl: string): string {
  const config = {
    url: openApiUrl,
    withDefaultFonts: false,
    hideClientButton: true,
    telemetry: false,
    showDeveloperTools: "never",
    agent: { disabled: true },
    mcp: { disabled: true },
  };
  return `import { createApiReference } from "${API_DOCS_PATH}/assets/standalone.esm.js";\n\ncreateApiReference("#app", ${JSON.stringify(config, null, 2)});\n`;
}

export function apiDocsRouter(options: { openApiUrl: string }): Router {
  const router = Router();
  const script = startScript(options.openApiUrl);
  router.get([API_DOCS_PATH, `${API_DOCS_PATH}/`], (_req, res) => {
    res.type("text/html").setHeader("Cache-Control", "no-cache").send(PAGE);
  });
  router.get(`${API_DOCS_PATH}/start.js`, (_req, res) => {
    res.type("text/javascript").setHeader("Cache-Control", "no-cache").send(script);
  });
  // the chunks' names carry their content hash; the entry module does not, so keep the cache short
  router.use(`${API_DOCS_PATH}/assets`, express.static(scalarBrowserDir(), { index: false, maxAge: "1h" }));
  router.use(API_DOCS_PATH, (req) => {
    throw new AppError("route.not_found", { detail: `${req.method} ${req.originalUrl} does not exist` });
  });
  return router;
}
