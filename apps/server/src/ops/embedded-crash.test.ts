// Embedded mode killed with `kill -9` during writes (issue 13, faults): the real server process on
// a private data folder (PGlite), four crew writers logging progress with Idempotency-Keys, SIGKILL
// while they write, then a restart on the same folder. Every write the server acknowledged (201)
// must be there, once, with its task's version and minutes moved by exactly as many steps (the
// transaction is all or nothing); a write that was in flight at the kill may or may not be, and
// sending it again with its key (what the web app's queue does) makes it take effect exactly once.
// It fails if the server answers before the commit is on disk, or if a commit is torn.
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { ApiClient } from "../test/api-client.ts";
import { runNpm, startServerProcess, type ServerProcess } from "../test/server-process.ts";

interface Write {
  key: string;
  taskId: string;
  note: string;
  state: "in_flight" | "acked" | "refused" | "lost";
}

interface TaskState {
  id: string;
  version: number;
  minutesSpent: number;
}

describe("embedded mode: kill -9 during writes, restart on the same data folder", () => {
  let work: string;
  let server: ServerProcess | undefined;
  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), "crewboard-crash-"));
  });
  afterAll(async () => {
    if (server && server.child.exitCode === null) server.child.kill("SIGKILL");
    await server?.exited;
    rmSync(work, { recursive: true, force: true });
  });

  it(
    "every acknowledged write is there once after the restart; in-flight ones sent again take effect once",
    { timeout: 240_000 },
    async () => {
      const env = { CREWBOARD_DATA_DIR: join(work, "data"), CREWBOARD_DEMO: "false" };
      // the demo data from the test template (a PGlite backup), restored into the empty folder
      const t0 = performance.now();
      const seconds = (from: number) => ((performance.now() - from) / 1000).toFixed(1);
      const seeded = await runNpm("db:restore", [inject("embeddedTemplateFile")], env);
      expect(seeded.code, seeded.output).toBe(0);
      server = await startServerProcess(env);
      const started = seconds(t0);

      // each writer is a crew member with an open task of their own
      const writers: { api: ApiClient; taskId: string }[] = [];
      for (const email of ["crew1", "crew2", "crew3", "crew4", "crew5", "crew6"].map((n) => `${n}@crewboard.example`)) {
        const api = await new ApiClient(server.baseUrl).login(email);
        const tasks = (await api.get("/tasks?assigneeId=me&status=todo,doing&limit=50")).body.items as {
          id: string;
          workOrder?: { status?: string };
        }[];
        for (const task of tasks) {
          const probe = await api.post(`/tasks/${task.id}/progress`, { percent: 5, note: "probe", minutesSpent: 0 });
          if (probe.status === 201) {
            writers.push({ api, taskId: task.id });
            break;
          }
        }
        if (writers.length === 4) break;
      }
      expect(writers.length).toBe(4);
      const before = new Map<string, TaskState>();
      for (const w of writers) {
        const task = (await w.api.get(`/tasks/${w.taskId}`)).body as TaskState;
        before.set(w.taskId, { id: task.id, version: task.version, minutesSpent: task.minutesSpent });
      }

      const run = randomUUID().slice(0, 8);
      const writes: Write[] = [];
      let killed = false;
      const send = (w: { api: ApiClient }, write: Write) =>
        w.api.post(
          `/tasks/${write.taskId}/progress`,
          { percent: 40, note: write.note, minutesSpent: 1 },
          { headers: { "Idempotency-Key": write.key } },
        );
      // each writer sends one after another, as fast as the server answers, until the connection fails
      const writingFrom = performance.now();
      const writing = writers.map(async (w, n) => {
        for (let i = 0; !killed; i++) {
          const write: Write = {
            key: `crash-${run}-${n}-${i}`,
            taskId: w.taskId,
            note: `crash ${run} writer ${n} #${i}`,
            state: "in_flight",
          };
          writes.push(write);
          try {
            const res = await send(w, write);
            write.state = res.status === 201 ? "acked" : "refused";
            if (res.status !== 201) throw new Error(`write refused before the kill: ${res.status} ${res.text}`);
          } catch (error) {
            if (!killed) throw error;
            if (write.state === "in_flight") write.state = "lost"; // no answer: in flight at the kill
            return;
          }
        }
      });
      const acked = () => writes.filter((w) => w.state === "acked").length;
      // mid-stream: once a good number are acknowledged, while all four writers have one in flight
      await expect.poll(acked, { timeout: 60_000, interval: 20 }).toBeGreaterThanOrEqual(60);
      killed = true;
      const wrote = seconds(writingFrom);
      server.child.kill("SIGKILL");
      expect(await server.exited).toBeNull(); // killed by the signal, no exit code
      await Promise.all(writing);

      const ackedWrites = writes.filter((w) => w.state === "acked");
      const inFlight = writes.filter((w) => w.state === "lost");
      expect(writes.filter((w) => w.state === "refused")).toEqual([]);

      // the restart on the same folder (the control socket the killed process left is stale)
      const restartFrom = performance.now();
      server = await startServerProcess(env);
      const restarted = seconds(restartFrom);
      const crewApis = await Promise.all(
        writers.map(async (w) => new ApiClient(server!.baseUrl).login(w.api.user!.email)),
      );
      const notesOf = async (api: ApiClient, taskId: string) => {
        const notes: string[] = [];
        let cursor: string | null = null;
        do {
          const res = await api.get(
            `/tasks/${taskId}/progress?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
          );
          expect(res.status, res.text).toBe(200);
          for (const p of res.body.items as { note: string }[])
            if (p.note.startsWith(`crash ${run} `)) notes.push(p.note);
          cursor = res.body.nextCursor as string | null;
        } while (cursor);
        return notes;
      };
      const present = async () => (await Promise.all(writers.map((w, n) => notesOf(crewApis[n]!, w.taskId)))).flat();

      const afterRestart = await present();
      const presentAfterRestart = new Set(afterRestart);
      const inFlightPresent = inFlight.filter((w) => presentAfterRestart.has(w.note)).length;
      console.log(
        `embedded kill -9 (restore and start ${started} s, writes for ${wrote} s, restart ${restarted} s): ${writes.length} writes sent, ${ackedWrites.length} acknowledged, ${inFlight.length} in flight at the kill; ` +
          `after the restart ${afterRestart.length} present (${ackedWrites.filter((w) => presentAfterRestart.has(w.note)).length} of the acknowledged, ${inFlightPresent} of those in flight)`,
      );
      expect(ackedWrites.filter((w) => !presentAfterRestart.has(w.note)).map((w) => w.note)).toEqual([]);
      expect(afterRestart.length).toBe(presentAfterRestart.size); // none twice
      expect(afterRestart.length).toBe(ackedWrites.length + inFlightPresent); // nothing that was not sent

      // each task moved by exactly the progress rows that are there (a transaction is whole or absent)
      for (const [n, w] of writers.entries()) {
        const task = (await crewApis[n]!.get(`/tasks/${w.taskId}`)).body as TaskState;
        const rows = afterRestart.filter((note) => note.startsWith(`crash ${run} writer ${n} `)).length;
        expect(task.version - before.get(w.taskId)!.version).toBe(rows);
        expect(task.minutesSpent - before.get(w.taskId)!.minutesSpent).toBe(rows);
      }

      // the client sends what it never heard back about again, with the same keys: each takes effect once
      for (const write of inFlight) {
        const n = writers.findIndex((w) => w.taskId === write.taskId);
        const res = await send({ api: crewApis[n]! }, write);
        expect(res.status, res.text).toBe(201);
      }
      const final = await present();
      expect(final.length).toBe(new Set(final).size);
      expect(final.length).toBe(ackedWrites.length + inFlight.length);
      console.log(`after sending the ${inFlight.length} in flight again: ${final.length} present, each once`);
    },
  );
});
