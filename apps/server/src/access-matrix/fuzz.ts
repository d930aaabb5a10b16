// A property-based fuzz over every operation of the catalogue, REST and Socket.IO (issue 13). Each
// operation starts from the valid call its access-matrix fixture makes (so the fuzz reaches past
// the parser into the handlers), and fast-check mutates it with hostile values: wrong types, huge
// strings, deep nesting, prototype-pollution keys, Unicode edge cases, SQL and HTML payloads, in
// the body, the path id and the query. The properties:
// - never a 500 and never a crash: every REST answer is a 2xx, or a 4xx problem+json with a code;
//   every socket acknowledgement is `{ ok: true }` or `{ ok: false, error: { code } }` that is not
//   `internal`, and the connection stays up;
// - a refused write writes nothing: a fingerprint of every table (bar sessions, audit rows and
//   idempotency keys, which a refusal may touch by design) is the same before and after.
// A failure names the operation, the seed and the shrunk counterexample, so it can be replayed
// (CREWBOARD_FUZZ_SEED). It returns the failures instead of asserting, so that a test can show
// that a planted fault is found (fuzz.test.ts).
import fc from "fast-check";
import { operations, type OperationDef, type OperationName } from "@crewboard/contracts";
import type { PrismaClient } from "@crewboard/db";
import type { ApiClient } from "../test/api-client.ts";
import { connectSocket, type TestSocket } from "../test/socket-client.ts";
import { FIXTURES, type CaseContext, type Fixture, type RestCall } from "./fixtures.ts";
import { gateOutcome, type Policy } from "./oracle.ts";
import { sessionIdentity, type PersonaKey } from "./personas.ts";
import { isRead } from "./runner.ts";
import type { World } from "./world.ts";

const HOSTILE_STRINGS = [
  "",
  " ",
  "\u0000",
  "\ud800", // a lone surrogate
  "\u202eevil", // right-to-left override
  "👩‍👩‍👧‍👦",
  "e\u0301\u0301\u0301",
  "Ａ１　全角",
  '\'; DROP TABLE "User"; --',
  "' OR '1'='1",
  "<script>alert(1)</script>",
  '"><img src=x onerror=alert(1)>',
  "../../../etc/passwd",
  "%00%2e%2e",
  "${7*7}{{7*7}}",
  "NaN",
  "-1",
  "1e309",
  "2026-02-30T25:61:00Z",
  "x".repeat(10_001),
];

const deep = (levels: number): unknown => (levels === 0 ? "bottom" : [deep(levels - 1)]);

/** A value nobody should send, of any type. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  fc.constantFrom<unknown>(null, true, false, 0, -1, 1.5, -0, Number.MAX_SAFE_INTEGER + 2, 1e308),
  fc.constantFrom<unknown>([], {}, [null], { "": "" }),
  // own keys named __proto__ and constructor, as JSON.parse makes them
  fc.constant(JSON.parse('{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}')),
  fc.constant(deep(80)),
  fc.constant("y".repeat(300_000)), // past the JSON body limit
  fc.string({ unit: "binary", maxLength: 30 }),
  fc.jsonValue({ maxDepth: 3 }),
);

export type Mutation =
  | { kind: "replace" | "nested"; pick: number; value: unknown }
  | { kind: "add"; key: string; value: unknown }
  | { kind: "delete"; pick: number }
  | { kind: "whole"; value: unknown }
  | { kind: "pathId"; value: unknown }
  | { kind: "query"; key: string; value: unknown };

const keyArb = fc.constantFrom("__proto__", "constructor", "prototype", "toString", "x", "id", "status", "version");

export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant("replace" as const), pick: fc.nat(), value: hostileValue }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("nested" as const), pick: fc.nat(), value: hostileValue }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("add" as const), key: keyArb, value: hostileValue }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("delete" as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("whole" as const), value: hostileValue }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("pathId" as const), value: hostileValue }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("query" as const), key: keyArb, value: hostileValue }) },
);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** The payload with one mutation applied (a copy; the valid payload stays as it was). */
export function mutatePayload(valid: unknown, m: Mutation): unknown {
  if (m.kind === "whole") return m.value;
  if (m.kind === "pathId" || m.kind === "query") return valid;
  const copy: unknown = valid === undefined ? {} : structuredClone(valid);
  if (!isObject(copy)) return m.kind === "replace" || m.kind === "nested" ? m.value : copy;
  const keys = Object.keys(copy);
  if (m.kind === "add") {
    Object.defineProperty(copy, m.key, { value: m.value, enumerable: true, configurable: true, writable: true });
    return copy;
  }
  if (!keys.length) return m.kind === "delete" ? copy : { x: (m as { value: unknown }).value };
  const key = keys[m.pick % keys.length]!;
  if (m.kind === "delete") delete copy[key];
  else if (m.kind === "nested" && isObject(copy[key]) && Object.keys(copy[key]).length) {
    const inner = copy[key];
    inner[Object.keys(inner)[m.pick % Object.keys(inner).length]!] = m.value;
  } else if (m.kind === "nested" && Array.isArray(copy[key]) && (copy[key] as unknown[]).length)
    (copy[key] as unknown[])[0] = m.value;
  else copy[key] = m.value;
  return copy;
}

// as text for a URL: a lone surrogate cannot be percent-encoded (encodeURIComponent throws), so it
// becomes U+FFFD, as a browser's URL would make it
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const text = (v: unknown) =>
  (typeof v === "string" ? v : (JSON.stringify(v) ?? String(v))).replace(LONE_SURROGATE, "\ufffd");

/** The REST call's path with a mutated id or query. */
export function mutatePath(path: string, m: Mutation): string {
  if (m.kind === "pathId") {
    const replaced = path.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i, () =>
      encodeURIComponent(text(m.value).slice(0, 2000)),
    );
    return replaced === path ? `${path}/${encodeURIComponent(text(m.value).slice(0, 2000))}` : replaced;
  }
  if (m.kind === "query") {
    const [base, query = ""] = path.split("?");
    const params = new URLSearchParams(query);
    const existing = [...params.keys()];
    const key = existing.length ? existing[text(m.value).length % existing.length]! : m.key;
    params.set(key, text(m.value).slice(0, 5000));
    params.append(m.key, text(m.value).slice(0, 5000));
    return `${base}?${params.toString()}`;
  }
  return path;
}

// ---- the database's fingerprint ------------------------------------------------------------

/** Tables a refused request may write by design: its audit row, the session's activity, an idempotency key. */
const UNFINGERPRINTED = new Set(["AuditEvent", "Session", "IdempotencyKey", "_prisma_migrations"]);

/** A function that hashes every table but those (one query): equal before and after = nothing written. */
export async function databaseFingerprint(prisma: PrismaClient): Promise<() => Promise<string>> {
  const sql = await fingerprintQuery(prisma);
  return async () => JSON.stringify(await prisma.$queryRawUnsafe(sql));
}

async function fingerprintQuery(prisma: PrismaClient): Promise<string> {
  const tables = await prisma.$queryRawUnsafe<{ name: string }[]>(
    `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
  );
  return tables
    .filter((t) => !UNFINGERPRINTED.has(t.name))
    .map(
      (t) =>
        `SELECT '${t.name}' AS name, md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) AS hash FROM "${t.name}" x`,
    )
    .join(" UNION ALL ");
}

// ---- the run -------------------------------------------------------------------------------

/** Who calls each operation: the first of these whom the gate lets through (the side-A people). */
const CALLERS: readonly PersonaKey[] = ["teamManager", "admin", "assignedCrew", "owningClient", "anonymous"];

export interface FuzzReport {
  operations: number;
  runs: number;
  failures: string[];
}

export async function runCatalogueFuzz(
  world: World,
  options: { policy: Policy; seed: number; runsPerOperation: number; only?: readonly OperationName[] },
): Promise<FuzzReport> {
  const { t } = world;
  const prisma = t.db.prisma;
  const fingerprint = await databaseFingerprint(prisma);
  const failures: string[] = [];
  let runs = 0;
  let fuzzed = 0;
  const clients = new Map<string, ApiClient>();
  const sockets = new Map<string, TestSocket>();

  // a password change ends every session of the account, the shared ones too: those go last
  const names = (Object.keys(operations) as OperationName[]).sort(
    (a, b) => Number(Boolean(FIXTURES[a].endsSessions)) - Number(Boolean(FIXTURES[b].endsSessions)),
  );
  for (const op of names) {
    if (options.only && !options.only.includes(op)) continue;
    // signing out would end the shared session; its body is empty anyway
    if (op === "logout") continue;
    const def = operations[op] as OperationDef;
    const fixture = FIXTURES[op] as Fixture<unknown>;
    const personaKey = CALLERS.find(
      (k) => gateOutcome(options.policy, def, sessionIdentity(world.personas[k])) === null,
    );
    if (!personaKey) continue;
    const persona = world.personas[personaKey];
    const target = fixture.targets.includes("A") ? "A" : fixture.targets[0]!;
    const variant = fixture.variants?.find((v) => !fixture.skip?.(target, v)) ?? null;
    const label = `fuzz ${op}`;
    const ctx: CaseContext = {
      world,
      p: options.policy,
      def,
      persona,
      who: sessionIdentity(persona),
      target,
      side: target === "A" || target === "B" ? world.sides[target] : null,
      variant,
      label,
    };
    const account = persona.def.account;
    // a password change ends every other session of the account: such operations get their own
    const ownClient = fixture.ownSession !== undefined || fixture.endsSessions;
    const client =
      fixture.ownSession === "signed-out" || !account
        ? t.anonymous()
        : ownClient
          ? await t.as(account)
          : (clients.get(account) ?? clients.set(account, await t.as(account)).get(account)!);
    const subject = await fixture.subject(ctx);
    const write = !isRead(def);
    fuzzed += 1;

    const property = fc.asyncProperty(mutationArb, async (m) => {
      runs += 1;
      const before = write ? await fingerprint() : null;
      let refused: boolean;
      if (def.transport === "rest") {
        const call: RestCall = fixture.rest!(ctx, subject);
        const path = mutatePath(call.path, m);
        const body = def.method === "get" ? undefined : mutatePayload(call.body, m);
        const res = await client.request(def.method.toUpperCase(), path, body);
        if (res.status >= 500) throw new Error(`HTTP ${res.status}: ${res.text.slice(0, 300)}`);
        refused = res.status >= 400;
        if (refused) {
          if (!(res.headers.get("content-type") ?? "").startsWith("application/problem+json"))
            throw new Error(`HTTP ${res.status} without a problem document`);
          if (typeof (res.body as { code?: unknown }).code !== "string")
            throw new Error(`HTTP ${res.status} without a code`);
        }
      } else {
        if (!account) return; // the handshake itself needs a session
        let socket = sockets.get(account);
        if (!socket?.socket.connected) {
          socket = await connectSocket(t.baseUrl, client);
          sockets.set(account, socket);
        }
        const payload = mutatePayload(fixture.socket!(ctx, subject), m);
        const answer = (await socket.request(def.event, payload)) as {
          ok?: unknown;
          error?: { code?: unknown };
        };
        if (typeof answer !== "object" || answer === null || typeof answer.ok !== "boolean")
          throw new Error(`not an acknowledgement: ${JSON.stringify(answer).slice(0, 200)}`);
        refused = answer.ok === false;
        if (refused && typeof answer.error?.code !== "string") throw new Error("an error ack without a code");
        if (refused && answer.error?.code === "internal") throw new Error(`internal error: ${JSON.stringify(answer)}`);
        if (!socket.socket.connected) throw new Error("the server closed the connection");
      }
      if (write && refused && before !== (await fingerprint())) throw new Error("a refused write changed the database");
    });
    try {
      await fc.assert(property, { seed: options.seed, numRuns: options.runsPerOperation });
    } catch (error) {
      // the counterexample's huge strings cut short: the seed replays it in full
      const lines = (error as Error).message.split("\n").slice(0, 6);
      failures.push(
        `${op} (as ${personaKey}): ${lines.map((l) => (l.length > 400 ? `${l.slice(0, 400)}…` : l)).join("\n")}`,
      );
    }
  }
  for (const s of sockets.values()) s.close();
  return { operations: fuzzed, runs, failures };
}
