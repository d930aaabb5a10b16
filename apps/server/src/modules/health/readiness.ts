// Readiness: may a load balancer send this instance traffic? Liveness (/health) only says the
// process answers; readiness also asks the database, checks that every migration this version
// knows is applied (a newer version may have applied more: that is fine, see ARCHITECTURE.md on
// expand/contract), pings Redis when the instance shares events through it, and turns false as
// soon as a shutdown begins, so the balancer drains the instance before it stops listening.
import { readMigrations, type PrismaClient } from "@crewboard/db";
import type { ReadinessCheck, ReadinessResponse } from "@crewboard/contracts";

type State = ReadinessResponse["checks"][ReadinessCheck];

export interface ReadinessDeps {
  prisma: PrismaClient;
  /** pings Redis; absent when the instance runs alone (no REDIS_URL) */
  redisPing?: (() => Promise<unknown>) | undefined;
  /** true once a shutdown has begun */
  draining(): boolean;
}

/** A check that does not answer within this time counts as unavailable (a balancer checks every second or two). */
export const READINESS_CHECK_TIMEOUT_MS = 2_000;

function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** The names of the committed migrations this version ships (read once: they do not change while it runs). */
let known: string[] | undefined;
const knownMigrations = () => (known ??= readMigrations().map((m) => m.name));

export async function checkReadiness(
  deps: ReadinessDeps,
): Promise<{ ready: boolean; checks: ReadinessResponse["checks"]; notReady: ReadinessCheck[] }> {
  const [database, migrations, redis] = await Promise.all([
    within(deps.prisma.$queryRaw`SELECT 1`, READINESS_CHECK_TIMEOUT_MS).then(
      (): State => "ok",
      (): State => "unavailable",
    ),
    within(
      deps.prisma.$queryRaw<{ name: string }[]>`
        SELECT migration_name AS name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
      READINESS_CHECK_TIMEOUT_MS,
    ).then(
      (rows): State => {
        const applied = new Set(rows.map((r) => r.name));
        return knownMigrations().every((name) => applied.has(name)) ? "ok" : "pending";
      },
      // no answer, or no migrations table yet
      (): State => "unknown",
    ),
    deps.redisPing
      ? within(deps.redisPing(), READINESS_CHECK_TIMEOUT_MS).then(
          (): State => "ok",
          (): State => "unavailable",
        )
      : Promise.resolve<State>("not_configured"),
  ]);
  const checks: ReadinessResponse["checks"] = {
    database,
    migrations,
    redis,
    shutdown: deps.draining() ? "draining" : "ok",
  };
  const notReady = (Object.keys(checks) as ReadinessCheck[]).filter(
    (k) => checks[k] !== "ok" && checks[k] !== "not_configured",
  );
  return { ready: notReady.length === 0, checks, notReady };
}
