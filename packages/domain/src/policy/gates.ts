// The gate of every operation: who may call it at all, decided before anything is read. A caller
// with no session is told to sign in (401); a role the gate does not let through is refused (403).
// What they may see or change once through is decided by the resource rules (work.ts, people.ts,
// chat.ts), which answer "not found" for what the caller may not see.
import type { Role } from "../roles.ts";
import type { Identity } from "./identity.ts";

export const GATES = {
  /** anyone, signed in or not */
  public: "public",
  /** any signed-in user */
  signedIn: "any",
  staff: ["admin", "manager"],
  admin: ["admin"],
  crew: ["crew"],
  client: ["client"],
  /** the operating company's people: staff and crew */
  employees: ["admin", "manager", "crew"],
  /** work orders are submitted by clients, or by staff on a client's behalf */
  staffOrClient: ["admin", "manager", "client"],
} as const satisfies Record<string, "public" | "any" | readonly Role[]>;

export type GateName = keyof typeof GATES;
export type GateDecision = "allow" | "unauthenticated" | "forbidden";

export function checkGate(name: GateName, who: Identity | null): GateDecision {
  const gate: "public" | "any" | readonly Role[] = GATES[name];
  if (gate === "public") return "allow";
  if (!who) return "unauthenticated";
  if (gate === "any") return "allow";
  return gate.includes(who.role) ? "allow" : "forbidden";
}

/** The roles a gate lets through (for documentation: the OpenAPI description of each operation). */
export function gateRoles(name: GateName): readonly Role[] | "public" | "any" {
  return GATES[name];
}
