// A Vitest 4 reporter that closes every run with one machine-readable line:
//
//   Tests: <passed> passed, <failed> failed, <skipped> skipped
//
// It counts individual tests (not files). A test file that could not run at all
// (syntax error, failing import, failing beforeAll with no test marked failed)
// and unhandled errors count as one failure each, so the line never says
// "0 failed" for a run that Vitest itself considers failed.
//
// When something was skipped, it first lists what and why, so a run without
// PostgreSQL/Redis says what it did not check. Suites that skip themselves are
// named like "… (skipped: TEST_DATABASE_URL not set)"; tests skipped with
// `ctx.skip(note)` show their note.
//
// Used from the root vitest.config.ts after the default reporter:
//   reporters: ["default", "./tooling/vitest/summary-reporter.ts"]
import type { Reporter, SerializedError, TestCase, TestModule, TestRunEndReason, TestSuite, Vitest } from "vitest/node";

interface SkippedEntry {
  label: string;
  tests: number;
  reason: string | undefined;
}

export default class SummaryReporter implements Reporter {
  private vitest: Vitest | undefined;

  onInit(vitest: Vitest): void {
    this.vitest = vitest;
  }

  onTestRunEnd(
    testModules: ReadonlyArray<TestModule>,
    unhandledErrors: ReadonlyArray<SerializedError>,
    reason: TestRunEndReason,
  ): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    const skippedEntries: SkippedEntry[] = [];
    const brokenFiles: string[] = [];

    for (const testModule of testModules) {
      let moduleFailedTests = 0;
      for (const test of testModule.children.allTests()) {
        const state = test.result().state;
        if (state === "passed") passed += 1;
        else if (state === "failed") {
          failed += 1;
          moduleFailedTests += 1;
        } else if (state === "skipped") skipped += 1;
        // "pending" only happens when the run was interrupted; not counted.
      }

      const suiteErrors = [...testModule.children.allSuites()].some((s) => s.errors().length > 0);
      if (
        moduleFailedTests === 0 &&
        (testModule.errors().length > 0 || suiteErrors || testModule.state() === "failed")
      ) {
        failed += 1;
        brokenFiles.push(label(testModule));
      }

      collectSkipped(testModule, skippedEntries);
    }

    failed += unhandledErrors.length;

    const lines: string[] = [""];
    if (skippedEntries.length > 0) {
      lines.push(`Skipped (${skipped} test${skipped === 1 ? "" : "s"}):`);
      for (const entry of skippedEntries) {
        const count = entry.tests === 1 ? "1 test" : `${entry.tests} tests`;
        lines.push(`  - ${entry.label} — ${count}${entry.reason ? `; ${entry.reason}` : ""}`);
      }
    }
    if (brokenFiles.length > 0) {
      lines.push("Test files that failed outside a test (counted as 1 failure each):");
      for (const file of brokenFiles) lines.push(`  - ${file}`);
    }
    if (unhandledErrors.length > 0) {
      lines.push(`Unhandled errors (counted as failures): ${unhandledErrors.length}`);
      // CI keeps only the tail of the output: name each error here, with where it was thrown
      for (const error of unhandledErrors) lines.push(`  - ${describeError(error)}`);
    }
    if (reason === "interrupted") lines.push("The run was interrupted; tests that did not finish are not counted.");
    lines.push(`Tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);

    const text = lines.join("\n");
    const logger = this.vitest?.logger;
    if (logger) logger.log(text);
    else process.stdout.write(`${text}\n`);
  }
}

function label(entity: TestModule | TestSuite | TestCase): string {
  const testModule = entity.type === "module" ? entity : entity.module;
  const project = testModule.project.name;
  const file = testModule.relativeModuleId || testModule.moduleId;
  const prefix = project ? `[${project}] ${file}` : file;
  return entity.type === "module" ? prefix : `${prefix} > ${entity.fullName}`;
}

function countTests(collection: TestModule | TestSuite): number {
  let n = 0;
  for (const _ of collection.children.allTests()) n += 1;
  return n;
}

/**
 * Walks the tree and records the outermost skipped unit: a whole file, a suite
 * (describe.skip / describe.skipIf) or a single test. Nested skipped items under
 * an already-recorded skipped suite are not listed again.
 */
function collectSkipped(testModule: TestModule, out: SkippedEntry[]): void {
  const total = countTests(testModule);
  if (total > 0 && testModule.state() === "skipped") {
    out.push({ label: label(testModule), tests: total, reason: firstNote(testModule) });
    return;
  }
  walk(testModule, out);
}

function walk(parent: TestModule | TestSuite, out: SkippedEntry[]): void {
  for (const child of parent.children) {
    if (child.type === "suite") {
      const tests = countTests(child);
      const allSkipped = tests > 0 && [...child.children.allTests("skipped")].length === tests;
      if (child.state() === "skipped" || allSkipped) {
        const reason = child.errors().length > 0 ? "not run: a hook of this suite failed" : firstNote(child);
        out.push({ label: label(child), tests, reason });
      } else {
        walk(child, out);
      }
    } else {
      const result = child.result();
      if (result.state === "skipped") {
        out.push({
          label: label(child),
          tests: 1,
          reason: result.note ?? (child.options.mode === "todo" ? "todo" : undefined),
        });
      }
    }
  }
}

/** A note passed to ctx.skip(note) inside a skipped suite, if all of them agree. */
function firstNote(collection: TestModule | TestSuite): string | undefined {
  const notes = new Set<string>();
  for (const test of collection.children.allTests("skipped")) {
    const result = test.result();
    if (result.state === "skipped" && result.note) notes.add(result.note);
  }
  return notes.size === 1 ? [...notes][0] : undefined;
}

/** One line or a few for an unhandled error: its name, message, the test file and the first stack frames. */
function describeError(error: SerializedError): string {
  const e = error as SerializedError & {
    name?: string;
    message?: string;
    stack?: string;
    VITEST_TEST_PATH?: string;
    code?: string;
  };
  const head = `${e.name ?? "Error"}${e.code ? ` [${e.code}]` : ""}: ${(e.message ?? String(error)).split("\n")[0]}`;
  const frames = (e.stack ?? "")
    .split("\n")
    .filter((l) => l.trim().startsWith("at "))
    .slice(0, 4)
    .map((l) => `      ${l.trim()}`);
  return [head + (e.VITEST_TEST_PATH ? ` (in ${e.VITEST_TEST_PATH})` : ""), ...frames].join("\n");
}
