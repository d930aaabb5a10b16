// Audit rows are append-only, enforced by the database (migration 20261129193000_audit_append_only):
// an UPDATE or a DELETE of "AuditEvent" fails, whoever sends it; the one retention path deletes old
// rows and records that it did.
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachDatabase, startTestApp, type TestApp } from "../test/test-app.ts";
import { pruneAuditEvents } from "./retention.ts";

describeEachDatabase("audit rows are append-only", (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind);
  });
  afterAll(() => t?.close());

  it("an UPDATE or a DELETE of an audit row is refused by the database, and nothing changes", async () => {
    const row = await t.db.prisma.auditEvent.create({
      data: { action: "test.append_only", entityType: "test", metadata: {} },
    });
    await expect(
      t.db.prisma.auditEvent.update({ where: { id: row.id }, data: { action: "test.changed" } }),
    ).rejects.toThrow(/append-only/);
    await expect(t.db.prisma.auditEvent.delete({ where: { id: row.id } })).rejects.toThrow(/append-only/);
    await expect(t.db.prisma.$executeRawUnsafe(`DELETE FROM "AuditEvent" WHERE id = '${row.id}'`)).rejects.toThrow(
      /append-only/,
    );
    // the setting alone, outside the retention path's transaction, does not last
    await t.db.prisma.$queryRaw`SELECT set_config('crewboard.audit_retention', 'on', true)`;
    await expect(t.db.prisma.auditEvent.delete({ where: { id: row.id } })).rejects.toThrow(/append-only/);
    expect(await t.db.prisma.auditEvent.findUnique({ where: { id: row.id } })).toMatchObject({
      action: "test.append_only",
    });
  });

  it("the retention path deletes rows older than its cut-off, in its transaction only, and records it", async () => {
    const old = await t.db.prisma.auditEvent.create({
      data: { action: "test.old", entityType: "test", metadata: {}, createdAt: new Date("2020-01-01T00:00:00Z") },
    });
    const deleted = await t.db.prisma.$transaction((tx) =>
      pruneAuditEvents(tx, { before: new Date("2021-01-01T00:00:00Z"), actor: null }),
    );
    expect(deleted).toBeGreaterThanOrEqual(1);
    expect(await t.db.prisma.auditEvent.findUnique({ where: { id: old.id } })).toBeNull();
    const record = await t.db.prisma.auditEvent.findFirstOrThrow({
      where: { action: "audit.pruned" },
      orderBy: { createdAt: "desc" },
    });
    expect(record.metadata).toMatchObject({ deleted, before: "2021-01-01T00:00:00.000Z" });
    // and after it, the door is closed again
    await expect(t.db.prisma.auditEvent.delete({ where: { id: record.id } })).rejects.toThrow(/append-only/);
  });
});
