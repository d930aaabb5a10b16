// What a handler of an operation gets, REST or socket: who is asking, their input, and the
// database to use. For a write, `db` is the operation's own transaction (only it may be used while
// the transaction is open: PGlite has one connection) and `events` records what the rooms will hear
// after the commit; for a read, `db` is the plain client.
import type { SignedInUser } from "@crewboard/contracts";
import type { Prisma } from "@crewboard/db";
import type { EventBatch } from "../realtime/event-batch.ts";

/** A transaction (or, for a read, the plain client): what every use case runs in. */
export type Tx = Prisma.TransactionClient;
/** @see Tx */
export type Db = Tx;

/** Who did it and from where: written into every audit event. */
export interface Actor {
  user: SignedInUser;
  ip: string | null;
  userAgent: string | null;
}

export interface OperationContext {
  db: Db;
  events: EventBatch;
}
