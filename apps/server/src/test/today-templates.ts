// Before each test file (vitest setupFiles): once the run has crossed midnight in Tokyo, today's
// templates are built here, outside any test's or hook's timeout (20 s and more on a busy 2-core
// machine), instead of inside the first test that opens a database. Same day: nothing to do.
import { templateForToday } from "@crewboard/db/testing";
import { databaseKinds, testTemplates } from "./templates.ts";

for (const { kind, available } of databaseKinds()) if (available) await templateForToday(testTemplates(), kind);
