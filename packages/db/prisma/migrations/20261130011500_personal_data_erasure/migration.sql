-- Issue 15: erasing a departed person's personal data.
-- AlterTable
ALTER TABLE "User" ADD COLUMN     "erasedAt" TIMESTAMP(3);

-- Audit rows stay append-only, with a second narrow door: the erasure of one person's data
-- (apps/server/src/modules/personal-data/erase-user-data.ts) sets crewboard.audit_erasure for its
-- own transaction only, and may then overwrite personal values inside rows' metadata, IP address
-- and browser — never the action, the entity, the actor or the time — and records that it did.
CREATE OR REPLACE FUNCTION "crewboard_audit_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND current_setting('crewboard.audit_retention', true) = 'on' THEN
    RETURN OLD;
  END IF;
  IF TG_OP = 'UPDATE' AND current_setting('crewboard.audit_erasure', true) = 'on'
     AND NEW."id" = OLD."id" AND NEW."action" = OLD."action" AND NEW."entityType" = OLD."entityType"
     AND NEW."entityId" IS NOT DISTINCT FROM OLD."entityId" AND NEW."actorId" IS NOT DISTINCT FROM OLD."actorId"
     AND NEW."createdAt" = OLD."createdAt" THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'audit rows are append-only: % refused (only the retention job deletes)', TG_OP
    USING ERRCODE = '42501';
END
$$;
