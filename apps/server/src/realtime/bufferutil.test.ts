// Socket.IO's websocket library (ws) masks and unmasks frames with the native `bufferutil` when it
// can require it from where ws is installed, and silently falls back to JavaScript when it cannot
// (a dependency dropped, hoisted elsewhere, or a missing native build). The bench measured the
// native one (CONVENTIONS.md: +30 % echo throughput); this keeps it that way.
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";

// Resolved along the server's own chain: apps/server → socket.io → engine.io → ws → bufferutil.
const fromServer = createRequire(new URL("../../package.json", import.meta.url));
const fromEngine = createRequire(fromServer.resolve("engine.io"));
const wsEntry = fromEngine.resolve("ws");
const fromWs = createRequire(wsEntry);

describe("bufferutil", () => {
  it("is the native build, found from where ws is installed", () => {
    const bufferutil = fromWs("bufferutil") as { mask: () => void; unmask: () => void };
    expect(String(bufferutil.mask)).toContain("[native code]");
    expect(String(bufferutil.unmask)).toContain("[native code]");
  });

  it("is used by ws for masking and unmasking", () => {
    // ws replaces its JavaScript mask/unmask with ones that call bufferutil only when the require succeeded
    const wsBufferUtil = fromWs(join(dirname(wsEntry), "lib/buffer-util.js")) as {
      mask: () => void;
      unmask: () => void;
    };
    expect(String(wsBufferUtil.mask)).toContain("bufferUtil.mask");
    expect(String(wsBufferUtil.unmask)).toContain("bufferUtil.unmask");
  });
});
