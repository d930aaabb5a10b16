// The seeded database templates of this test run (global-setup.ts builds them), and which kinds
// of database the integration tests run on.
import { inject } from "vitest";
import type { TestDatabaseKind, TestTemplates } from "@crewboard/db/testing";

/** The seeded templates the global setup built, for `openTestDatabase`. */
export function testTemplates(): TestTemplates {
  return {
    embeddedFile: inject("embeddedTemplateFile"),
    postgresServerUrl: inject("postgresServerUrl") ?? undefined,
    postgresTemplate: inject("postgresTemplate") ?? undefined,
    seededOn: inject("templatesSeededOn"),
  };
}

/** The databases an integration test runs against: embedded always, PostgreSQL when CI provides it. */
export function databaseKinds(): { kind: TestDatabaseKind; available: boolean; label: string }[] {
  const pg = Boolean(inject("postgresServerUrl"));
  return [
    { kind: "embedded", available: true, label: "embedded PGlite" },
    { kind: "postgresql", available: pg, label: pg ? "PostgreSQL" : "PostgreSQL (skipped: TEST_DATABASE_URL not set)" },
  ];
}
