// The jobs every instance runs: each kind is a handler of a feature, registered here (like the
// routes in app.ts and the socket modules in realtime/modules.ts).
import { pruneRoomEvents } from "../realtime/sync.ts";
import type { JobHandler } from "./runner.ts";

const DAY_MS = 24 * 60 * 60 * 1000;

export const defaultJobHandlers: Record<string, JobHandler> = {
  /** Room events are kept a week for clients catching up after a reconnect; older ones go (daily). */
  "room-events.prune": async ({ tx, now }) => {
    await pruneRoomEvents(tx, now.getTime());
    return new Date(now.getTime() + DAY_MS);
  },
};

/** Recurring jobs that must exist once (created at start if missing; each reschedules itself). */
export const RECURRING_JOBS = [{ kind: "room-events.prune", key: "room-events.prune" }] as const;
