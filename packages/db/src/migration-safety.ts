// Expand/contract (ARCHITECTURE.md, "Rolling upgrades"): a migration runs while the previous
// release still serves on the same database, so it may only EXPAND the schema — add tables, add
// columns that are nullable or have a default, add indexes, relax constraints. Anything the old
// code could trip on (a dropped or renamed table or column, a changed type, a new NOT NULL, a new
// unique rule on existing rows) is a CONTRACT step: it ships a release later, once no instance of
// the release that used the old shape runs, and its migration says so with a comment
//   -- contract: <which release stopped using it>
// This module finds the statements that are not expand steps.

export interface UnsafeStatement {
  statement: string;
  why: string;
}

const RULES: { pattern: RegExp; why: string }[] = [
  { pattern: /^DROP\s+TABLE\b/i, why: "drops a table the previous release may still read" },
  { pattern: /\bDROP\s+COLUMN\b/i, why: "drops a column the previous release may still read or write" },
  {
    pattern: /\bRENAME\b/i,
    why: "renames what the previous release names (add the new one, copy, drop the old one a release later)",
  },
  {
    pattern: /\bALTER\s+COLUMN\s+"?[\w]+"?\s+(SET\s+DATA\s+)?TYPE\b/i,
    why: "changes a column's type under the previous release",
  },
  {
    pattern: /\bALTER\s+COLUMN\s+"?[\w]+"?\s+SET\s+NOT\s+NULL\b/i,
    why: "makes a column required that the previous release may leave empty",
  },
  { pattern: /^DROP\s+TYPE\b/i, why: "drops a type the previous release uses" },
  { pattern: /^ALTER\s+TYPE\b.*\b(RENAME|DROP)\b/i, why: "renames or drops an enum value the previous release uses" },
];

/** Statements of one migration, comments removed. */
function statements(sql: string): string[] {
  return sql
    .replace(/--[^\n]*/g, "")
    .split(";")
    .map((s) => s.replace(/\s+/g, " ").trim())
    .filter(Boolean);
}

export function unsafeStatements(sql: string): UnsafeStatement[] {
  if (/^\s*--\s*contract:\s*\S/m.test(sql)) return [];
  const all = statements(sql);
  // tables this migration creates: anything done to them is safe (no old code knows them)
  const created = new Set(all.flatMap((s) => /^CREATE TABLE (?:IF NOT EXISTS )?"?([\w]+)"?/i.exec(s)?.slice(1) ?? []));
  const onNewTable = (s: string) => {
    const table = /^(?:ALTER TABLE (?:ONLY )?|CREATE (?:UNIQUE )?INDEX .*? ON (?:ONLY )?)"?([\w]+)"?/i.exec(s)?.[1];
    return table !== undefined && created.has(table);
  };
  const found: UnsafeStatement[] = [];
  for (const s of all) {
    if (onNewTable(s)) continue;
    const why =
      RULES.find((rule) => rule.pattern.test(s))?.why ??
      (/^ALTER TABLE\b.*\bADD COLUMN\b.*\bNOT NULL\b/i.test(s) && !/\bDEFAULT\b/i.test(s)
        ? "adds a required column without a default: the previous release's inserts would fail"
        : /^CREATE UNIQUE INDEX\b/i.test(s) || /\bADD CONSTRAINT\b.*\b(UNIQUE|CHECK)\b/i.test(s)
          ? "adds a rule on existing rows that the previous release's writes do not know"
          : undefined);
    if (why) found.push({ statement: s, why });
  }
  return found;
}
