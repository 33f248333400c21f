-- The change feed is history too (design rule 9): departments replay it, so no row may change or vanish.
CREATE TRIGGER change_feed_append_only
  BEFORE UPDATE OR DELETE ON change_feed
  FOR EACH ROW EXECUTE FUNCTION forbid_event_change();
--> statement-breakpoint
CREATE TRIGGER change_feed_no_truncate
  BEFORE TRUNCATE ON change_feed
  FOR EACH STATEMENT EXECUTE FUNCTION forbid_event_change();
