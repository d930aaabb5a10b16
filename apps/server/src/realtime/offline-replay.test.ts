// An offline client's queue sent three times (issue 13, faults): the web app keeps a progress
// update (REST, with its Idempotency-Key) and a chat message (socket, with its clientKey) while the
// network is gone, and sends them again on every reconnect without knowing whether an earlier
// attempt arrived. Three attempts — one, then two racing, each message on a new connection — take
// effect exactly once: one row, one task version step, one audit row, one event in each room
// (counted on another tab of the same person, duplicates included).
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Message } from "@crewboard/contracts";
import { describeEachDatabase, startTestApp, type TestApp } from "../test/test-app.ts";
import { connectSocket, type TestSocket } from "../test/socket-client.ts";
import type { ApiClient } from "../test/api-client.ts";
import { isEnvelope, recordRaw, sleep, type RawEvent } from "../test/instances.ts";

describeEachDatabase("an offline client's queue sent three times", (kind) => {
  let t: TestApp;
  let crew: ApiClient;
  const open: TestSocket[] = [];
  const connect = async () => {
    const s = await connectSocket(t.baseUrl, crew);
    open.push(s);
    return s;
  };
  beforeAll(async () => {
    t = await startTestApp(kind);
    crew = await t.as("crew1");
  });
  afterAll(async () => {
    for (const s of open) s.close();
    await t?.close();
  });

  it(
    "the same progress update and the same chat message, each sent three times, take effect once",
    { timeout: 180_000 },
    async () => {
      const p = t.db.prisma;
      const task = await p.task.findFirstOrThrow({
        where: { assigneeId: crew.user!.id, workOrder: { status: { in: ["accepted", "in_progress"] } } },
      });
      // another tab of the same person, in every room the queue touches
      const tab = await connect();
      const raw: RawEvent[] = recordRaw(tab);
      const rooms = (
        (await tab.request<{ items: { id: string }[] }>("chat:rooms", {})) as {
          data: { items: { id: string }[] };
        }
      ).data.items;
      const roomId = rooms[0]!.id;
      await tab.sync({ [`work-order:${task.workOrderId}`]: 0, [`chat:${roomId}`]: 0 });

      // the progress update: once, then twice at the same time (two reconnects racing)
      const key = `offline-${randomUUID()}`;
      const note = `queued offline ${randomUUID().slice(0, 8)}`;
      const body = { percent: 55, note, minutesSpent: 20 };
      const send = () => crew.post(`/tasks/${task.id}/progress`, body, { headers: { "Idempotency-Key": key } });
      const first = await send();
      expect(first.status, first.text).toBe(201);
      const again = await Promise.all([send(), send()]);
      for (const res of again) {
        expect(res.status, res.text).toBe(201);
        expect(res.body).toEqual(first.body);
      }
      const progressId = first.body.progressUpdate.id as string;

      // the chat message: three attempts, each on a new connection (the client came back online each time)
      const clientKey = `offline-${randomUUID()}`;
      const answers: string[] = [];
      for (let attempt = 0; attempt < 3; attempt++) {
        const s = await connect();
        const answer = await s.request<Message>("message:send", {
          roomId,
          body: "オフライン中に書いたメッセージ",
          clientKey,
        });
        expect(answer.ok, JSON.stringify(answer)).toBe(true);
        answers.push((answer as { data: Message }).data.id);
        s.close();
      }
      expect(new Set(answers).size).toBe(1);
      const messageId = answers[0]!;

      await sleep(500);
      // the database: one row each, the task moved one version, one audit row
      expect(await p.progressUpdate.count({ where: { taskId: task.id, note } })).toBe(1);
      expect(await p.message.count({ where: { clientKey } })).toBe(1);
      expect((await p.task.findUniqueOrThrow({ where: { id: task.id } })).version).toBe(task.version + 1);
      const audits = await p.auditEvent.findMany({ where: { entityId: task.id, createdAt: { gte: task.updatedAt } } });
      expect(
        audits.filter((a) => (a.metadata as { progressUpdateId?: string } | null)?.progressUpdateId === progressId),
      ).toHaveLength(1);
      // the rooms: one event each, and not one duplicate delivery
      const delivered = (event: string, match: (data: Record<string, unknown>) => boolean) =>
        raw.filter(
          (r) => r.event === event && isEnvelope(r.payload) && match(r.payload.data as Record<string, unknown>),
        );
      expect(delivered("progress:created", (d) => (d.progressUpdate as { id: string }).id === progressId)).toHaveLength(
        1,
      );
      expect(delivered("message:created", (d) => d.id === messageId)).toHaveLength(1);
      const stored = await p.roomEvent.findMany({
        where: { event: { in: ["progress:created", "message:created"] }, createdAt: { gte: task.updatedAt } },
      });
      // stored once per room it went to (the replays added none)
      const roomsOf = (id: string) => stored.filter((e) => JSON.stringify(e.payload).includes(id)).map((e) => e.room);
      expect(roomsOf(progressId).length).toBeGreaterThan(0);
      expect(new Set(roomsOf(progressId)).size).toBe(roomsOf(progressId).length);
      expect(roomsOf(messageId)).toEqual([`chat:${roomId}`]);
    },
  );
});
