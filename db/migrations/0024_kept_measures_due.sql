CREATE TABLE "lifting_decisions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"task_id" bigint NOT NULL,
	"outcome" "lifting_status" NOT NULL,
	"kept_reason" text,
	"kept_until" date,
	"decided_by" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "lifting_decisions_decided" CHECK ("lifting_decisions"."outcome" <> 'open'),
	CONSTRAINT "lifting_decisions_kept_period" CHECK (("lifting_decisions"."outcome" = 'kept') = ("lifting_decisions"."kept_until" IS NOT NULL AND "lifting_decisions"."kept_reason" IS NOT NULL))
);
--> statement-breakpoint
ALTER TABLE "message_outbox" ALTER COLUMN "application_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "message_outbox" ADD COLUMN "lifting_task_id" bigint;--> statement-breakpoint
ALTER TABLE "message_outbox" ADD COLUMN "lifting_due_on" date;--> statement-breakpoint
ALTER TABLE "lifting_decisions" ADD CONSTRAINT "lifting_decisions_task_id_lifting_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."lifting_tasks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "lifting_decisions_task_idx" ON "lifting_decisions" USING btree ("task_id","id");--> statement-breakpoint
ALTER TABLE "message_outbox" ADD CONSTRAINT "message_outbox_lifting_task_id_lifting_tasks_id_fk" FOREIGN KEY ("lifting_task_id") REFERENCES "public"."lifting_tasks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "message_outbox_lifting_key" ON "message_outbox" USING btree ("lifting_task_id","lifting_due_on","to_address") WHERE lifting_task_id IS NOT NULL;--> statement-breakpoint
ALTER TABLE "message_outbox" ADD CONSTRAINT "message_outbox_one_subject" CHECK (("message_outbox"."application_id" IS NULL) <> ("message_outbox"."lifting_task_id" IS NULL));--> statement-breakpoint
ALTER TABLE "message_outbox" ADD CONSTRAINT "message_outbox_lifting_day" CHECK (("message_outbox"."lifting_task_id" IS NULL) = ("message_outbox"."lifting_due_on" IS NULL));--> statement-breakpoint
-- Hand-written. The decisions made before this migration become the first row of each task's history (the tasks'
-- columns held the only, once-final decision).
INSERT INTO "lifting_decisions" ("task_id", "outcome", "kept_reason", "kept_until", "decided_by", "at")
  SELECT "id", "status", "kept_reason", "kept_until", COALESCE("decided_by", 'system:unknown'),
    COALESCE("decided_at", "created_at")
  FROM "lifting_tasks" WHERE "status" <> 'open' ORDER BY "id";
--> statement-breakpoint
-- The decisions are history: append-only like the events (design rule 9).
CREATE TRIGGER lifting_decisions_append_only
  BEFORE UPDATE OR DELETE ON lifting_decisions
  FOR EACH ROW EXECUTE FUNCTION forbid_event_change();
--> statement-breakpoint
CREATE TRIGGER lifting_decisions_no_truncate
  BEFORE TRUNCATE ON lifting_decisions
  FOR EACH STATEMENT EXECUTE FUNCTION forbid_event_change();
