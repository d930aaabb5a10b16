import { describe, expect, it } from "vitest";
import { OwnWrites } from "./own-writes.ts";

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

describe("own writes (issue 9 barrier 4: the echo of one's own change is not announced)", () => {
  it("an event that arrives before the answer waits for it, then is known as the user's own", async () => {
    const own = new OwnWrites();
    const answer = deferred<{ version: number }>();
    void own.track("t1", "key-1", answer.promise, (r) => r.version);
    let decided: boolean | undefined;
    const check = own.isOwnEcho({ id: "t1", version: 4 }).then((v) => (decided = v));
    await Promise.resolve();
    expect(decided).toBeUndefined(); // still waiting for the answer
    answer.resolve({ version: 4 });
    await check;
    expect(decided).toBe(true);
  });

  it("someone else's version of the same task is not the user's own, in flight or not", async () => {
    const own = new OwnWrites();
    const answer = deferred<{ version: number }>();
    void own.track("t1", "key-1", answer.promise, (r) => r.version);
    const theirs = own.isOwnEcho({ id: "t1", version: 3 });
    answer.resolve({ version: 4 });
    expect(await theirs).toBe(false);
    expect(await own.isOwnEcho({ id: "t2", version: 4 })).toBe(false);
  });

  it("a refused write leaves nothing behind, and does not hold events forever", async () => {
    const own = new OwnWrites();
    const answer = deferred<{ version: number }>();
    const tracked = own.track("t1", "key-1", answer.promise, (r) => r.version);
    answer.reject(new Error("409"));
    await expect(tracked).rejects.toThrow("409");
    expect(await own.isOwnEcho({ id: "t1", version: 4 })).toBe(false);
  });

  it("remembers versions made by other means (a task created by splitting an order)", async () => {
    const own = new OwnWrites();
    own.remember("t9", 1);
    expect(await own.isOwnEcho({ id: "t9", version: 1 })).toBe(true);
    expect(own.isOwn({ id: "t9", version: 2 })).toBe(false);
  });
});
