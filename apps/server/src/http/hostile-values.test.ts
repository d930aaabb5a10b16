// Values that make zod itself throw (an object whose `toString` is a number reaching a length
// check — found by the fuzzer) are bad input: 400 over HTTP, validation.failed over the socket.
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachDatabase, startTestApp, type TestApp } from "../test/test-app.ts";
import { connectSocket } from "../test/socket-client.ts";
import { monthAhead } from "../test/dates.ts";

const HOSTILE = { length: { toString: 1 }, toString: -4.7e75, caller: 1 };

describeEachDatabase("values that make the validator throw", (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind);
  });
  afterAll(() => t?.close());

  it("are a 400 naming the part at fault, and nothing is written", async () => {
    const sato = await t.as("client-a1");
    const before = await t.db.prisma.workOrder.count();
    const res = await sato.post("/work-orders", { title: "x", dueAt: monthAhead(), links: [HOSTILE] });
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({ code: "validation.failed", errors: [{ path: "body" }] });
    expect(await t.db.prisma.workOrder.count()).toBe(before);
  });

  it("are a validation.failed ack on the socket, and the connection stays usable", async () => {
    const s = await connectSocket(t.baseUrl, await t.as("crew3"));
    const answer = await s.request("message:send", { roomId: "x", body: HOSTILE, clientKey: HOSTILE });
    expect(answer).toMatchObject({ ok: false, error: { code: "validation.failed" } });
    expect((await s.request("chat:rooms", {})).ok).toBe(true);
    s.close();
  });
});
