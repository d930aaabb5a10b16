// Bare baseline for the database scenarios: Express + `pg` (or PGlite directly, for the embedded
// database), on the same database and tables as Crewboard, with hand-written SQL and no session,
// access policy, ORM, validation library, idempotency or logging:
//
//   POST /tasks/:id/progress  one transaction: the task update (with its order and assignee, in
//                             one statement), the progress row, an audit row, then the board
//                             room's next sequence (taken last) and its room event
//   GET  /tasks?limit=100     one page of tasks with the same joins and the same JSON as the API
//   GET  /board/all           every task in one query (the big board's "one raw SQL query")
//   GET  /board/plain         a plain HTML page listing every task by status, streamed as written
//
//   node --import tsx bare-db-server.ts --pg postgres://…   |   --pglite <PGlite data folder>
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import express from "express";
import pg from "pg";
import { PGlite } from "@electric-sql/pglite";
import { TASK_TRANSITIONS, type TaskStatus } from "@crewboard/domain";

type Row = Record<string, any>;
type Query = (text: string, params?: unknown[]) => Promise<Row[]>;
interface Sql {
  query: Query;
  transaction<T>(fn: (query: Query) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

// Prisma stores DateTime as timestamp(3) without time zone, in UTC: read it as UTC.
const TIMESTAMP = 1114;
const utc = (s: string) => new Date(`${s.replace(" ", "T")}Z`);

function openPg(url: string): Sql {
  pg.types.setTypeParser(TIMESTAMP, utc);
  const pool = new pg.Pool({ connectionString: url }); // default size 10, as Crewboard's adapter
  return {
    query: async (text, params) => (await pool.query(text, params)).rows,
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query("BEGIN");
        const result = await fn(async (text, params) => (await client.query(text, params)).rows);
        await client.query("COMMIT");
        return result;
      } catch (error) {
        await client.query("ROLLBACK");
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

function openPglite(dir: string): Sql {
  const db = new PGlite(dir, { parsers: { [TIMESTAMP]: utc } });
  return {
    query: async (text, params) => (await db.query<Row>(text, params)).rows,
    transaction: (fn) => db.transaction((tx) => fn(async (text, params) => (await tx.query<Row>(text, params)).rows)),
    close: () => db.close(),
  };
}

/** A UUID v7 (time-ordered), as Prisma's @default(uuid(7)) makes them. */
function uuidv7(): string {
  const b = randomBytes(16);
  const ms = Date.now();
  b.writeUIntBE(ms, 0, 6);
  b[6] = (b[6]! & 0x0f) | 0x70;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = b.toString("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** The API's Task JSON from a row of TASK_SELECT. */
function toTask(r: Row) {
  return {
    id: r.id,
    workOrder: { id: r.workOrderId, number: r.woNumber, title: r.woTitle, clientCompanyId: r.woCompanyId },
    title: r.title,
    description: r.description,
    acceptanceCriteria: r.acceptanceCriteria,
    assignee: r.assigneeId ? { id: r.assigneeId, name: r.assigneeName, role: r.assigneeRole } : null,
    estimateMinutes: r.estimateMinutes,
    dueAt: iso(r.dueAt),
    status: r.status,
    allowedTransitions: [...TASK_TRANSITIONS[r.status as TaskStatus]],
    blockedReason: r.blockedReason,
    progress: r.progress,
    minutesSpent: r.minutesSpent,
    version: r.version,
    position: r.position,
    startedAt: iso(r.startedAt),
    completedAt: iso(r.completedAt),
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

const TASK_SELECT = `
  SELECT t.*, w.number AS "woNumber", w.title AS "woTitle", w."clientCompanyId" AS "woCompanyId",
         a.name AS "assigneeName", a.role AS "assigneeRole"
  FROM "Task" t
  JOIN "WorkOrder" w ON w.id = t."workOrderId"
  LEFT JOIN "User" a ON a.id = t."assigneeId"`;

const { values } = parseArgs({ options: { pg: { type: "string" }, pglite: { type: "string" } } });
const sql = values.pg ? openPg(values.pg) : values.pglite ? openPglite(values.pglite) : null;
if (!sql) throw new Error("give --pg <url> or --pglite <folder>");

const app = express();
app.use(express.json());

app.get("/health", async (_req, res) => {
  await sql.query("SELECT 1");
  res.json({ status: "ok" });
});

app.post("/tasks/:id/progress", async (req, res) => {
  const {
    percent,
    note = "",
    minutesSpent = 0,
  } = req.body as { percent: number; note?: string; minutesSpent?: number };
  if (!Number.isInteger(percent) || percent < 0 || percent > 100) {
    res.status(400).json({ error: "percent" });
    return;
  }
  const result = await sql.transaction(async (q) => {
    const [task] = await q(
      `UPDATE "Task" t SET progress = $2, "minutesSpent" = t."minutesSpent" + $3, version = t.version + 1,
              status = CASE WHEN t.status = 'todo' THEN 'doing'::"TaskStatus" ELSE t.status END,
              "startedAt" = COALESCE(t."startedAt", CASE WHEN t.status = 'todo' THEN now() END),
              "updatedAt" = now()
         FROM "WorkOrder" w
        WHERE t.id = $1 AND w.id = t."workOrderId" AND t.status <> 'done' AND w.status NOT IN ('completed', 'declined')
        RETURNING t.*, w.number AS "woNumber", w.title AS "woTitle", w."clientCompanyId" AS "woCompanyId",
                  (SELECT name FROM "User" WHERE id = t."assigneeId") AS "assigneeName",
                  (SELECT role FROM "User" WHERE id = t."assigneeId") AS "assigneeRole"`,
      [req.params.id, percent, minutesSpent],
    );
    if (!task) return null;
    const authorId = task.assigneeId as string;
    const [progress] = await q(
      `INSERT INTO "ProgressUpdate" (id, "taskId", "authorId", percent, note, "minutesSpent", "createdAt")
       VALUES ($1, $2, $3, $4, $5, $6, now()) RETURNING *`,
      [uuidv7(), task.id, authorId, percent, note, minutesSpent],
    );
    await q(
      `INSERT INTO "AuditEvent" (id, "actorId", action, "entityType", "entityId", ip, "userAgent", metadata, "createdAt")
       VALUES ($1, $2, 'progress.create', 'task', $3, $4, $5, $6, now())`,
      [
        uuidv7(),
        authorId,
        task.id,
        req.ip ?? null,
        req.get("user-agent") ?? null,
        JSON.stringify({ progressUpdateId: progress!.id, percent }),
      ],
    );
    const body = {
      progressUpdate: {
        id: progress!.id,
        taskId: task.id,
        author: { id: authorId, name: task.assigneeName, role: task.assigneeRole },
        percent,
        note,
        minutesSpent,
        blocker: null,
        createdAt: progress!.createdAt.toISOString(),
      },
      task: toTask(task),
    };
    // The room's sequence is taken last, so its row lock is held for one statement.
    const [seq] = await q(
      `INSERT INTO "RoomSequence" (room, "lastSeq") VALUES ('board', 1)
       ON CONFLICT (room) DO UPDATE SET "lastSeq" = "RoomSequence"."lastSeq" + 1 RETURNING "lastSeq"`,
    );
    await q(
      `INSERT INTO "RoomEvent" (room, seq, event, payload, "createdAt") VALUES ('board', $1, 'progress:created', $2, now())`,
      [seq!.lastSeq, JSON.stringify(body)],
    );
    return body;
  });
  if (!result) res.status(409).json({ error: "task not open" });
  else res.status(201).json(result);
});

app.get("/tasks", async (req, res) => {
  const limit = Math.min(100, Number(req.query.limit ?? 50));
  const cursor = typeof req.query.cursor === "string" ? req.query.cursor : null;
  const rows = cursor
    ? await sql.query(`${TASK_SELECT} WHERE t.id < $1 ORDER BY t.id DESC LIMIT $2`, [cursor, limit + 1])
    : await sql.query(`${TASK_SELECT} ORDER BY t.id DESC LIMIT $1`, [limit + 1]);
  const page = rows.slice(0, limit);
  res.json({ items: page.map(toTask), nextCursor: rows.length > limit ? page[page.length - 1]!.id : null });
});

app.get("/board/all", async (_req, res) => {
  const rows = await sql.query(`${TASK_SELECT} ORDER BY t.id DESC`);
  res.json({ items: rows.map(toTask) });
});

const COLUMNS: TaskStatus[] = ["todo", "doing", "blocked", "review", "done"];
const escape = (s: string) =>
  s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);

app.get("/board/plain", async (_req, res) => {
  const rows = await sql.query(`${TASK_SELECT} ORDER BY t.status, t.position, t.id`);
  res.type("html");
  res.write(
    `<!doctype html><html lang="ja"><head><meta charset="utf-8"><title>board</title>` +
      `<style>body{font:14px sans-serif;margin:0}main{display:flex;gap:8px;align-items:flex-start}` +
      `section{flex:1;min-width:0}li.plain-card{border:1px solid #ccc;border-radius:4px;margin:4px 0;padding:4px;list-style:none}</style>` +
      `</head><body><main>`,
  );
  for (const status of COLUMNS) {
    const cards = rows.filter((r) => r.status === status);
    let html = `<section data-status="${status}"><h2>${status} <span class="plain-count">${cards.length}</span></h2><ul>`;
    for (const r of cards) {
      html +=
        `<li class="plain-card"><strong>${escape(r.title)}</strong><br>#${r.woNumber} ${escape(r.woTitle)}<br>` +
        `${escape(r.assigneeName ?? "—")} · ${r.dueAt ? r.dueAt.toISOString().slice(0, 10) : "—"} · ${r.progress} %</li>`;
      if (html.length > 16_384) {
        res.write(html);
        html = "";
      }
    }
    res.write(`${html}</ul></section>`);
  }
  res.end("</main></body></html>");
});

const server = app.listen(Number(process.env.PORT ?? 0), "127.0.0.1");
const stop = () => {
  server.close();
  server.closeAllConnections();
  void sql.close().finally(() => process.exit(0));
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
