// The web app's hashed assets (issue 14). Vite names each by its content hash, so a browser may
// keep it for a year without asking; and the build writes `.br` and `.gz` copies beside each
// script and stylesheet (apps/web/vite.config.ts), which are sent as they are when the browser
// accepts them — the compression middleware then leaves them alone (already encoded).
import { existsSync, readdirSync } from "node:fs";
import { extname, join } from "node:path";
import express, { type RequestHandler } from "express";

const YEAR = "365d";

export function hashedAssets(assetsDir: string): RequestHandler {
  // read once at start: the dist folder of a running server does not change
  const files = existsSync(assetsDir) ? new Set(readdirSync(assetsDir)) : new Set<string>();
  const serveStatic = express.static(assetsDir, { index: false, immutable: true, maxAge: YEAR });
  return (req, res, next) => {
    if (req.method !== "GET" && req.method !== "HEAD") return next();
    const name = req.path.slice(1);
    if (!files.has(name)) return next();
    res.vary("Accept-Encoding");
    const encoding = req.acceptsEncodings("br", "gzip");
    const suffix = encoding === "br" ? ".br" : encoding === "gzip" ? ".gz" : null;
    if (!suffix || !files.has(`${name}${suffix}`)) return serveStatic(req, res, next);
    res.type(extname(name));
    res.setHeader("Content-Encoding", encoding as string);
    res.sendFile(`${name}${suffix}`, { root: assetsDir, immutable: true, maxAge: YEAR }, (error) => {
      if (error) next(error);
    });
  };
}

export const assetsDirOf = (webDist: string) => join(webDist, "assets");
