// Issue 9 barrier 13: "usually answers within …" on Talk to a manager — the median minutes from a
// question in a direct or support room to a manager's first answer, over the last 30 days.
import { afterAll, beforeAll, expect, it } from "vitest";
import type { ReplyTime } from "@crewboard/contracts";
import { describeEachDatabase, startTestApp, type TestApp } from "../../test/test-app.ts";
import { connectSocket } from "../../test/socket-client.ts";
import { MIN_ANSWERED, usualReplyTime } from "./reply-time.ts";

describeEachDatabase("usual reply time", (kind) => {
  let t: TestApp;
  // far from the seed's messages, so the window holds only this test's conversation
  const now = new Date("2100-03-31T09:00:00Z");
  const at = (daysAgo: number, minute: number) =>
    new Date(now.getTime() - daysAgo * 86_400_000 + minute * 60_000 - 12 * 3_600_000);

  beforeAll(async () => {
    t = await startTestApp(kind);
  });
  afterAll(() => t?.close());

  const userId = async (name: string) =>
    (await t.db.prisma.user.findUniqueOrThrow({ where: { email: `${name}@crewboard.example` } })).id;

  it("the median of the answered questions of the last 30 days, each turn counted once; null with too few", async () => {
    const crew1 = await userId("crew1");
    const crew2 = await userId("crew2");
    const manager1 = await userId("manager1");
    const manager2 = await userId("manager2");
    const room = await t.db.prisma.chatRoom.create({ data: { kind: "support", requesterId: crew1 } });
    const direct = await t.db.prisma.chatRoom.create({ data: { kind: "direct", directKey: `${crew2}:${manager2}:t` } });
    const team = await t.db.prisma.chatRoom.findFirstOrThrow({ where: { kind: "team" } });
    const say = (roomId: string, authorId: string, when: Date, deleted = false) =>
      t.db.prisma.message.create({
        data: { roomId, authorId, body: "…", createdAt: when, deletedAt: deleted ? when : null },
      });

    // two questions answered: 10 and 30 minutes (the second crew line of a turn is not a new question)
    await say(room.id, crew1, at(3, 0));
    await say(room.id, crew1, at(3, 5));
    await say(room.id, manager1, at(3, 10));
    await say(room.id, crew1, at(2, 0));
    await say(room.id, manager1, at(2, 30));
    // outside the window (31 days ago), and a team room: not counted
    await say(direct.id, crew2, at(31, 0));
    await say(direct.id, manager2, at(31, 1));
    await say(team.id, crew2, at(1, 0));
    await say(team.id, manager1, at(1, 2));
    expect(await usualReplyTime(t.db.prisma, now)).toEqual({ medianMinutes: null, answered: 2 });
    expect(MIN_ANSWERED).toBe(3);

    // a third answered question (50 minutes): the median of 10, 30, 50 is 30
    await say(direct.id, crew2, at(1, 0));
    await say(direct.id, manager2, at(1, 50));
    // an unanswered question and a deleted one change nothing
    await say(direct.id, crew2, at(0, 0));
    await say(room.id, crew1, at(1, 0), true);
    expect(await usualReplyTime(t.db.prisma, now)).toEqual({ medianMinutes: 30, answered: 3 });
  });

  it("answers every signed-in user over the socket with one company-wide figure", async () => {
    for (const who of ["crew3", "client-a1", "manager1"]) {
      const api = await t.as(who);
      const s = await connectSocket(t.baseUrl, api);
      const answer = await s.request<ReplyTime>("chat:reply_time", {});
      s.close();
      expect(answer.ok, who).toBe(true);
      if (!answer.ok) continue;
      expect(answer.data.answered).toBeGreaterThanOrEqual(0);
      expect(Object.keys(answer.data).sort()).toEqual(["answered", "medianMinutes"]);
    }
  });
});
