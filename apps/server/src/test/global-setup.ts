// Runs once per test run, before any test file: builds the migrated + seeded database templates
// that every server test file copies (see packages/db/src/testing.ts), and the server's bundle
// (build.ts) that the tests of the server process start, as operators do.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { buildServer } from "../../build.ts";
import { buildEmbeddedTemplate, buildPostgresTemplate, dropPostgresTemplates } from "@crewboard/db/testing";

declare module "vitest" {
  export interface ProvidedContext {
    embeddedTemplateFile: string;
    postgresServerUrl: string | null;
    postgresTemplate: string | null;
    /** the Tokyo day the templates' demo data is for (a run crossing midnight there builds the next day's) */
    templatesSeededOn: string;
  }
}

export default async function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), "crewboard-test-"));
  const file = join(dir, "embedded-template.tar.gz");
  const serverUrl = process.env.TEST_DATABASE_URL || null;
  const now = new Date();
  const [seededOn, postgresTemplate] = await Promise.all([
    buildEmbeddedTemplate(file, now),
    // a name of its own per run, so two runs on one server do not drop each other's template
    serverUrl
      ? buildPostgresTemplate(serverUrl, `crewboard_template_${randomBytes(4).toString("hex")}`, now)
      : Promise.resolve(null),
    buildServer(),
  ]);
  project.provide("embeddedTemplateFile", file);
  project.provide("postgresServerUrl", serverUrl);
  project.provide("postgresTemplate", postgresTemplate);
  project.provide("templatesSeededOn", seededOn);
  return async () => {
    rmSync(dir, { recursive: true, force: true });
    if (serverUrl && postgresTemplate) await dropPostgresTemplates(serverUrl, postgresTemplate);
  };
}
