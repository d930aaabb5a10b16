// Issue 12: clients see the operating company's people by display name only. The unit part pins
// the rewrite; the rest walks what the demo's clients read (every list and detail their screens
// call, over REST and Socket.IO) and what they hear live (a crew member's message that mentions
// them, typing, presence), and looks for any full name or crew email in it.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Ack, ChatRoomSummary, Message } from "@crewboard/contracts";
import { displayNameOf } from "@crewboard/domain";
import { forViewer, withDisplayNames } from "./client-view.ts";
import { describeEachDatabase, startTestApp, type TestApp } from "../test/test-app.ts";
import { connectSocket, type TestSocket } from "../test/socket-client.ts";
import type { ApiClient } from "../test/api-client.ts";

const person = (role: "admin" | "manager" | "crew" | "client", name: string, displayName: string) => ({
  id: randomUUID(),
  name,
  displayName,
  role,
});

describe("withDisplayNames", () => {
  it("names every person of the company by display name, at any depth, and leaves clients and other objects alone", () => {
    const crew = person("crew", "小林 彩香", "小林");
    const manager = person("manager", "高橋 真理子", "高橋");
    const client = person("client", "佐藤 美咲", "佐藤");
    const value = {
      author: crew,
      items: [{ assignee: manager, createdBy: client }],
      team: { id: randomUUID(), name: "A" },
      title: "小林 彩香",
    };
    expect(withDisplayNames(value)).toEqual({
      author: { ...crew, name: "小林" },
      items: [{ assignee: { ...manager, name: "高橋" }, createdBy: client }],
      team: value.team,
      title: "小林 彩香", // free text is the writer's: only people are rewritten
    });
    expect(value.author.name).toBe("小林 彩香"); // a copy, the mapper's value is untouched
  });

  it("rewrites for clients only", () => {
    const body = { author: person("crew", "加藤 健太", "加藤") };
    for (const role of ["admin", "manager", "crew"] as const) expect(forViewer({ role }, body)).toBe(body);
    expect(forViewer({ role: "client" }, body).author.name).toBe("加藤");
    expect(forViewer(undefined, body)).toBe(body);
  });

  it("the fallback is the name's first word", () => {
    expect(displayNameOf({ name: "小林 彩香", displayName: null })).toBe("小林");
    expect(displayNameOf({ name: "小林　彩香", displayName: "  " })).toBe("小林");
    expect(displayNameOf({ name: "小林 彩香", displayName: "あやか" })).toBe("あやか");
  });
});

function ok<T>(answer: Ack<T>): T {
  if (!answer.ok)
    throw new Error(`expected ok, got ${answer.error.code}: ${answer.error.detail ?? answer.error.title}`);
  return answer.data;
}

describeEachDatabase("clients never receive a full name", (kind) => {
  let t: TestApp;
  const open: TestSocket[] = [];
  let employees: { id: string; name: string; displayName: string | null; email: string; role: string }[];

  beforeAll(async () => {
    t = await startTestApp(kind);
    employees = await t.db.prisma.user.findMany({
      where: { role: { not: "client" } },
      select: { id: true, name: true, displayName: true, email: true, role: true },
    });
  });
  afterAll(async () => {
    for (const s of open) s.close();
    await t?.close();
  });

  function leaksIn(text: string): string[] {
    const leaks: string[] = [];
    for (const e of employees) {
      if (text.includes(e.name)) leaks.push(`${e.role} full name ${e.name}`);
      if (text.includes(e.email)) leaks.push(`${e.role} email ${e.email}`);
    }
    return leaks;
  }

  /** Every read a client's screens make, with the ids they can see; the bodies concatenated. */
  async function readAllAs(api: ApiClient, socket: TestSocket): Promise<string> {
    const bodies: unknown[] = [];
    const get = async (path: string) => {
      const r = await api.get(path);
      expect(r.status, path).toBe(200);
      bodies.push(r.body);
      return r.body;
    };
    await get("/me");
    await get("/auth/session");
    await get("/crew");
    await get("/notifications");
    const followUps = await get("/follow-ups");
    for (const f of followUps.items as { id: string }[]) await get(`/follow-ups/${f.id}`);
    const orders = await get("/work-orders?limit=100");
    expect(orders.items.length).toBeGreaterThan(0);
    for (const o of orders.items as { id: string }[]) {
      await get(`/work-orders/${o.id}`);
      await get(`/work-orders/${o.id}/deliverables`);
      await get(`/work-orders/${o.id}/feedback`);
    }
    const tasks = await get("/tasks?limit=100");
    expect(tasks.items.length).toBeGreaterThan(0);
    for (const task of tasks.items as { id: string }[]) {
      await get(`/tasks/${task.id}`);
      await get(`/tasks/${task.id}/progress`);
    }
    const rooms = ok(await socket.request<{ items: ChatRoomSummary[] }>("chat:rooms", {}));
    bodies.push(rooms);
    for (const room of rooms.items) bodies.push(ok(await socket.request("message:history", { roomId: room.id })));
    bodies.push(ok(await socket.request("presence:list", {})));
    bodies.push(await socket.sync());
    return JSON.stringify(bodies);
  }

  it("in every answer a client reads and every event a client hears, including a crew member's mention", async () => {
    const room = await t.db.prisma.chatRoom.findFirstOrThrow({
      where: {
        kind: "work_order",
        workOrder: { clientCompany: { nameEn: { contains: "Sakura" } } },
        members: { some: { user: { role: "crew" } } },
      },
      include: { members: { include: { user: true } } },
    });
    const crewRow = room.members.find((m) => m.user.role === "crew")!.user;
    const [sato, tanaka, manager1, crew] = await Promise.all(
      ["client-a1", "client-b1", "manager1", crewRow.email.split("@")[0]!].map((n) => t.as(n)),
    );
    const sockets = await Promise.all([sato, tanaka, manager1, crew].map((a) => connectSocket(t.baseUrl, a!)));
    open.push(...sockets);
    const [satoSocket, tanakaSocket, managerSocket, crewSocket] = sockets as [
      TestSocket,
      TestSocket,
      TestSocket,
      TestSocket,
    ];
    for (const s of sockets) await s.sync();

    // live: a crew member mentions the client in the order's room, and types
    const sent = ok(
      await crewSocket.request<Message>("message:send", {
        roomId: room.id,
        body: "佐藤様、ご確認ありがとうございます。",
        mentions: [sato!.user!.id],
        clientKey: `k-${randomUUID()}`,
      }),
    );
    ok(await crewSocket.request("typing:update", { roomId: room.id, typing: true }));
    const byId = (s: TestSocket) => s.eventsOf("message:created").find((e) => (e.data as Message).id === sent.id);
    await satoSocket.waitFor(() => byId(satoSocket) !== undefined, 5000, "the message");
    await satoSocket.waitFor(
      () => satoSocket.eventsOf("notification:created").some((e) => JSON.stringify(e.data).includes(sent.id)),
      5000,
      "the mention",
    );
    await satoSocket.waitFor(() => satoSocket.other.some(([e]) => e === "typing:updated"), 5000, "typing");
    await managerSocket.waitFor(() => byId(managerSocket) !== undefined, 5000, "the message (manager)");

    // the client hears the crew member by display name, the manager by name
    const shown = displayNameOf(crewRow);
    expect(shown).not.toBe(crewRow.name);
    expect((byId(satoSocket)!.data as Message).author).toMatchObject({ name: shown, displayName: shown });
    expect((byId(managerSocket)!.data as Message).author).toMatchObject({ name: crewRow.name, displayName: shown });
    const mention = satoSocket.eventsOf("notification:created").find((e) => JSON.stringify(e.data).includes(sent.id))!;
    expect((mention.data as { data: { authorName: string } }).data.authorName).toBe(shown);
    const typing = satoSocket.other.find(([e]) => e === "typing:updated")![1] as { user: { name: string } };
    expect(typing.user.name).toBe(shown);

    // everything each client reads and heard
    for (const [api, socket] of [
      [sato!, satoSocket],
      [tanaka!, tanakaSocket],
    ] as const) {
      const text = (await readAllAs(api, socket)) + JSON.stringify([socket.events, socket.other]);
      expect(leaksIn(text), api.user!.email).toEqual([]);
    }
    // and the check can fail: the manager's view of the same reads names people in full
    const managerText = await readAllAs(manager1!, managerSocket);
    expect(leaksIn(managerText).length).toBeGreaterThan(0);
  });
});
