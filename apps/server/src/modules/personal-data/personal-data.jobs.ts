// The daily retention job (issue 15): at 03:00 Tokyo time, when nobody works, everything past its
// retention period goes (retention.ts), in one transaction with its one audit row.
import type { JobHandler } from "../../jobs/runner.ts";
import { nextDailyRun } from "../notifications/reminders.ts";
import { applyRetention, type RetentionSettings } from "./retention.ts";

export const RETENTION_JOB = "personal-data.retention";
export const RETENTION_HOUR = 3;

export function retentionJobHandlers(settings: RetentionSettings): Record<string, JobHandler> {
  return {
    [RETENTION_JOB]: async ({ tx, now }) => {
      await applyRetention(tx, { now, settings });
      return nextDailyRun(now, RETENTION_HOUR);
    },
  };
}
