import { describe, expect, it } from "vitest";
import { coalesced } from "./coalesce.ts";

/** A read whose answers the test gives by hand, in order. */
function manualRead() {
  const calls: { key: string; resolve: (v: number) => void; reject: (e: Error) => void }[] = [];
  const read = (key: string) =>
    new Promise<number>((resolve, reject) => {
      calls.push({ key, resolve, reject });
    });
  return { calls, read };
}
const flush = () => new Promise((r) => setImmediate(r));

describe("coalesced reads", () => {
  it("callers that ask while a read runs share the next read, which starts after the running one ends", async () => {
    const { calls, read } = manualRead();
    const latest = coalesced(read);
    const first = latest("board");
    await flush();
    expect(calls).toHaveLength(1);
    const second = latest("board");
    const third = latest("board");
    await flush();
    // no new read while the first runs: they wait for one that starts after they asked
    expect(calls).toHaveLength(1);
    calls[0]!.resolve(7);
    expect(await first).toBe(7);
    await flush();
    expect(calls).toHaveLength(2);
    calls[1]!.resolve(8);
    expect(await second).toBe(8);
    expect(await third).toBe(8);
    // nothing running: the next caller reads again at once
    const fourth = latest("board");
    await flush();
    expect(calls).toHaveLength(3);
    calls[2]!.resolve(9);
    expect(await fourth).toBe(9);
  });

  it("keys do not share reads", async () => {
    const { calls, read } = manualRead();
    const latest = coalesced(read);
    const a = latest("board");
    const b = latest("team:1");
    await flush();
    expect(calls.map((c) => c.key)).toEqual(["board", "team:1"]);
    calls[0]!.resolve(1);
    calls[1]!.resolve(2);
    expect([await a, await b]).toEqual([1, 2]);
  });

  it("a failed read fails its callers only; the queued callers get a read of their own", async () => {
    const { calls, read } = manualRead();
    const latest = coalesced(read);
    const first = latest("board");
    const second = latest("board");
    await flush();
    calls[0]!.reject(new Error("database down"));
    await expect(first).rejects.toThrow("database down");
    await flush();
    expect(calls).toHaveLength(2);
    calls[1]!.resolve(3);
    expect(await second).toBe(3);
  });
});
