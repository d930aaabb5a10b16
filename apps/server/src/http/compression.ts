// Compression of API JSON and the web app's uncompressed files (issue 14). The library's defaults
// (brotli quality 4, gzip level 6) cost ~0.37 ms of CPU for a 100-task page (82 kB → 7.1 kB) and were
// ~11 % of the server's CPU under the `reads` bench; brotli quality 1 takes ~0.08 ms for 8.0 kB, and
// gzip level 3 ~0.15 ms for 8.7 kB. On a LAN or the internet the ~1 kB more is worth far less than
// the CPU. Built assets that the build precompressed (apps/web/vite.config.ts) are sent as built
// (http/static.ts), so the lower level does not touch them.
import compression from "compression";
import { constants } from "node:zlib";
import type { RequestHandler } from "express";

export const BROTLI_QUALITY = 1;
export const GZIP_LEVEL = 3;

export function responseCompression(): RequestHandler {
  return compression({ level: GZIP_LEVEL, brotli: { params: { [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY } } });
}
