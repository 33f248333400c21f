-- History is append-only (design rule 9): events may be inserted, never changed or removed.
CREATE FUNCTION forbid_event_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER entry_events_append_only
  BEFORE UPDATE OR DELETE ON entry_events
  FOR EACH ROW EXECUTE FUNCTION forbid_event_change();
--> statement-breakpoint
CREATE TRIGGER entry_events_no_truncate
  BEFORE TRUNCATE ON entry_events
  FOR EACH STATEMENT EXECUTE FUNCTION forbid_event_change();
