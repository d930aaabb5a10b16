// Runs the access matrix: every operation of the catalogue (REST and Socket.IO) × every persona ×
// every target its fixture names, and compares each answer with what the oracle derives from the
// catalogue and the policy. It returns the failures instead of asserting, so that a test can also
// show that a wrong policy makes it fail (the flip test).
//
// Speed: the personas run side by side, each in its own lane of cases one after another (so the
// audit rows a persona's case writes are that case's), on one seeded database per test file.
import { ERROR_STATUS, GENERIC_ERRORS, operations, type OperationDef, type OperationName } from "@crewboard/contracts";
import { GATES } from "@crewboard/domain";
import { ApiClient, type ApiResponse } from "../test/api-client.ts";
import { connectSocket, type TestSocket } from "../test/socket-client.ts";
import { recordRaw, type RawEvent } from "../test/instances.ts";
import { FIXTURES, type CaseContext, type Fixture, type SocketAnswer, type TargetKey } from "./fixtures.ts";
import { declaredCodes, gateOutcome, HIDDEN, hiddenCode, OK, type Outcome, type Policy } from "./oracle.ts";
import { PERSONA_KEYS, sessionIdentity, type PersonaKey } from "./personas.ts";
import { checkProperties } from "./properties.ts";
import { refreshUsers, type World } from "./world.ts";

export type Relation = "own" | "foreign" | "ghost" | "none" | "A" | "B";

export interface PlannedCase {
  op: OperationName;
  def: OperationDef;
  persona: PersonaKey;
  target: TargetKey;
  variant: string | null;
}

export interface CaseResult extends PlannedCase {
  label: string;
  relation: Relation;
  expected: Outcome;
  /** the rule said the caller may not see the target (the answer must read as for a nonexistent id) */
  hidden: boolean;
  actual: string;
  /** the answer: REST body (text and parsed), or the socket acknowledgement */
  text: string;
  body: unknown;
  /** the error answer's code, title and detail (hidden and nonexistent must read the same) */
  problem: { code: string; title: string; detail?: string } | null;
  /** audit rows the caller wrote during the case (null without a session) */
  auditDelta: number | null;
  ms: number;
}

export interface MatrixReport {
  results: CaseResult[];
  /** answers that differ from the oracle, undeclared error codes, failed result checks, changed rows */
  failures: string[];
  /** the property checks over every answer and every event a persona received (properties.ts) */
  propertyFailures: string[];
  /** every Socket.IO event each signed-in persona received during the run */
  received: Partial<Record<PersonaKey, RawEvent[]>>;
  ms: number;
}

/** Catalogue operations the matrix cannot run: no fixture, or a gate the policy does not know. */
export function coverageProblems(): string[] {
  const problems: string[] = [];
  const fixtures = FIXTURES as Partial<Record<string, Fixture<unknown>>>;
  for (const [name, def] of Object.entries(operations) as [OperationName, OperationDef][]) {
    if (!fixtures[name]) problems.push(`${name}: no matrix fixture (apps/server/src/access-matrix/fixtures.ts)`);
    if (!Object.hasOwn(GATES, def.gate)) problems.push(`${name}: gate "${def.gate}" is not a policy gate`);
    const transport = fixtures[name] && (fixtures[name]!.rest ? "rest" : fixtures[name]!.socket ? "socket" : null);
    if (fixtures[name] && transport !== def.transport)
      problems.push(`${name}: the fixture calls it over ${transport}, the catalogue says ${def.transport}`);
  }
  for (const name of Object.keys(FIXTURES))
    if (!Object.hasOwn(operations, name))
      problems.push(`${name}: a fixture for an operation the catalogue does not have`);
  return problems;
}

export function planCases(only?: readonly OperationName[]): PlannedCase[] {
  const cases: PlannedCase[] = [];
  for (const op of Object.keys(operations) as OperationName[]) {
    if (only && !only.includes(op)) continue;
    const fixture = FIXTURES[op] as Fixture<unknown>;
    const def = operations[op] as OperationDef;
    for (const persona of PERSONA_KEYS) {
      for (const target of fixture.targets) {
        for (const variant of fixture.variants ?? [null]) {
          if (fixture.skip?.(target, variant)) continue;
          cases.push({ op, def, persona, target, variant });
        }
      }
    }
  }
  return cases;
}

export const isRead = (def: OperationDef) =>
  def.transport === "rest" ? def.method === "get" : !("write" in def && def.write);
const isProblem = (res: ApiResponse) => (res.headers.get("content-type") ?? "").startsWith("application/problem+json");

function relationOf(world: World, c: PlannedCase): Relation {
  if (c.target === "ghost") return "ghost";
  if (c.target === "-") return "none";
  const side = world.personas[c.persona].def.side;
  return side === null ? c.target : side === c.target ? "own" : "foreign";
}

export async function runAccessMatrix(
  world: World,
  options: { policy: Policy; only?: readonly OperationName[] },
): Promise<MatrixReport> {
  const started = performance.now();
  const { t } = world;
  const prisma = t.db.prisma;
  const planned = planCases(options.only);
  const results: CaseResult[] = [];
  const failures: string[] = [];
  const received: Partial<Record<PersonaKey, RawEvent[]>> = {};

  async function lane(key: PersonaKey) {
    const persona = world.personas[key];
    const who = sessionIdentity(persona);
    const account = persona.def.account;
    // the lane's shared session and socket (a deactivated account gets a new session row per case: it is ended on first use)
    const shared = who && account ? await t.as(account) : null;
    let socket: TestSocket | null = null;
    if (shared) {
      socket = await connectSocket(t.baseUrl, shared);
      received[key] = recordRaw(socket);
      await socket.sync(); // answered once the connection has joined its rooms
    }
    const mine = planned.filter((c) => c.persona === key);
    const ordered = [
      ...mine.filter((c) => !FIXTURES[c.op].endsSessions),
      ...mine.filter((c) => FIXTURES[c.op].endsSessions),
    ];

    async function clientFor(fixture: Fixture<unknown>): Promise<ApiClient> {
      if (fixture.ownSession === "signed-out") return t.anonymous();
      if (persona.user && !persona.user.active) {
        const client = new ApiClient(t.baseUrl);
        client.cookie = await world.sessionCookie(persona.user.id);
        return client;
      }
      if (!shared || !account) return t.anonymous();
      return fixture.ownSession === "signed-in" ? t.as(account) : shared;
    }

    for (const planned of ordered) {
      const caseStart = performance.now();
      const { op, def, target, variant } = planned;
      const fixture = FIXTURES[op] as Fixture<unknown>;
      const label = `${op} as ${key} on ${target}${variant ? ` (${variant})` : ""}`;
      const side = target === "A" || target === "B" ? world.sides[target] : null;
      const ctx: CaseContext = { world, p: options.policy, def, persona, who, target, side, variant, label };
      const fail = (message: string) => failures.push(`${label}: ${message}`);
      try {
        const subject = await fixture.subject(ctx);
        const ruled = gateOutcome(options.policy, def, who) ?? (await fixture.rule(ctx, subject));
        const expected: Outcome = ruled === HIDDEN ? hiddenCode(def) : ruled;
        if (expected !== OK && !declaredCodes(def).has(expected))
          fail(`the oracle expects ${expected}, which the catalogue does not declare for ${op}`);
        const stateBefore =
          expected !== OK && fixture.state ? JSON.stringify(await fixture.state(prisma, subject)) : null;
        // the audit rows of a read (the property checks require one for every read of someone's own data)
        const read = isRead(def);
        const auditBefore = who && read ? await prisma.auditEvent.count({ where: { actorId: who.id } }) : null;

        let actual: string;
        let text: string;
        let body: unknown;
        let problem: CaseResult["problem"] = null;
        if (def.transport === "rest") {
          const call = fixture.rest!(ctx, subject);
          const client = await clientFor(fixture);
          const res = await client.request(def.method.toUpperCase(), call.path, call.body);
          text = res.text;
          body = res.body;
          if (isProblem(res)) {
            const b = res.body as { code: string; title: string; detail?: string; status: number };
            actual = b.code;
            problem = { code: b.code, title: b.title, ...(b.detail ? { detail: b.detail } : {}) };
            const status = ERROR_STATUS[b.code as keyof typeof ERROR_STATUS];
            if (status !== res.status || b.status !== res.status)
              fail(`${b.code} answered with HTTP ${res.status} (the catalogue's status: ${status})`);
          } else {
            actual = res.status === def.status ? OK : `HTTP ${res.status} without a problem document`;
          }
          if (fixture.ownSession && client !== shared && actual === OK && op !== "logout")
            await client.post("/auth/logout");
        } else {
          const payload = fixture.socket!(ctx, subject);
          let answer: SocketAnswer;
          if (socket) {
            answer = (await socket.request(def.event, payload)) as SocketAnswer;
          } else {
            // no session (or a deactivated account's): the handshake itself is refused
            const client = await clientFor(fixture);
            answer = await connectSocket(t.baseUrl, client.cookie ? client : null).then(
              async (s) => {
                try {
                  return (await s.request(def.event, payload)) as SocketAnswer;
                } finally {
                  s.close();
                }
              },
              (error: { data?: { code?: string } }) => ({
                ok: false as const,
                error: { code: error.data?.code ?? "connect_error" },
              }),
            );
          }
          text = JSON.stringify(answer);
          body = answer.ok ? answer.data : answer;
          actual = fixture.outcomeOf ? fixture.outcomeOf(answer, subject) : answer.ok ? OK : answer.error.code;
          if (!answer.ok) {
            const e = answer.error as { code: string; title: string; detail?: string; status?: number };
            problem = { code: e.code, title: e.title, ...(e.detail ? { detail: e.detail } : {}) };
            const status = ERROR_STATUS[e.code as keyof typeof ERROR_STATUS];
            if (e.status !== undefined && e.status !== status)
              fail(`${e.code} acknowledged with status ${e.status} (the catalogue's status: ${status})`);
          }
        }
        const auditDelta =
          who && auditBefore !== null
            ? (await prisma.auditEvent.count({ where: { actorId: who.id } })) - auditBefore
            : null;

        if (actual !== expected) fail(`expected ${expected}, got ${actual} — ${text.slice(0, 300)}`);
        if (actual !== OK && !declaredCodes(def).has(actual))
          fail(
            `answered ${actual}, which ${op} does not declare (errors: ${(def.errors ?? []).join(", ") || "none"}; generic: ${GENERIC_ERRORS.length} codes)`,
          );
        if (stateBefore !== null) {
          const after = JSON.stringify(await fixture.state!(prisma, subject));
          if (after !== stateBefore) fail(`a refused write changed its target: ${stateBefore} → ${after}`);
        }
        if (actual === OK && expected === OK && fixture.check)
          for (const problem of await fixture.check(ctx, subject, body)) fail(problem);
        if (actual === OK && fixture.endsSessions && persona.user)
          await prisma.user.update({ where: { id: persona.user.id }, data: { passwordHash: world.demoPasswordHash } });

        results.push({
          ...planned,
          label,
          relation: relationOf(world, planned),
          expected,
          hidden: ruled === HIDDEN,
          actual,
          text,
          body,
          problem,
          auditDelta,
          ms: performance.now() - caseStart,
        });
      } catch (error) {
        fail(`the case itself failed: ${(error as Error).stack ?? String(error)}`);
      }
    }
    socket?.close();
    if (shared && !ordered.some((c) => FIXTURES[c.op].endsSessions)) await shared.post("/auth/logout");
  }

  await Promise.all(PERSONA_KEYS.map((key) => lane(key)));
  await refreshUsers(world);
  const propertyFailures = checkProperties(world, results, received);
  return { results, failures, propertyFailures, received, ms: performance.now() - started };
}

/** Counts for the test output: cases per transport, persona, relation and outcome. */
export function summarize(report: MatrixReport): string {
  const count = <K extends string>(key: (r: CaseResult) => K) => {
    const m = new Map<K, number>();
    for (const r of report.results) m.set(key(r), (m.get(key(r)) ?? 0) + 1);
    return [...m].map(([k, n]) => `${k} ${n}`).join(", ");
  };
  const ops = new Set(report.results.map((r) => r.op)).size;
  return [
    `access matrix: ${report.results.length} cases over ${ops} operations in ${(report.ms / 1000).toFixed(1)} s`,
    `  by transport: ${count((r) => r.def.transport)}`,
    `  by persona:   ${count((r) => r.persona)}`,
    `  by target:    ${count((r) => r.relation)}`,
    `  expected:     ${count((r) => (r.expected === OK ? "allowed" : r.expected))}`,
    `  failures: ${report.failures.length}; property failures: ${report.propertyFailures.length}`,
  ].join("\n");
}
