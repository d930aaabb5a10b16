// Chat and presence over real Socket.IO connections (journey 4 "Talk to someone"), on the
// embedded database and on PostgreSQL.
import { randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
import { companyDay } from "@crewboard/domain";
import type { Ack, ChatRoomSummary, Message, Presence, RoomEnvelope } from "@crewboard/contracts";
import { describeEachDatabase, startTestApp, type TestApp } from "../../test/test-app.ts";
import { connectSocket, type TestSocket } from "../../test/socket-client.ts";
import type { ApiClient } from "../../test/api-client.ts";

const key = () => `k-${randomUUID()}`;
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

function ok<T>(answer: Ack<T>): T {
  if (!answer.ok)
    throw new Error(`expected ok, got ${answer.error.code}: ${answer.error.detail ?? answer.error.title}`);
  return answer.data;
}

describeEachDatabase("chat and presence over Socket.IO", (kind) => {
  let t: TestApp;
  const apis = new Map<string, ApiClient>();
  const open: TestSocket[] = [];

  beforeAll(async () => {
    t = await startTestApp(kind);
  });
  afterAll(() => t?.close());
  afterEach(async () => {
    for (const s of open.splice(0)) s.close();
    // let the closed connections' offline announcements go out before the next test listens
    await pause(200);
  });

  async function api(name: string): Promise<ApiClient> {
    if (!apis.has(name)) apis.set(name, await t.as(name));
    return apis.get(name)!;
  }
  const idOf = async (name: string) => (await api(name)).user!.id;

  /** A connection that has joined its rooms (sync waits for that on the server). */
  async function connect(name: string): Promise<TestSocket> {
    const s = await connectSocket(t.baseUrl, await api(name));
    open.push(s);
    await s.sync();
    return s;
  }

  const messagesIn = (
    s: TestSocket,
    event: "message:created" | "message:updated",
    pred: (m: Message) => boolean = () => true,
  ) =>
    s
      .eventsOf(event)
      .map((e) => e.data as Message)
      .filter(pred);
  const waitMessage = (s: TestSocket, id: string, event: "message:created" | "message:updated" = "message:created") =>
    s.waitFor(() => messagesIn(s, event, (m) => m.id === id).length > 0, 5000, `${event} ${id}`);
  const othersOf = <T>(s: TestSocket, name: string) => s.other.filter(([e]) => e === name).map(([, p]) => p as T);

  /** Row counts and state that no refused request may change. */
  async function snapshot() {
    const p = t.db.prisma;
    return {
      messages: await p.message.count(),
      revisions: await p.messageRevision.count(),
      rooms: await p.chatRoom.count(),
      members: await p.chatMember.count(),
      markers: (
        await p.chatMember.findMany({
          select: { roomId: true, userId: true, lastReadMessageId: true },
          orderBy: [{ roomId: "asc" }, { userId: "asc" }],
        })
      )
        .map((m) => `${m.roomId}/${m.userId}/${m.lastReadMessageId}`)
        .join(","),
      messageState: (
        await p.message.findMany({ select: { id: true, body: true, deletedAt: true }, orderBy: { id: "asc" } })
      )
        .map((m) => `${m.id}:${m.body}:${m.deletedAt?.getTime()}`)
        .join(","),
      claims: (await p.chatRoom.findMany({ select: { id: true, claimedById: true }, orderBy: { id: "asc" } }))
        .map((r) => `${r.id}:${r.claimedById}`)
        .join(","),
      notifications: await p.notification.count(),
      roomEvents: await p.roomEvent.count(),
      audit: await p.auditEvent.count(),
      places: (await p.user.findMany({ select: { id: true, todayPlace: true }, orderBy: { id: "asc" } }))
        .map((u) => `${u.id}:${u.todayPlace}`)
        .join(","),
    };
  }

  /** A Sakura (company A) order room with a crew member in it, and a crew member who has no task in that order. */
  async function sakuraOrderRoom() {
    const p = t.db.prisma;
    const room = await p.chatRoom.findFirstOrThrow({
      where: {
        kind: "work_order",
        workOrder: { clientCompany: { nameEn: { contains: "Sakura" } } },
        members: { some: { user: { role: "crew" } } },
      },
      include: { members: { include: { user: true } }, workOrder: true },
    });
    const crewIn = room.members.find((m) => m.user.role === "crew")!.user;
    const outsider = await p.user.findFirstOrThrow({
      where: {
        role: "crew",
        chatMemberships: { none: { roomId: room.id } },
        assignedTasks: { none: { workOrderId: room.workOrderId! } },
      },
    });
    const nameOf = (email: string) => email.split("@")[0]!;
    return { room, crewIn: nameOf(crewIn.email), outsider: nameOf(outsider.email) };
  }

  async function directRoom(a: string, b: string): Promise<string> {
    const ids = [await idOf(a), await idOf(b)].sort().join(":");
    return (await t.db.prisma.chatRoom.findUniqueOrThrow({ where: { directKey: ids } })).id;
  }

  it("a message in an order room reaches its members, and neither the other company's client nor unassigned crew", async () => {
    const { room, crewIn, outsider } = await sakuraOrderRoom();
    const [sato, manager1, crew, tanaka, other] = await Promise.all(
      ["client-a1", "manager1", crewIn, "client-b1", outsider].map(connect),
    );
    const sent = ok(
      await sato!.request<Message>("message:send", {
        roomId: room.id,
        body: "伝票14番と37番を再送しました。",
        clientKey: key(),
      }),
    );
    expect(sent).toMatchObject({
      roomId: room.id,
      body: "伝票14番と37番を再送しました。",
      author: { id: await idOf("client-a1"), role: "client" },
      deletedAt: null,
    });
    await Promise.all([waitMessage(manager1!, sent.id), waitMessage(crew!, sent.id), waitMessage(sato!, sent.id)]);
    const envelope = manager1!.eventsOf("message:created").find((e) => (e.data as Message).id === sent.id)!;
    expect(envelope.room).toBe(`chat:${room.id}`);
    expect(envelope.seq).toBeGreaterThan(0);
    await pause(300);
    for (const outsiderSocket of [tanaka!, other!]) {
      expect(JSON.stringify(outsiderSocket.events)).not.toContain(sent.id);
      expect(JSON.stringify(outsiderSocket.other)).not.toContain(sent.id);
    }
    // and they cannot fetch it either
    expect(await tanaka!.request("message:history", { roomId: room.id })).toMatchObject({
      ok: false,
      error: { code: "auth.forbidden" },
    });
    expect(await other!.request("message:history", { roomId: room.id })).toMatchObject({
      ok: false,
      error: { code: "auth.forbidden" },
    });
    const sync = await tanaka!.sync({ [`chat:${room.id}`]: 0 });
    expect(sync.rooms[`chat:${room.id}`]).toEqual({ error: "auth.forbidden" });
    // a member who was away gets it with sync
    const late = await connect(crewIn);
    await late.sync({ [`chat:${room.id}`]: envelope.seq - 1 });
    expect(messagesIn(late, "message:created").map((m) => m.id)).toContain(sent.id);
  });

  it("a retried send (same clientKey) returns the first message and creates nothing, also when the retries race", async () => {
    const roomId = await directRoom("crew7", "manager2");
    const [crew7, manager2] = await Promise.all(["crew7", "manager2"].map(connect));
    const k1 = key();
    const payload = { roomId, body: "送信できたでしょうか？", clientKey: k1 };
    const answers: Message[] = [];
    for (let i = 0; i < 3; i++) answers.push(ok(await crew7!.request<Message>("message:send", payload)));
    expect(new Set(answers.map((m) => m.id)).size).toBe(1);
    expect(answers[0]!.clientKey).toBe(k1);

    const k2 = key();
    const raced = await Promise.all(
      [0, 1, 2].map(() => crew7!.request<Message>("message:send", { roomId, body: "同時に3回", clientKey: k2 })),
    );
    const ids = raced.map((a) => ok(a).id);
    expect(new Set(ids).size).toBe(1);

    const author = await idOf("crew7");
    expect(await t.db.prisma.message.count({ where: { authorId: author, clientKey: { in: [k1, k2] } } })).toBe(2);
    await Promise.all([waitMessage(manager2!, answers[0]!.id), waitMessage(manager2!, ids[0]!)]);
    await pause(300);
    expect(messagesIn(manager2!, "message:created", (m) => m.id === answers[0]!.id || m.id === ids[0]).length).toBe(2);
    // the same key in another room is not a retry
    const teamB = await t.db.prisma.chatRoom.findFirstOrThrow({
      where: { kind: "team", members: { some: { userId: author } } },
    });
    expect(await crew7!.request("message:send", { roomId: teamB.id, body: "別の部屋", clientKey: k1 })).toMatchObject({
      ok: false,
      error: { code: "message.client_key_reused", status: 409 },
    });
  });

  it("history is newest first and pages with a cursor without gaps or repeats", async () => {
    const roomId = await directRoom("crew7", "manager2");
    const crew7 = await connect("crew7");
    for (let i = 0; i < 5; i++)
      ok(await crew7.request("message:send", { roomId, body: `page test ${i}`, clientKey: key() }));
    const expected = (
      await t.db.prisma.message.findMany({
        where: { roomId },
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        select: { id: true },
      })
    ).map((m) => m.id);
    expect(expected.length).toBeGreaterThanOrEqual(8);
    const seen: string[] = [];
    let before: string | undefined;
    for (let guard = 0; guard < 20; guard++) {
      const page = ok(
        await crew7.request<{ items: Message[]; nextCursor: string | null }>("message:history", {
          roomId,
          limit: 3,
          ...(before ? { before } : {}),
        }),
      );
      expect(page.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.items.map((m) => m.id));
      if (!page.nextCursor) break;
      expect(page.nextCursor).toBe(page.items[page.items.length - 1]!.id);
      before = page.nextCursor;
    }
    expect(seen).toEqual(expected);
    const mine = (
      await t.db.prisma.message.findMany({
        where: { roomId, body: { startsWith: "page test" } },
        select: { id: true, body: true },
      })
    )
      .sort((a, b) => seen.indexOf(a.id) - seen.indexOf(b.id))
      .map((m) => m.body);
    expect(mine).toEqual(["page test 4", "page test 3", "page test 2", "page test 1", "page test 0"]);
    // a cursor from another room is refused
    const other = await t.db.prisma.message.findFirstOrThrow({ where: { roomId: { not: roomId } } });
    expect(await crew7.request("message:history", { roomId, before: other.id })).toMatchObject({
      ok: false,
      error: { code: "validation.failed", errors: [{ path: "payload.before" }] },
    });
  });

  it("edits and deletes keep the earlier text as revisions and reach the room", async () => {
    const roomId = await directRoom("crew7", "manager2");
    const [crew7, manager2] = await Promise.all(["crew7", "manager2"].map(connect));
    const sent = ok(
      await crew7!.request<Message>("message:send", { roomId, body: "14時からでお願いします", clientKey: key() }),
    );
    // only the author edits
    expect(await manager2!.request("message:edit", { messageId: sent.id, body: "changed" })).toMatchObject({
      ok: false,
      error: { code: "auth.forbidden" },
    });
    const edited = ok(
      await crew7!.request<Message>("message:edit", { messageId: sent.id, body: "14時半からでお願いします" }),
    );
    expect(edited).toMatchObject({ id: sent.id, body: "14時半からでお願いします" });
    expect(edited.editedAt).not.toBeNull();
    await waitMessage(manager2!, sent.id, "message:updated");
    expect(messagesIn(manager2!, "message:updated", (m) => m.id === sent.id)[0]!.body).toBe("14時半からでお願いします");

    // a manager in the room may delete; the text is kept as a revision, the DTO shows none
    const deleted = ok(await manager2!.request<Message>("message:delete", { messageId: sent.id }));
    expect(deleted).toMatchObject({ id: sent.id, body: "" });
    expect(deleted.deletedAt).not.toBeNull();
    await crew7!.waitFor(
      () => messagesIn(crew7!, "message:updated", (m) => m.id === sent.id && m.deletedAt !== null).length > 0,
    );
    const revisions = await t.db.prisma.messageRevision.findMany({
      where: { messageId: sent.id },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    });
    expect(revisions.map((r) => r.body)).toEqual(["14時からでお願いします", "14時半からでお願いします"]);
    const history = ok(await crew7!.request<{ items: Message[] }>("message:history", { roomId, limit: 20 }));
    expect(history.items.find((m) => m.id === sent.id)).toMatchObject({ body: "", deletedAt: deleted.deletedAt });
    expect(await crew7!.request("message:edit", { messageId: sent.id, body: "again" })).toMatchObject({
      ok: false,
      error: { code: "message.deleted", status: 409 },
    });
    // deleting twice changes nothing
    ok(await crew7!.request("message:delete", { messageId: sent.id }));
    expect(await t.db.prisma.messageRevision.count({ where: { messageId: sent.id } })).toBe(2);
    // crew cannot delete someone else's message
    const managerMsg = ok(
      await manager2!.request<Message>("message:send", { roomId, body: "了解です", clientKey: key() }),
    );
    expect(await crew7!.request("message:delete", { messageId: managerMsg.id })).toMatchObject({
      ok: false,
      error: { code: "auth.forbidden" },
    });
    const audit = await t.db.prisma.auditEvent.findMany({ where: { entityId: sent.id }, select: { action: true } });
    expect(audit.map((a) => a.action).sort()).toEqual(["message.create", "message.delete", "message.edit"]);
  });

  it("read markers move forward only, unread counts follow, and the sender sees 既読", async () => {
    // a fresh direct room (crew7 and manager1 have none in the demo data)
    const crew7 = await connect("crew7");
    const manager1 = await connect("manager1");
    const room = ok(
      await crew7.request<ChatRoomSummary>("chat:talk_to_manager", { managerId: await idOf("manager1") }),
    );
    expect(room).toMatchObject({ kind: "direct", unread: 0, lastMessage: null });
    const m1 = ok(
      await crew7.request<Message>("message:send", { roomId: room.id, body: "確認お願いします (1)", clientKey: key() }),
    );
    const m2 = ok(
      await crew7.request<Message>("message:send", { roomId: room.id, body: "確認お願いします (2)", clientKey: key() }),
    );
    await waitMessage(manager1, m2.id);
    const summaryFor = async (s: TestSocket) =>
      ok(await s.request<{ items: ChatRoomSummary[] }>("chat:rooms", {})).items.find((r) => r.id === room.id)!;
    const before = await summaryFor(manager1);
    expect(before).toMatchObject({ unread: 2, lastMessage: { id: m2.id } });
    expect((await summaryFor(crew7)).unread).toBe(0);

    expect(
      ok(await manager1.request<{ unread: number }>("message:read", { roomId: room.id, messageId: m1.id })),
    ).toEqual({ unread: 1 });
    const manager1Id = await idOf("manager1");
    const reads = () =>
      othersOf<{ roomId: string; userId: string; messageId: string; at: string }>(crew7, "read:updated").filter(
        (r) => r.userId === manager1Id,
      );
    await crew7.waitFor(() => reads().some((r) => r.messageId === m1.id), 5000, "read:updated m1");
    expect(ok(await manager1.request("message:read", { roomId: room.id, messageId: m2.id }))).toEqual({ unread: 0 });
    await crew7.waitFor(() => reads().some((r) => r.messageId === m2.id), 5000, "read:updated m2");
    // going back to an older message leaves the marker where it is
    expect(ok(await manager1.request("message:read", { roomId: room.id, messageId: m1.id }))).toEqual({ unread: 0 });
    const member = await t.db.prisma.chatMember.findUniqueOrThrow({
      where: { roomId_userId: { roomId: room.id, userId: manager1Id } },
    });
    expect(member.lastReadMessageId).toBe(m2.id);
    await pause(200);
    expect(reads().map((r) => r.messageId)).toEqual([m1.id, m2.id]);
    // crew7's list shows where manager1 has read to
    expect((await summaryFor(crew7)).readMarkers).toContainEqual({
      userId: manager1Id,
      messageId: m2.id,
      at: member.lastReadAt!.toISOString(),
    });
    // deleted messages and one's own messages are not unread
    const m3 = ok(await crew7.request<Message>("message:send", { roomId: room.id, body: "(3)", clientKey: key() }));
    ok(await crew7.request<Message>("message:send", { roomId: room.id, body: "(4)", clientKey: key() }));
    ok(await manager1.request("message:send", { roomId: room.id, body: "はい", clientKey: key() }));
    ok(await crew7.request("message:delete", { messageId: m3.id }));
    expect((await summaryFor(manager1)).unread).toBe(1);
  });

  it("typing reaches the other members, not the sender", async () => {
    const roomId = await directRoom("crew7", "manager2");
    const [crew7, manager2] = await Promise.all(["crew7", "manager2"].map(connect));
    expect(ok(await crew7!.request("typing:update", { roomId, typing: true }))).toBeNull();
    await manager2!.waitFor(() => othersOf(manager2!, "typing:updated").length > 0, 5000, "typing:updated");
    expect(othersOf(manager2!, "typing:updated")).toEqual([
      {
        roomId,
        user: { id: await idOf("crew7"), name: "松本 結衣", displayName: "ゆい", role: "crew" },
        typing: true,
      },
    ]);
    await pause(200);
    expect(othersOf(crew7!, "typing:updated")).toEqual([]);
  });

  it("a mention notifies the mentioned member on their socket; mentioning someone outside the room is refused", async () => {
    const teamA = await t.db.prisma.chatRoom.findFirstOrThrow({
      where: { kind: "team", members: { some: { userId: await idOf("crew1") } } },
    });
    const [crew1, crew3] = await Promise.all(["crew1", "crew3"].map(connect));
    const crew3Id = await idOf("crew3");
    const sent = ok(
      await crew1!.request<Message>("message:send", {
        roomId: teamA.id,
        body: "午後の件を確認してもらえますか？",
        clientKey: key(),
        mentions: [crew3Id],
      }),
    );
    expect(sent.mentions).toEqual([crew3Id]);
    const mention = () =>
      crew3!.eventsOf("notification:created").find((e) => (e.data as { kind: string }).kind === "message.mention");
    await crew3!.waitFor(() => Boolean(mention()), 5000, "mention notification");
    const note = mention()! as RoomEnvelope<{ kind: string; data: Record<string, unknown> }>;
    expect(note.room).toBe(`user:${crew3Id}`);
    expect(note.data.data).toMatchObject({
      roomId: teamA.id,
      messageId: sent.id,
      authorName: expect.any(String),
      excerpt: expect.stringContaining("午後の件"),
    });
    expect(
      await t.db.prisma.notification.count({
        where: { userId: crew3Id, kind: "message.mention", data: { path: ["messageId"], equals: sent.id } },
      }),
    ).toBe(1);
    expect(crew1!.eventsOf("notification:created")).toEqual([]);

    const crew5Id = await idOf("crew5");
    const before = await snapshot();
    const refused = await crew1!.request("message:send", {
      roomId: teamA.id,
      body: "team B?",
      clientKey: key(),
      mentions: [crew5Id],
    });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: "validation.failed", errors: [{ path: "payload.mentions" }] },
    });
    expect(await snapshot()).toEqual(before);
  });

  it("talk to a named manager: crew7 → manager2 uses their direct room and manager2 sees the message", async () => {
    const [crew7, manager2] = await Promise.all(["crew7", "manager2"].map(connect));
    const existing = await directRoom("crew7", "manager2");
    const roomsBefore = await t.db.prisma.chatRoom.count();
    const room = ok(
      await crew7!.request<ChatRoomSummary>("chat:talk_to_manager", { managerId: await idOf("manager2") }),
    );
    expect(room).toMatchObject({ id: existing, kind: "direct", claimedBy: null });
    expect(room.members.map((m) => m.id).sort()).toEqual([await idOf("crew7"), await idOf("manager2")].sort());
    expect(await t.db.prisma.chatRoom.count()).toBe(roomsBefore);
    const sent = ok(
      await crew7!.request<Message>("message:send", {
        roomId: room.id,
        body: "伊藤さん、今お時間ありますか？",
        clientKey: key(),
      }),
    );
    await waitMessage(manager2!, sent.id);
    // only a manager can be named
    for (const managerId of [await idOf("crew1"), randomUUID(), await idOf("crew7")]) {
      expect(await crew7!.request("chat:talk_to_manager", { managerId })).toMatchObject({
        ok: false,
        error: { code: "validation.failed", errors: [{ path: "payload.managerId" }] },
      });
    }
    // a client can ask too: a new direct room, and the manager's open connection joins it at once
    const sato = await connect("client-a1");
    const satoRoom = ok(
      await sato.request<ChatRoomSummary>("chat:talk_to_manager", { managerId: await idOf("manager2") }),
    );
    expect(satoRoom.kind).toBe("direct");
    await manager2!.waitFor(() =>
      othersOf<{ joined: string[] }>(manager2!, "membership:updated").some((m) =>
        m.joined.includes(`chat:${satoRoom.id}`),
      ),
    );
    const hello = ok(
      await sato.request<Message>("message:send", { roomId: satoRoom.id, body: "ご相談です", clientKey: key() }),
    );
    await waitMessage(manager2!, hello.id);
    expect(
      ok(await sato.request<ChatRoomSummary>("chat:talk_to_manager", { managerId: await idOf("manager2") })).id,
    ).toBe(satoRoom.id);
  });

  it("whoever is free: the first manager to answer takes the room, the other sees it is taken and can no longer post", async () => {
    const [crew7, manager1, manager2] = await Promise.all(["crew7", "manager1", "manager2"].map(connect));
    const [crew7Id, manager1Id, manager2Id] = await Promise.all(["crew7", "manager1", "manager2"].map(idOf));
    const room = ok(await crew7!.request<ChatRoomSummary>("chat:talk_to_manager", {}));
    expect(room).toMatchObject({ kind: "support", requesterId: crew7Id, claimedBy: null });
    expect(room.members.map((m) => m.id).sort()).toEqual([crew7Id, manager1Id, manager2Id].sort());
    // asking again while nobody has answered is the same request
    expect(ok(await crew7!.request<ChatRoomSummary>("chat:talk_to_manager", {})).id).toBe(room.id);
    // both managers hear about it
    for (const m of [manager1!, manager2!]) {
      await m.waitFor(() =>
        m
          .eventsOf("notification:created")
          .some((e) => (e.data as { kind: string; data: { roomId: string } }).data.roomId === room.id),
      );
      await m.waitFor(() => m.eventsOf("chat_room:updated").some((e) => (e.data as ChatRoomSummary).id === room.id));
    }
    const ask = ok(
      await crew7!.request<Message>("message:send", {
        roomId: room.id,
        body: "少し相談したいことがあります",
        clientKey: key(),
      }),
    );
    await Promise.all([waitMessage(manager1!, ask.id), waitMessage(manager2!, ask.id)]);

    const answer = ok(
      await manager1!.request<Message>("message:send", {
        roomId: room.id,
        body: "高橋です。どうしましたか？",
        clientKey: key(),
      }),
    );
    // manager2 leaves the room as the claim is published, and hears of it in his own room (where he
    // also catches up after a reconnect: the chat room is no longer his to sync)
    const takenFor = (s: TestSocket) =>
      s
        .eventsOf("chat_room:updated")
        .filter((e) => e.room === `user:${manager2Id}`)
        .map((e) => e.data as ChatRoomSummary)
        .find((r) => r.id === room.id && r.claimedBy !== null);
    await manager2!.waitFor(() => Boolean(takenFor(manager2!)), 5000, "chat_room:updated claimed");
    expect(takenFor(manager2!)!.claimedBy).toMatchObject({ id: manager1Id });
    expect(
      takenFor(manager2!)!
        .members.map((m) => m.id)
        .sort(),
    ).toEqual([crew7Id, manager1Id].sort());
    await waitMessage(crew7!, answer.id);
    await pause(300);
    // manager2 left the room before the answer went out
    expect(messagesIn(manager2!, "message:created", (m) => m.id === answer.id)).toEqual([]);
    expect(
      othersOf<{ left: string[] }>(manager2!, "membership:updated").some((m) => m.left.includes(`chat:${room.id}`)),
    ).toBe(true);

    const before = await snapshot();
    expect(
      await manager2!.request("message:send", { roomId: room.id, body: "伊藤です", clientKey: key() }),
    ).toMatchObject({ ok: false, error: { code: "chat_room.taken", status: 409 } });
    expect(await manager2!.request("message:history", { roomId: room.id })).toMatchObject({
      ok: false,
      error: { code: "auth.forbidden" },
    });
    // the shared rule (domain messagePermissions / listsChatRoom, which the web asks too): he may
    // not delete crew7's message any more, and the room is gone from his list
    expect(await manager2!.request("message:delete", { messageId: ask.id })).toMatchObject({
      ok: false,
      error: { code: "auth.forbidden" },
    });
    expect(
      ok(await manager2!.request<{ items: ChatRoomSummary[] }>("chat:rooms", {})).items.map((r) => r.id),
    ).not.toContain(room.id);
    expect(await snapshot()).toEqual(before);
    // the summary his user room got says he is out of it: the web drops the room from his list live
    const toHisUserRoom = manager2!
      .eventsOf("chat_room:updated")
      .filter((e) => e.room === `user:${manager2Id}`)
      .map((e) => e.data as ChatRoomSummary);
    expect(toHisUserRoom.find((r) => r.id === room.id && r.claimedBy !== null)?.members.map((m) => m.id)).not.toContain(
      manager2Id,
    );
    // the one who took it keeps talking
    ok(await manager1!.request("message:send", { roomId: room.id, body: "ゆっくりで大丈夫です", clientKey: key() }));
    const mine = ok(await crew7!.request<{ items: ChatRoomSummary[] }>("chat:rooms", {})).items.find(
      (r) => r.id === room.id,
    )!;
    expect(mine.claimedBy).toMatchObject({ id: manager1Id });
    const stored = await t.db.prisma.chatRoom.findUniqueOrThrow({ where: { id: room.id } });
    expect(stored.claimedById).toBe(manager1Id);
    // a new request after it was taken opens a new room
    expect(ok(await crew7!.request<ChatRoomSummary>("chat:talk_to_manager", {})).id).not.toBe(room.id);
  });

  it("two managers answering at once: exactly one takes the room", async () => {
    const [crew8, manager1, manager2] = await Promise.all(["crew8", "manager1", "manager2"].map(connect));
    const room = ok(await crew8!.request<ChatRoomSummary>("chat:talk_to_manager", {}));
    const answers = await Promise.all([
      manager1!.request<Message>("message:send", { roomId: room.id, body: "I can help", clientKey: key() }),
      manager2!.request<Message>("message:send", { roomId: room.id, body: "I can help too", clientKey: key() }),
    ]);
    expect(answers.filter((a) => a.ok).length).toBe(1);
    expect(answers.find((a) => !a.ok)).toMatchObject({ ok: false, error: { code: "chat_room.taken", status: 409 } });
    const winner = answers[0]!.ok ? await idOf("manager1") : await idOf("manager2");
    const stored = await t.db.prisma.chatRoom.findUniqueOrThrow({ where: { id: room.id }, include: { members: true } });
    expect(stored.claimedById).toBe(winner);
    expect(stored.members.map((m) => m.userId).sort()).toEqual([await idOf("crew8"), winner].sort());
    expect(await t.db.prisma.message.count({ where: { roomId: room.id } })).toBe(1);
  });

  it("a non-member is refused every room event with auth.forbidden and nothing is written", async () => {
    const roomId = await directRoom("crew7", "manager2");
    const message = await t.db.prisma.message.findFirstOrThrow({ where: { roomId, deletedAt: null } });
    const [crew1, tanaka, manager1] = await Promise.all(["crew1", "client-b1", "manager1"].map(connect));
    const before = await snapshot();
    for (const s of [crew1!, tanaka!, manager1!]) {
      const attempts: [string, unknown][] = [
        ["message:send", { roomId, body: "hello", clientKey: key() }],
        ["message:history", { roomId }],
        ["message:read", { roomId, messageId: message.id }],
        ["typing:update", { roomId, typing: true }],
        ["message:edit", { messageId: message.id, body: "x" }],
        ["message:delete", { messageId: message.id }],
        // a room that does not exist gets the same answer
        ["message:send", { roomId: randomUUID(), body: "hello", clientKey: key() }],
        ["message:history", { roomId: randomUUID() }],
        ["message:delete", { messageId: randomUUID() }],
      ];
      for (const [event, payload] of attempts) {
        const answer = await s.request(event, payload);
        expect(answer, event).toMatchObject({ ok: false, error: { code: "auth.forbidden" } });
        expect(JSON.stringify(answer)).not.toContain(message.body);
      }
    }
    expect(await snapshot()).toEqual(before);
    // an admin may read any room
    const admin = await connect("admin");
    expect(
      ok(await admin.request<{ items: Message[] }>("message:history", { roomId, limit: 5 })).items.length,
    ).toBeGreaterThan(0);
  });

  it("bad payloads on every event get validation.failed, nothing is written and the connection stays usable", async () => {
    const roomId = await directRoom("crew7", "manager2");
    const message = await t.db.prisma.message.findFirstOrThrow({ where: { roomId } });
    const crew7 = await connect("crew7");
    const before = await snapshot();
    const bad: [string, unknown][] = [
      ["message:send", undefined],
      ["message:send", null],
      ["message:send", "hello"],
      ["message:send", { roomId, clientKey: key() }],
      ["message:send", { roomId, body: "   ", clientKey: key() }],
      ["message:send", { roomId, body: "x".repeat(4001), clientKey: key() }],
      ["message:send", { roomId, body: "hi", clientKey: "short" }],
      ["message:send", { roomId: "not-a-uuid", body: "hi", clientKey: key() }],
      ["message:send", { roomId, body: "hi", clientKey: key(), mentions: "everyone" }],
      ["message:send", { roomId, body: "hi", clientKey: key(), mentions: ["not-a-uuid"] }],
      ["message:send", { roomId, body: "hi", clientKey: key(), extra: true }],
      ["message:edit", { messageId: message.id }],
      ["message:edit", { messageId: message.id, body: "" }],
      ["message:edit", { messageId: 42, body: "x" }],
      ["message:delete", {}],
      ["message:delete", { messageId: "../etc" }],
      ["message:history", { roomId, limit: 0 }],
      ["message:history", { roomId, limit: 101 }],
      ["message:history", { roomId, limit: "10" }],
      ["message:history", { roomId, before: "yesterday" }],
      ["message:read", { roomId }],
      ["message:read", { roomId, messageId: message.id, extra: 1 }],
      ["typing:update", { roomId, typing: "yes" }],
      ["typing:update", { roomId }],
      ["chat:talk_to_manager", { managerId: "manager2" }],
      ["chat:talk_to_manager", { whoever: true }],
      ["chat:talk_to_manager", null],
      ["chat:rooms", { all: true }],
      ["presence:set", { status: "offline" }],
      ["presence:set", { status: "online", place: "moon" }],
      ["presence:set", {}],
      ["presence:list", { everyone: true }],
    ];
    for (const [event, payload] of bad) {
      const answer = await crew7.request(event, payload);
      expect(answer, `${event} ${JSON.stringify(payload)?.slice(0, 80)}`).toMatchObject({
        ok: false,
        error: { code: "validation.failed" },
      });
    }
    // a message id from another room in message:read
    const elsewhere = await t.db.prisma.message.findFirstOrThrow({ where: { roomId: { not: roomId } } });
    expect(await crew7.request("message:read", { roomId, messageId: elsewhere.id })).toMatchObject({
      ok: false,
      error: { code: "validation.failed", errors: [{ path: "payload.messageId" }] },
    });
    // no ack at all: tolerated
    (crew7.socket as unknown as { emit(e: string, p: unknown): void }).emit("message:send", { nonsense: true });
    await pause(100);
    expect(await snapshot()).toEqual(before);
    expect(crew7.socket.connected).toBe(true);
    ok(await crew7.request("chat:rooms", {}));
  });

  it("presence: online, away with today's place, offline — seen by someone who shares a room, not by others", async () => {
    const crew7Id = await idOf("crew7");
    const manager2 = await connect("manager2");
    const sato = await connect("client-a1");
    const about = (s: TestSocket) => othersOf<Presence>(s, "presence:updated").filter((p) => p.user.id === crew7Id);
    const after = (mark: number, pred: (p: Presence) => boolean) => () => about(manager2).slice(mark).some(pred);

    let mark = about(manager2).length;
    const crew7 = await connect("crew7");
    await manager2.waitFor(
      after(mark, (p) => p.status === "online"),
      5000,
      "crew7 online",
    );
    // no word from crew7 today yet: the check-in's place (office in the demo data)
    expect(
      about(manager2)
        .slice(mark)
        .find((p) => p.status === "online"),
    ).toEqual({
      user: { id: crew7Id, name: "松本 結衣", displayName: "ゆい", role: "crew" },
      status: "online",
      place: "office",
    });
    const listed = () =>
      manager2
        .request<{ items: Presence[] }>("presence:list", {})
        .then((a) => ok(a).items.find((p) => p.user.id === crew7Id));
    expect(await listed()).toMatchObject({ status: "online", place: "office" });

    mark = about(manager2).length;
    const set = ok(await crew7.request<Presence>("presence:set", { status: "away", place: "home" }));
    expect(set).toMatchObject({ status: "away", place: "home" });
    await manager2.waitFor(
      after(mark, (p) => p.status === "away" && p.place === "home"),
      5000,
      "crew7 away at home",
    );
    const stored = await t.db.prisma.user.findUniqueOrThrow({ where: { id: crew7Id } });
    expect(stored.todayPlace).toBe("home");
    expect(stored.todayPlaceDay!.toISOString().slice(0, 10)).toBe(companyDay());
    expect(await listed()).toMatchObject({ status: "away", place: "home" });

    mark = about(manager2).length;
    crew7.close();
    await manager2.waitFor(
      after(mark, (p) => p.status === "offline"),
      5000,
      "crew7 offline",
    );
    expect(await listed()).toMatchObject({ status: "offline", place: "home" });

    // Sato (company A) shares no room with crew7 (team B): neither the updates nor the list show crew7
    await pause(200);
    expect(about(sato)).toEqual([]);
    const satoList = ok(await sato.request<{ items: Presence[] }>("presence:list", {})).items;
    expect(satoList.length).toBeGreaterThan(0);
    expect(satoList.some((p) => p.user.id === crew7Id)).toBe(false);
    expect(satoList.some((p) => p.user.id === sato.socket.id)).toBe(false);
    // the people Sato does share a room with are there, with a status
    const manager1 = satoList.find((p) => p.user.id === apis.get("manager1")?.user?.id);
    expect(manager1?.status).toMatch(/^(online|away|offline)$/);
  });

  it("a client sees whether the crew in their order are online, never where they work today", async () => {
    const crew3Id = await idOf("crew3");
    const sato = await connect("client-a1");
    const manager1 = await connect("manager1");
    const crew3 = await connect("crew3");
    ok(await crew3.request<Presence>("presence:set", { status: "online", place: "home" }));
    const seen = (s: TestSocket) =>
      othersOf<Presence>(s, "presence:updated").filter((p) => p.user.id === crew3Id && p.status === "online");
    await sato.waitFor(() => seen(sato).length > 0, 5000, "crew3 online at Sato");
    await manager1.waitFor(() => seen(manager1).some((p) => p.place === "home"), 5000, "crew3 at home at manager1");
    expect(seen(sato).every((p) => p.place === null)).toBe(true);
    const listed = ok(await sato.request<{ items: Presence[] }>("presence:list", {})).items.find(
      (p) => p.user.id === crew3Id,
    );
    expect(listed).toMatchObject({ status: "online", place: null });
    crew3.close();
  });
});
