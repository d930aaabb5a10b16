// Adds a big board to the bench database: `count` tasks in orders of 100, in progress for the
// first client company, assigned round robin to the crew (one in ten unassigned), spread over
// the five columns. Written with the project's own database package (Prisma), so ids, defaults
// and types are those the app writes. Runs once per run; a second call finds them and returns.
import type { BenchDatabase } from "./bench-db.ts";

export interface BigBoard {
  /** every task a manager sees (the demo's and the big board's) */
  total: number;
  byStatus: Record<string, number>;
}

const TASKS_PER_ORDER = 100;
const MARK = "bench big board";
const STATUSES = ["todo", "todo", "todo", "doing", "doing", "doing", "blocked", "review", "done", "done"] as const;

export async function seedBigBoard(db: BenchDatabase, count: number): Promise<BigBoard> {
  const database = await db.open();
  const prisma = database.prisma;
  try {
    if ((await prisma.workOrder.count({ where: { title: { startsWith: MARK } } })) === 0) {
      const company = await prisma.clientCompany.findFirstOrThrow({ orderBy: { createdAt: "asc" } });
      const client = await prisma.user.findFirstOrThrow({ where: { clientCompanyId: company.id } });
      const crew = await prisma.user.findMany({ where: { role: "crew" }, orderBy: { email: "asc" } });
      const day = 24 * 60 * 60 * 1000;
      const now = Date.now();
      const orders = Math.ceil(count / TASKS_PER_ORDER);
      for (let o = 0; o < orders; o++) {
        const order = await prisma.workOrder.create({
          data: {
            clientCompanyId: company.id,
            createdById: client.id,
            title: `${MARK} ${o + 1}: 商品データ入力`,
            description: "ベンチマーク用の大きなボード",
            dueAt: new Date(now + (7 + (o % 30)) * day),
            status: "in_progress",
            acceptedAt: new Date(now - 3 * day),
          },
        });
        const size = Math.min(TASKS_PER_ORDER, count - o * TASKS_PER_ORDER);
        await prisma.task.createMany({
          data: Array.from({ length: size }, (_, i) => {
            const n = o * TASKS_PER_ORDER + i;
            const status = STATUSES[n % STATUSES.length]!;
            return {
              workOrderId: order.id,
              title: `商品ページ ${n + 1} の入力と確認`,
              description: "商品名・価格・説明文を入力し、誤字を確認します。",
              assigneeId: n % 10 === 9 ? null : crew[n % crew.length]!.id,
              estimateMinutes: 30 + (n % 4) * 15,
              dueAt: new Date(now + ((n % 21) - 3) * day),
              status,
              blockedReason: status === "blocked" ? "元データの確認待ち" : null,
              progress: status === "done" ? 100 : status === "todo" ? 0 : (n * 7) % 100,
              position: i,
              startedAt: status === "todo" ? null : new Date(now - 2 * day),
              completedAt: status === "done" ? new Date(now - day) : null,
            };
          }),
        });
      }
    }
    const groups = await prisma.task.groupBy({ by: ["status"], _count: { _all: true } });
    const byStatus = Object.fromEntries(groups.map((g) => [g.status, g._count._all]));
    return { total: Object.values(byStatus).reduce((a, b) => a + b, 0), byStatus };
  } finally {
    await database.close();
  }
}
