// Compression of API JSON and the web app's uncompressed files (issue 14). The library's defaults
// (brotli quality 4, gzip level 6) cost ~0.37 ms of CPU for a 100-task page (82 kB → 7.1 kB) and were
// ~11 % of the server's CPU under the `reads` bench; brotli quality 1 takes ~0.08 ms for 8.0 kB, and
// gzip level 3 ~0.15 ms for 8.7 kB. On a LAN or the internet the ~1 kB more is worth far less than
// the CPU. Built assets that the build precompressed (apps/web/vite.config.ts) are sent as built
// (http/static.ts), so the lower level does not touch them.
//
// A JSON answer sent whole (res.send/res.json: one res.end with the body) of up to AT_ONCE_MAX is
// compressed at once, synchronously, before it reaches the library (issue 14): the library's zlib
// stream hands the work to the thread pool and back, twice per answer (the body, then the finish),
// and with the stream's events this cost ~1 ms of process CPU per 126 kB board page against
// ~0.15 ms for the same bytes compressed at once (and ~0.4 ms against ~0.15 ms of the main thread).
// The answer then carries a Content-Length instead of being chunked; everything else about it (the
// encoding chosen, Vary, the uncompressed body's ETag where it has one, the bytes once decoded) is as before.
// Larger answers and streamed ones (files, CSV exports) still go through the library's stream, off
// the main thread: compressing megabytes at once would hold every other request up meanwhile.
import compression from "compression";
import { createRequire } from "node:module";
import { brotliCompressSync, constants, deflateSync, gzipSync } from "node:zlib";
import type { IncomingMessage } from "node:http";
import type { RequestHandler, Response } from "express";

/** negotiator 1.x (the one Express uses) ships no types: only what is called here. */
type Negotiator = new (request: Pick<IncomingMessage, "headers">) => {
  /** the best of `available` for the request's Accept-Encoding; among equals, the first of `preferred` */
  encoding(available: string[], options?: { preferred?: string[] }): string | undefined;
};
const Negotiator = createRequire(import.meta.url)("negotiator") as Negotiator;

export const BROTLI_QUALITY = 1;
export const GZIP_LEVEL = 3;
/** answers shorter than this are sent as they are (the library's default threshold, which it applies too) */
const THRESHOLD = 1024;
/** whole answers up to this size are compressed at once (~0.3 ms at most); larger ones by the library's stream */
export const AT_ONCE_MAX = 256 * 1024;

// as the library negotiates (compression 1.8: brotli first when the client accepts it as well as gzip)
const ENCODINGS = ["br", "gzip", "deflate", "identity"];
const PREFERRED = ["br", "gzip"];
/** the library's test for Cache-Control: no-transform (RFC 9111 5.2.2.6): such an answer is never compressed */
const NO_TRANSFORM = /(?:^|,)\s*?no-transform\s*?(?:,|$)/;
/** the JSON types our answers have (application/json, application/problem+json); other types go through the library */
const JSON_TYPE = /^application\/(?:[\w.-]+\+)?json\s*(?:;|$)/i;

type Encoding = "br" | "gzip" | "deflate";

/** The encoding the library would choose for this whole JSON answer, or null when it would send it as it is. */
function atOnceEncoding(req: Parameters<RequestHandler>[0], res: Response, length: number): Encoding | null {
  if (length < THRESHOLD || length > AT_ONCE_MAX || req.method === "HEAD") return null;
  if (res.getHeader("Content-Encoding") !== undefined) return null;
  const type = res.getHeader("Content-Type");
  if (typeof type !== "string" || !JSON_TYPE.test(type)) return null;
  const cacheControl = res.getHeader("Cache-Control");
  if (typeof cacheControl === "string" && NO_TRANSFORM.test(cacheControl)) return null;
  // no Accept-Encoding at all: the library sends it as it is (its enforceEncoding is identity)
  if (req.headers["accept-encoding"] === undefined) return null;
  const method = new Negotiator(req).encoding(ENCODINGS, { preferred: PREFERRED });
  return method === "br" || method === "gzip" || method === "deflate" ? method : null;
}

function compressAtOnce(encoding: Encoding, body: Buffer): Buffer {
  switch (encoding) {
    case "br":
      return brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY } });
    case "gzip":
      return gzipSync(body, { level: GZIP_LEVEL });
    case "deflate":
      return deflateSync(body, { level: GZIP_LEVEL });
  }
}

export function responseCompression(): RequestHandler {
  const library = compression({
    level: GZIP_LEVEL,
    brotli: { params: { [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY } },
  });
  return (req, res, next) => {
    library(req, res, (error?: unknown) => {
      if (error) return next(error);
      // the library's res.end, wrapped: it then finds the answer "already encoded" and sends it on
      // as given (after adding Vary: Accept-Encoding, as it does for every compressible answer)
      const end = res.end as (this: Response, ...args: unknown[]) => Response;
      res.end = function endAtOnce(this: Response, ...args: unknown[]) {
        const [chunk, encoding] = args;
        if (!this.headersSent && (Buffer.isBuffer(chunk) || typeof chunk === "string")) {
          const body =
            typeof chunk === "string"
              ? Buffer.from(chunk, typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8")
              : chunk;
          const method = atOnceEncoding(req, this, body.length);
          if (method) {
            const compressed = compressAtOnce(method, body);
            this.setHeader("Content-Encoding", method);
            this.setHeader("Content-Length", compressed.length);
            return end.call(this, compressed);
          }
        }
        return end.apply(this, args);
      } as Response["end"];
      next();
    });
  };
}
