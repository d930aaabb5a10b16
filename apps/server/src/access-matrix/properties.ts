// Property-level checks over everything the matrix saw: every answer of every case and every
// Socket.IO event each persona received. They state the people rules of issue 8 on their own,
// without asking the policy module, so a wrong policy cannot make them agree with itself:
//   1. Clients see crew by display name only: a crew member reaches a client as
//      { id, name, displayName, role } with name = displayName, never with an email, work style,
//      skills, accessibility needs, condition or where they work today; and no full name of anyone
//      of the operating company (crew, managers, admins) appears anywhere in what a client receives.
//   2. A person's own data (accessibility needs, check-ins, accommodations) reaches only the
//      person, their own team's managers and admins …
//   3. … and every read of it is audited: the case wrote an audit row. The person's own settings
//      (their accessibility preferences in /me, the session and sign-in answers, which the app
//      reads on every start) are theirs to read unaudited; events are never audited, so they
//      must carry no such data at all.
import type { RawEvent } from "../test/instances.ts";
import type { PersonaKey } from "./personas.ts";
import { FIXTURES } from "./fixtures.ts";
import { isRead, type CaseResult } from "./runner.ts";
import type { World } from "./world.ts";

type HealthKind = "accessibility" | "check-in" | "accommodation";
interface Finding {
  kind: HealthKind;
  subjectId: string;
}

const MARKER = /MATRIX-HEALTH (check-in|accommodation) of ([0-9a-f-]{36})/g;
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const PERSON_REF_KEYS = new Set(["id", "name", "displayName", "role"]);

function walk(value: unknown, visit: (o: Record<string, unknown>) => void): void {
  if (Array.isArray(value)) for (const v of value) walk(v, visit);
  else if (value !== null && typeof value === "object") {
    visit(value as Record<string, unknown>);
    for (const v of Object.values(value)) walk(v, visit);
  }
}

/** Someone's own data in an answer: by its shape (any person), and by the markers of the matrix's people. */
export function healthFindings(value: unknown, text: string): Finding[] {
  const found: Finding[] = [];
  walk(value, (o) => {
    if ("accessibility" in o && o.accessibility !== null && typeof o.id === "string")
      found.push({ kind: "accessibility", subjectId: o.id });
    const user = o.user as { id?: unknown } | undefined;
    if ("condition" in o && typeof user?.id === "string") found.push({ kind: "check-in", subjectId: user.id });
    if ("writtenBy" in o && typeof o.userId === "string") found.push({ kind: "accommodation", subjectId: o.userId });
  });
  for (const m of text.matchAll(MARKER)) found.push({ kind: m[1] as HealthKind, subjectId: m[2]! });
  return found;
}

/** The people rule for a person's own data, stated here on its own: the person, their team's managers, admins. */
function mayReach(world: World, viewerId: string | null, subjectId: string): boolean {
  if (!viewerId) return false;
  if (viewerId === subjectId) return true;
  const viewer = world.users.get(viewerId);
  const subject = world.users.get(subjectId);
  if (!viewer) return false;
  if (viewer.role === "admin") return true;
  return (
    viewer.role === "manager" && subject !== undefined && subject.teamId !== null && viewer.teamId === subject.teamId
  );
}

/** Crew members' personal fields in something a client received. */
function clientLeaks(world: World, value: unknown, text: string): string[] {
  const leaks: string[] = [];
  walk(value, (o) => {
    if (typeof o.id === "string" && typeof o.name === "string" && world.users.get(o.id)?.role === "crew") {
      const extra = Object.keys(o).filter((k) => !PERSON_REF_KEYS.has(k));
      if (extra.length) leaks.push(`crew member ${o.id} with ${extra.join(", ")}`);
      if (o.name !== o.displayName) leaks.push(`crew member ${o.id} named other than by display name`);
    }
    const user = o.user as { id?: unknown } | undefined;
    if (
      typeof user?.id === "string" &&
      world.users.get(user.id)?.role === "crew" &&
      o.place !== undefined &&
      o.place !== null
    ) {
      leaks.push(`where crew member ${user.id} works today (${String(o.place)})`);
    }
  });
  for (const [id, u] of world.users) {
    if (u.role === "crew" && text.includes(u.email)) leaks.push(`the email of crew member ${id}`);
    // the full name, stated without the policy's fallback: a chosen display name, or the first word
    const shown = u.displayName?.trim() || u.name.trim().split(/\s+/u)[0];
    if (u.role !== "client" && u.name !== shown && text.includes(u.name))
      leaks.push(`the full name of ${u.role} ${id} (${u.name})`);
  }
  return leaks;
}

export function checkProperties(
  world: World,
  results: readonly CaseResult[],
  received: Partial<Record<PersonaKey, RawEvent[]>>,
): string[] {
  const failures = new Set<string>();
  const roleOf = (key: PersonaKey) => world.personas[key].user?.role ?? null;

  for (const r of results) {
    if (FIXTURES[r.op].notPeopleData) continue;
    const viewer = world.personas[r.persona];
    const viewerId = viewer.user?.active ? viewer.user.id : null;
    if (roleOf(r.persona) === "client")
      for (const leak of clientLeaks(world, r.body, r.text))
        failures.add(`${r.op} as ${r.persona}: a client received ${leak}`);
    for (const f of healthFindings(r.body, r.text)) {
      if (!mayReach(world, viewerId, f.subjectId)) {
        failures.add(
          `${r.op} as ${r.persona}: received the ${f.kind} data of ${f.subjectId}, who is not theirs to see`,
        );
        continue;
      }
      const ownSettings = f.kind === "accessibility" && f.subjectId === viewerId && FIXTURES[r.op].ownSettings;
      if (isRead(r.def) && !ownSettings && !(r.auditDelta && r.auditDelta > 0))
        failures.add(`${r.op} as ${r.persona}: read the ${f.kind} data of ${f.subjectId} without an audit row`);
    }
  }

  for (const [key, events] of Object.entries(received) as [PersonaKey, RawEvent[]][]) {
    const viewerId = world.personas[key].user?.id ?? null;
    for (const e of events) {
      const text = JSON.stringify(e.payload);
      if (roleOf(key) === "client")
        for (const leak of clientLeaks(world, e.payload, text))
          failures.add(`event ${e.event} to ${key}: a client received ${leak}`);
      for (const f of healthFindings(e.payload, text)) {
        failures.add(
          `event ${e.event} to ${key}: carried the ${f.kind} data of ${f.subjectId}${mayReach(world, viewerId, f.subjectId) ? " (events are not audited)" : ", who is not theirs to see"}`,
        );
      }
    }
  }

  // Hidden and nonexistent read the same: a refusal of a side's resource and of an id that does not
  // exist carry the same code, title and detail, so a refusal tells nothing about what exists.
  const byCell = new Map<string, CaseResult[]>();
  for (const r of results) {
    const cell = `${r.op}|${r.persona}|${r.variant ?? ""}`;
    byCell.set(cell, [...(byCell.get(cell) ?? []), r]);
  }
  for (const cell of byCell.values()) {
    const ghost = cell.find((r) => r.target === "ghost");
    if (!ghost?.problem || !ghost.hidden || ghost.actual !== ghost.expected) continue;
    for (const r of cell) {
      if (r === ghost || !r.problem || !r.hidden || r.actual !== r.expected) continue;
      // the ids the caller sent may be echoed back (a room's name): that tells them nothing new
      const a = JSON.stringify(r.problem).replace(UUID, "<id>");
      const b = JSON.stringify(ghost.problem).replace(UUID, "<id>");
      if (a !== b)
        failures.add(`${r.label}: the refusal (${a}) differs from the one for an id that does not exist (${b})`);
    }
  }
  return [...failures];
}
