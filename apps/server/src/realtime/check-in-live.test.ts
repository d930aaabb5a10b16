// Issue 12: a check-in makes the crew overview live. check_in:updated goes to the team's managers'
// room only — its own managers and admins — never the team room (crew are in it too); it carries
// what the overview shows and whether there is a note, never a note's text. Joining and syncing
// that room follow the same policy.
import { afterAll, beforeAll, expect, it } from "vitest";
import { rooms, type CheckInLive, type RoomEnvelope } from "@crewboard/contracts";
import { describeEachDatabase, startTestApp, type TestApp } from "../test/test-app.ts";
import { connectSocket, type TestSocket } from "../test/socket-client.ts";
import type { ApiClient } from "../test/api-client.ts";
import { sleep } from "../test/instances.ts";

const PEOPLE = ["admin", "manager1", "manager2", "crew1", "crew2", "client-a1"] as const;
type Who = (typeof PEOPLE)[number];

describeEachDatabase("check_in:updated (the live crew overview)", (kind) => {
  let t: TestApp;
  const api = {} as Record<Who, ApiClient>;
  const socket = {} as Record<Who, TestSocket>;
  let teamRoom: string;

  beforeAll(async () => {
    t = await startTestApp(kind);
    for (const who of PEOPLE) {
      api[who] = await t.as(who);
      socket[who] = await connectSocket(t.baseUrl, api[who]);
    }
    await Promise.all(PEOPLE.map((who) => socket[who].sync()));
    const { teamId } = await t.db.prisma.user.findUniqueOrThrow({
      where: { id: api.crew1.user!.id },
      select: { teamId: true },
    });
    teamRoom = rooms.teamManagers(teamId!);
  });
  afterAll(async () => {
    for (const who of PEOPLE) socket[who]?.close();
    await t?.close();
  });

  const live = (who: Who) => socket[who].eventsOf("check_in:updated") as RoomEnvelope<CheckInLive>[];

  it("reaches the team's managers and admins saying only that it changed — no condition, place or note; not the crew, not another team's manager, not clients", async () => {
    const res = await api.crew1.put("/check-ins/today", {
      condition: "tired",
      place: "home",
      note: "秘密のメモ：よく眠れなかった",
      noteShared: false,
    });
    expect(res.status, res.text).toBe(200);
    await socket.manager1.waitFor(() => live("manager1").length === 1, 5000, "manager1's event");
    await socket.admin.waitFor(() => live("admin").length === 1, 5000, "admin's event");
    await sleep(300);
    for (const who of ["manager1", "admin"] as const) {
      const [e] = live(who);
      expect(e!.room).toBe(teamRoom);
      expect(e!.data).toMatchObject({ user: { id: api.crew1.user!.id } });
      // health data is read over REST, where each read is audited: the event names none of it
      expect(Object.keys(e!.data).sort()).toEqual(["day", "id", "teamId", "updatedAt", "user"]);
      expect(JSON.stringify(e)).not.toContain("秘密のメモ");
      expect(JSON.stringify(e)).not.toContain("tired");
    }
    for (const who of ["crew1", "crew2", "manager2", "client-a1"] as const) expect(live(who), who).toEqual([]);
    // the stored copy (for replay) has no note either
    const stored = await t.db.prisma.roomEvent.findMany({ where: { room: teamRoom } });
    expect(stored.length).toBe(1);
    expect(JSON.stringify(stored[0]!.payload)).not.toContain("秘密のメモ");
  });

  it("a change of the check-in is heard too, in order", async () => {
    const res = await api.crew1.put("/check-ins/today", { condition: "good" });
    expect(res.status, res.text).toBe(200);
    await socket.manager1.waitFor(() => live("manager1").length === 2, 5000, "the second event");
    const [first, second] = live("manager1");
    expect(second!.seq).toBe(first!.seq + 1);
    expect(second!.data.updatedAt > first!.data.updatedAt).toBe(true);
    expect(JSON.stringify(second!.data)).not.toContain("good");
  });

  it("joining or syncing the room follows the policy: the team's crew and another team's manager are refused", async () => {
    for (const who of ["crew2", "manager2", "client-a1"] as const) {
      const join = await socket[who].request("room:join", { room: teamRoom });
      expect(join.ok, who).toBe(false);
      const sync = await socket[who].request<{ rooms: Record<string, unknown> }>("sync:request", {
        rooms: { [teamRoom]: 0 },
      });
      expect(sync.ok).toBe(true);
      if (sync.ok) expect(sync.data.rooms[teamRoom], who).toEqual({ error: "auth.forbidden" });
    }
    // the team's manager catches up from the start (a reconnect): both events, in order
    const replay = await socket.manager1.request<{ rooms: Record<string, { events: RoomEnvelope[] }> }>(
      "sync:request",
      { rooms: { [teamRoom]: 0 } },
    );
    expect(replay.ok).toBe(true);
    if (replay.ok)
      expect(replay.data.rooms[teamRoom]!.events.map((e) => e.event)).toEqual(["check_in:updated", "check_in:updated"]);
  });
});
