-- Audit rows are append-only (issue 13): no UPDATE, and no DELETE except through the one retention
-- path (apps/server/src/audit/retention.ts), which sets crewboard.audit_retention for its own
-- transaction only and records what it removed as a new audit row. Aggregates (failed sign-ins
-- per window) are new rows, never counters that are updated.
CREATE FUNCTION "crewboard_audit_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND current_setting('crewboard.audit_retention', true) = 'on' THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'audit rows are append-only: % refused (only the retention job deletes)', TG_OP
    USING ERRCODE = '42501';
END
$$;

CREATE TRIGGER "AuditEvent_append_only"
  BEFORE UPDATE OR DELETE ON "AuditEvent"
  FOR EACH ROW EXECUTE FUNCTION "crewboard_audit_append_only"();
