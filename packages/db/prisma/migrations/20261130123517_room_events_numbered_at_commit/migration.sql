-- Room events are numbered at COMMIT (issue 14). Until now the write path's last statement took
-- the rooms' next numbers (an upsert of RoomSequence) and stored the events; the sequence rows
-- stayed locked from that statement to the commit, i.e. for one more round trip through the
-- server's event loop. The busy `board` room made every write wait for that. Now the last
-- statement inserts the events unnumbered into RoomEventBatch, and a deferred constraint trigger
-- numbers them when the transaction commits: the sequence rows are locked from the trigger to the
-- end of the commit only. The numbering is the same (per room, gapless, in the order recorded; rooms
-- locked in name order, so two commits cannot deadlock). A release that still numbers in its own
-- statement takes the same row locks: both may run side by side during a rolling upgrade.

-- UNLOGGED: a row lives inside its transaction only (the trigger deletes it at the commit that
-- stores its events in RoomEvent, which is logged), so it needs no WAL: a crash empties the table,
-- and the transaction that wrote the row never committed.
-- CreateTable
CREATE UNLOGGED TABLE "RoomEventBatch" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "rooms" TEXT[],
    "events" TEXT[],
    "payloadOf" INTEGER[],
    "payloads" TEXT[],
    "ats" TEXT[],

    CONSTRAINT "RoomEventBatch_pkey" PRIMARY KEY ("id")
);

CREATE FUNCTION "crewboard_number_room_events"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  WITH payloads AS MATERIALIZED (
    -- an event sent to several rooms is one payload, parsed once
    SELECT p.i, p.payload::jsonb AS payload FROM unnest(NEW."payloads") WITH ORDINALITY AS p(payload, i)
  ), recorded AS (
    -- each event's distance from its room's last number: the room's k-th of n events gets lastSeq - (n - k)
    SELECT e.room, e.event, e.payload_of, e.at,
      count(*) OVER (PARTITION BY e.room) - row_number() OVER (PARTITION BY e.room ORDER BY e.k) AS back
    FROM unnest(NEW."rooms", NEW."events", NEW."payloadOf", NEW."ats") WITH ORDINALITY AS e(room, event, payload_of, at, k)
  ), taken AS (
    INSERT INTO "RoomSequence" ("room", "lastSeq")
    SELECT room, count(*)::int FROM recorded GROUP BY room ORDER BY room
    ON CONFLICT ("room") DO UPDATE SET "lastSeq" = "RoomSequence"."lastSeq" + EXCLUDED."lastSeq"
    RETURNING "room", "lastSeq"
  )
  INSERT INTO "RoomEvent" ("room", "seq", "event", "payload", "createdAt")
  SELECT r.room, taken."lastSeq" - r.back, r.event, payloads.payload, (r.at::timestamptz AT TIME ZONE 'UTC')
  FROM recorded r JOIN taken ON taken."room" = r.room JOIN payloads ON payloads.i = r.payload_of;
  DELETE FROM "RoomEventBatch" WHERE "id" = NEW."id";
  RETURN NULL;
END
$$;

CREATE CONSTRAINT TRIGGER "RoomEventBatch_number_at_commit"
  AFTER INSERT ON "RoomEventBatch"
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION "crewboard_number_room_events"();
