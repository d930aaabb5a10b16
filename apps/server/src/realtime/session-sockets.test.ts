// A live socket lives only as long as its session: signing out closes that session's sockets at
// once (and only that session's); a session that expires or is deleted has its sockets closed
// within seconds by the sweep, and any event such a socket still sends is refused first.
// (Across instances: scale-out.test.ts.)
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import { internalRooms } from "@crewboard/contracts";
import { describeEachDatabase, startTestApp, type TestApp } from "../test/test-app.ts";
import { connectSocket, type TestSocket } from "../test/socket-client.ts";
import { sleep, waitForDisconnect } from "../test/instances.ts";

describeEachDatabase("sockets end with their session", (kind) => {
  let t: TestApp;
  const open: TestSocket[] = [];
  const connect = async (api: Parameters<typeof connectSocket>[1]) => {
    const s = await connectSocket(t.baseUrl, api);
    open.push(s);
    await s.sync(); // answered once the connection is in its rooms
    return s;
  };

  beforeAll(async () => {
    // the sweep runs every 500 ms here (5 s by default)
    t = await startTestApp(kind, { socketSessionCheck: { sweepMs: 500, cacheMs: 5_000 } });
  });
  afterAll(async () => {
    for (const s of open) s.close();
    await t?.close();
  });

  it("signing out closes that session's sockets at once, not the user's other sessions, and the old cookie cannot connect again", async () => {
    const first = await t.as("manager1");
    const second = await t.as("manager1"); // another browser: another session
    const tabA = await connect(first);
    const tabB = await connect(first);
    const otherBrowser = await connect(second);
    const client = await t.as("client-a1");

    const gone = Promise.all([waitForDisconnect(tabA, 2000), waitForDisconnect(tabB, 2000)]);
    const out = await first.post("/auth/logout");
    expect(out.status).toBe(204);
    expect(await gone).toEqual(["io server disconnect", "io server disconnect"]);

    // the other session still hears what happens
    const title = `after logout ${randomUUID()}`;
    const created = await client.post("/work-orders", {
      title,
      dueAt: new Date(Date.now() + 3 * 86_400_000).toISOString(),
    });
    expect(created.status, created.text).toBe(201);
    await otherBrowser.waitFor(
      () => otherBrowser.eventsOf("work_order:created").some((e) => (e.data as { title: string }).title === title),
      5000,
      "the order on the other session",
    );
    expect(otherBrowser.socket.connected).toBe(true);
    expect(tabA.events.some((e) => JSON.stringify(e.data).includes(title))).toBe(false);

    await expect(connectSocket(t.baseUrl, first)).rejects.toMatchObject({ data: { code: "auth.required" } });
  });

  it("an expired session's socket is closed within seconds, without sending anything", async () => {
    const crew = await t.as("crew2");
    const s = await connect(crew);
    const session = await t.db.prisma.session.findFirstOrThrow({
      where: { userId: crew.user!.id },
      orderBy: { createdAt: "desc" },
    });
    const started = Date.now();
    await t.db.prisma.session.update({ where: { id: session.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await waitForDisconnect(s, 8000)).toBe("io server disconnect");
    console.log(`[${kind}] expired session's socket closed after ${Date.now() - started} ms (sweep every 500 ms)`);
    await expect(connectSocket(t.baseUrl, crew)).rejects.toMatchObject({ data: { code: "auth.required" } });
  });

  it("a deleted session's socket is closed within seconds", async () => {
    const client = await t.as("client-b1");
    const s = await connect(client);
    const session = await t.db.prisma.session.findFirstOrThrow({
      where: { userId: client.user!.id },
      orderBy: { createdAt: "desc" },
    });
    await t.db.prisma.session.delete({ where: { id: session.id } });
    expect(await waitForDisconnect(s, 8000)).toBe("io server disconnect");
  });

  it("a session room cannot be asked for", async () => {
    const crew = await t.as("crew3");
    const s = await connect(crew);
    const session = await t.db.prisma.session.findFirstOrThrow({
      where: { userId: crew.user!.id },
      orderBy: { createdAt: "desc" },
    });
    expect(await s.request("room:join", { room: internalRooms.session(session.id) })).toMatchObject({
      ok: false,
      error: { code: "validation.failed" },
    });
    const sync = await s.request("sync:request", { rooms: { [internalRooms.session(session.id)]: 0 } });
    expect(sync).toMatchObject({ ok: false, error: { code: "validation.failed" } });
  });
});

describeEachDatabase("a socket whose session ended is refused on its next event", (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    // no sweep during this test: only the check on each incoming event can catch the end
    t = await startTestApp(kind, { socketSessionCheck: { sweepMs: 600_000, cacheMs: 200 } });
  });
  afterAll(() => t?.close());

  it("message:send after the session expired is answered auth.required, writes nothing, and the socket is closed", async () => {
    const crew = await t.as("crew1");
    const s = await connectSocket(t.baseUrl, crew);
    await s.sync();
    const rooms_ = await s.request<{ items: { id: string; kind: string }[] }>("chat:rooms", {});
    expect(rooms_.ok).toBe(true);
    const room = rooms_.ok ? rooms_.data.items[0]! : null;
    expect(room).not.toBeNull();
    const session = await t.db.prisma.session.findFirstOrThrow({
      where: { userId: crew.user!.id },
      orderBy: { createdAt: "desc" },
    });
    await t.db.prisma.session.update({ where: { id: session.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await sleep(300); // past the 200 ms during which a good answer is trusted
    const messages = await t.db.prisma.message.count();
    const gone = waitForDisconnect(s, 3000);
    const send = await s.request("message:send", {
      roomId: room!.id,
      body: "after my session ended",
      clientKey: randomUUID(),
    });
    expect(send).toMatchObject({
      ok: false,
      error: { code: "auth.required", status: 401, title: expect.any(String), detail: expect.any(String) },
    });
    expect(await gone).toBe("io server disconnect");
    expect(await t.db.prisma.message.count()).toBe(messages);
  });
});
