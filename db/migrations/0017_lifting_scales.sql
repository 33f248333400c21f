-- Lifting that scales (issue 11 part 4). The enum gains not_applicable. Not with ADD VALUE:
-- the migrator runs in one transaction and the value is used below, which ADD VALUE forbids.
ALTER TYPE "public"."lifting_status" RENAME TO "lifting_status_old";--> statement-breakpoint
CREATE TYPE "public"."lifting_status" AS ENUM('open', 'lifted', 'kept', 'not_applicable');--> statement-breakpoint
ALTER TABLE "lifting_tasks" ALTER COLUMN "status" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "lifting_tasks" ALTER COLUMN "status" TYPE "public"."lifting_status" USING "status"::text::"public"."lifting_status";--> statement-breakpoint
ALTER TABLE "lifting_tasks" ALTER COLUMN "status" SET DEFAULT 'open';--> statement-breakpoint
DROP TYPE "public"."lifting_status_old";--> statement-breakpoint
CREATE TABLE "lifting_reminders" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"department_code" text NOT NULL,
	"scope" text NOT NULL,
	"task_ids" bigint[] NOT NULL,
	"note" text,
	"sent_by" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "lifting_tasks" ALTER COLUMN "removal_event_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "lifting_tasks" ADD COLUMN "case_id" bigint;--> statement-breakpoint
ALTER TABLE "lifting_tasks" ADD COLUMN "measure_nos" smallint[] DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE "lifting_reminders" ADD CONSTRAINT "lifting_reminders_department_code_departments_code_fk" FOREIGN KEY ("department_code") REFERENCES "public"."departments"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "lifting_reminders_department_idx" ON "lifting_reminders" USING btree ("department_code","at");--> statement-breakpoint
CREATE INDEX "lifting_reminders_tasks_idx" ON "lifting_reminders" USING gin ("task_ids");--> statement-breakpoint
ALTER TABLE "lifting_tasks" ADD CONSTRAINT "lifting_tasks_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "lifting_tasks_case_key" ON "lifting_tasks" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "measure_feedback_entry_idx" ON "measure_feedback" USING btree ("entry_uid","department_code");--> statement-breakpoint
ALTER TABLE "lifting_tasks" ADD CONSTRAINT "lifting_tasks_one_origin" CHECK (("lifting_tasks"."removal_event_id" IS NULL) <> ("lifting_tasks"."case_id" IS NULL));--> statement-breakpoint
-- 催办 is history: append-only like the events (design rule 9).
CREATE TRIGGER lifting_reminders_append_only
  BEFORE UPDATE OR DELETE ON lifting_reminders
  FOR EACH ROW EXECUTE FUNCTION forbid_event_change();
--> statement-breakpoint
CREATE TRIGGER lifting_reminders_no_truncate
  BEFORE TRUNCATE ON lifting_reminders
  FOR EACH STATEMENT EXECUTE FUNCTION forbid_event_change();
--> statement-breakpoint
-- Tasks opened before tasks followed feedback, one per member unit and removal. An open task
-- of a unit that reported a measure for the entry now lists those measures; an open task of a
-- unit that reported none had nothing to lift: it is closed as not_applicable by
-- system:lifting-scope (the row stays, with when). Decided tasks are left as they were.
UPDATE "lifting_tasks" t SET "measure_nos" = ARRAY(
    SELECT DISTINCT f."measure_no" FROM "measure_feedback" f
    WHERE f."entry_uid" = t."entry_uid" AND f."department_code" = t."department_code" ORDER BY 1)
  WHERE t."status" = 'open' AND t."removal_event_id" IS NOT NULL;--> statement-breakpoint
UPDATE "lifting_tasks" SET "status" = 'not_applicable', "decided_by" = 'system:lifting-scope', "decided_at" = now()
  WHERE "status" = 'open' AND "measure_nos" = '{}';
