// Dates relative to the day a test runs, for tests that need a valid future date and not a fixed
// one (a fixed date becomes the past one day, and a new order's due date must be in the future).

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/** A due date a month (30 days) ahead of now, on a whole hour (the next one), as an ISO string. */
export function monthAhead(): string {
  return new Date(Math.ceil(Date.now() / HOUR_MS) * HOUR_MS + 30 * DAY_MS).toISOString();
}
