// A crew member accepting an urgent offer while a manager assigns the same task to someone else,
// at the same moment, many times, on PostgreSQL (PGlite runs one transaction at a time, so it
// cannot show this). Both write the offer and the task: if they took their locks in opposite
// orders (accept: offer, then task; assign: task, then offer) PostgreSQL would find a deadlock,
// abort one of them and the write would be run again or answer 500. Here exactly one of the two
// wins every round, the other gets an honest 409, nothing deadlocks and nothing is half done.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { UrgentOffer } from "@crewboard/contracts";
import { databaseKinds, startTestApp, type TestApp } from "../../test/test-app.ts";
import type { ApiClient } from "../../test/api-client.ts";

const ROUNDS = 20;
const ALL_DAYS = [1, 2, 3, 4, 5, 6, 7];
const pg = databaseKinds().find((k) => k.kind === "postgresql")!;

(pg.available ? describe : describe.skip)(
  `accepting an urgent offer while a manager assigns its task — ${pg.label}`,
  () => {
    let t: TestApp;
    let manager1: ApiClient, crew1: ApiClient, crew2: ApiClient;

    const deadlocks = async () => {
      const [row] = await t.db.prisma.$queryRaw<{ n: bigint }[]>`
      SELECT deadlocks AS n FROM pg_stat_database WHERE datname = current_database()`;
      return Number(row!.n);
    };

    beforeAll(async () => {
      t = await startTestApp("postgresql");
      await t.db.prisma.user.updateMany({ where: { role: "crew" }, data: { workingDays: ALL_DAYS } });
      [manager1, crew1, crew2] = await Promise.all([t.as("manager1"), t.as("crew1"), t.as("crew2")]);
    });
    afterAll(async () => {
      await t?.close();
    });

    it(
      `${ROUNDS} rounds of accept and assign at once: one wins each time, the other gets 409, no deadlock, no 500`,
      { timeout: 240_000 },
      async () => {
        const p = t.db.prisma;
        const clientUser = await p.user.findUniqueOrThrow({ where: { email: "client-a1@crewboard.example" } });
        const deadlocksBefore = await deadlocks();
        const outcomes: Record<string, number> = {};
        const slow: number[] = [];
        for (let round = 0; round < ROUNDS; round++) {
          const order = await p.workOrder.create({
            data: {
              clientCompanyId: clientUser.clientCompanyId!,
              createdById: clientUser.id,
              title: `Race ${round} ${randomUUID().slice(0, 6)}`,
              dueAt: new Date(Date.now() + 3 * 86_400_000),
              status: "accepted",
              acceptedAt: new Date(),
              version: 2,
              priority: "urgent",
              tasks: { create: { title: "至急", estimateMinutes: 60 } },
            },
            include: { tasks: true },
          });
          const taskId = order.tasks[0]!.id;
          const created = await manager1.post<UrgentOffer>("/urgent-offers", {
            taskId,
            crewIds: [crew1.user!.id],
            expiresAt: new Date(Date.now() + 30 * 60_000).toISOString(),
          });
          expect(created.status, created.text).toBe(201);
          const { version } = (await manager1.get(`/tasks/${taskId}`)).body as { version: number };

          // the two sent together; one of them a little later in some rounds, to cover both orders
          const later = (ms: number) => new Promise((r) => setTimeout(r, ms));
          const started = performance.now();
          const [accept, assign] = await Promise.all([
            later(round % 2 ? (round % 5) * 10 : 0).then(() => crew1.post(`/urgent-offers/${created.body.id}/accept`)),
            later(round % 2 ? 0 : round % 4).then(() =>
              manager1.patch(`/tasks/${taskId}`, { version, assigneeId: crew2.user!.id }),
            ),
          ]);
          slow.push(performance.now() - started);
          const outcome = `accept ${accept.status} ${accept.body?.code ?? ""} / assign ${assign.status} ${assign.body?.code ?? ""}`;
          outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;

          const task = await p.task.findUniqueOrThrow({ where: { id: taskId } });
          const offer = await p.urgentOffer.findUniqueOrThrow({ where: { id: created.body.id } });
          if (accept.status === 200) {
            expect(assign.status, outcome).toBe(409);
            expect(assign.body.code).toBe("task.version_conflict");
            expect(task.assigneeId).toBe(crew1.user!.id);
            expect(offer).toMatchObject({ status: "taken", takenById: crew1.user!.id });
          } else {
            expect(accept.status, outcome).toBe(409);
            expect(accept.body.code).toBe("offer.expired");
            expect(assign.status, outcome).toBe(200);
            expect(task.assigneeId).toBe(crew2.user!.id);
            expect(offer).toMatchObject({ status: "cancelled", takenById: null, endReason: "assigned" });
          }
        }
        // pg_stat_database is written a moment after the transactions end
        await new Promise((r) => setTimeout(r, 1500));
        const found = (await deadlocks()) - deadlocksBefore;
        slow.sort((a, b) => a - b);
        console.log(
          `[accept vs assign] ${ROUNDS} rounds: ${JSON.stringify(outcomes)}; deadlocks: ${found}; slowest pair ${slow.at(-1)!.toFixed(0)} ms, median ${slow[ROUNDS >> 1]!.toFixed(0)} ms`,
        );
        expect(found, "deadlocks PostgreSQL found (each costs deadlock_timeout and a rerun)").toBe(0);
      },
    );
  },
);
