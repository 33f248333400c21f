-- Every event a receiving department must act on gets its change-feed row in the same
-- statement, so no write path can forget it (one statement-level trigger per INSERT).
CREATE FUNCTION write_change_feed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO change_feed (event_id, entry_uid, kind)
  SELECT id, entry_uid, kind FROM new_events
  WHERE kind IN ('listed', 'updated', 'revoked', 'shielded')
  ORDER BY id;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER entry_events_change_feed
  AFTER INSERT ON entry_events
  REFERENCING NEW TABLE AS new_events
  FOR EACH STATEMENT EXECUTE FUNCTION write_change_feed();
--> statement-breakpoint
-- The change feed is history too (design rule 9): departments replay it, so no row may change or vanish.
CREATE TRIGGER change_feed_append_only
  BEFORE UPDATE OR DELETE ON change_feed
  FOR EACH ROW EXECUTE FUNCTION forbid_event_change();
--> statement-breakpoint
CREATE TRIGGER change_feed_no_truncate
  BEFORE TRUNCATE ON change_feed
  FOR EACH STATEMENT EXECUTE FUNCTION forbid_event_change();
