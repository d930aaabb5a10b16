-- DropIndex
DROP INDEX "AuditEvent_action_createdAt_idx";
