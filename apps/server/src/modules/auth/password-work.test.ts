// The password work queue (issue 14): at most `concurrency` jobs at once, first come first served,
// a full queue refused at once with 503 auth.busy and Retry-After.
import { describe, expect, it } from "vitest";
import { AppError } from "../../errors.ts";
import { createPasswordWork } from "./password-work.ts";

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe("password work", () => {
  it("runs at most `concurrency` jobs, the rest in order, and refuses beyond the queue", async () => {
    const work = createPasswordWork({ concurrency: 2, maxQueued: 2 });
    const gates = Array.from({ length: 4 }, deferred);
    const started: number[] = [];
    const jobs = gates.map((g, i) =>
      work.run(async () => {
        started.push(i);
        await g.promise;
        return i;
      }),
    );
    await Promise.resolve();
    expect(started).toEqual([0, 1]);
    expect(work.load).toEqual({ running: 2, queued: 2 });
    const refused = await work.run(async () => "never").catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect(refused).toMatchObject({ code: "auth.busy", status: 503, headers: { "Retry-After": "1" } });
    gates[1]!.resolve();
    expect(await jobs[1]).toBe(1);
    expect(started).toEqual([0, 1, 2]); // the first waiting took the freed turn
    gates[0]!.resolve();
    gates[2]!.resolve();
    gates[3]!.resolve();
    expect(await Promise.all(jobs)).toEqual([0, 1, 2, 3]);
    expect(work.load).toEqual({ running: 0, queued: 0 });
  });

  it("a job that throws frees its turn", async () => {
    const work = createPasswordWork({ concurrency: 1, maxQueued: 0 });
    await expect(work.run(() => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(await work.run(() => Promise.resolve("next"))).toBe("next");
  });
});
