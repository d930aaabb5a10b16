// The people who call every operation of the generated matrices. Each is named for how they stand
// to the matrix's side A (company A, team A and the order of company A that crew3 works on); side B
// is the mirror image, so every persona also meets a resource that is its own and one that is not.
import type { Identity } from "@crewboard/domain";

export type SideKey = "A" | "B";

export interface PersonaDef {
  /** the demo account (email before @crewboard.example), or null for a visitor with no session */
  account: string | null;
  /** the side whose company, team or work this persona belongs to (its "own" ids); null: neither */
  side: SideKey | null;
  /** what the matrix calls them */
  title: string;
  /** a user whose account was deactivated while they still held a session cookie */
  deactivated?: true;
}

/** The demo account the matrix makes for the deactivated persona (the seed has none). */
export const DEACTIVATED_ACCOUNT = "matrix-deactivated";

export const PERSONAS = {
  admin: { account: "admin", side: null, title: "admin" },
  teamManager: { account: "manager1", side: "A", title: "manager of the team (A)" },
  otherManager: { account: "manager2", side: "B", title: "manager of another team (B)" },
  assignedCrew: { account: "crew3", side: "A", title: "crew assigned (A's task)" },
  unassignedCrew: { account: "crew5", side: "B", title: "crew not assigned (works on B)" },
  owningClient: { account: "client-a1", side: "A", title: "client of the owning company (A)" },
  otherClient: { account: "client-b1", side: "B", title: "client of another company (B)" },
  deactivated: { account: DEACTIVATED_ACCOUNT, side: "A", title: "deactivated user (crew, A)", deactivated: true },
  anonymous: { account: null, side: null, title: "anonymous" },
} as const satisfies Record<string, PersonaDef>;

export type PersonaKey = keyof typeof PERSONAS;
export const PERSONA_KEYS = Object.keys(PERSONAS) as PersonaKey[];

/** A persona as the matrix knows it once the world is built. */
export interface Persona {
  key: PersonaKey;
  def: PersonaDef;
  /** the account's row (null for anonymous) */
  user: (Identity & { email: string; active: boolean }) | null;
}

/** Who the server sees: nobody for a visitor, and nobody for a deactivated account (its sessions end with it). */
export const sessionIdentity = (p: Persona): Identity | null => (p.user && p.user.active ? p.user : null);
