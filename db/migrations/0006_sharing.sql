CREATE TYPE "public"."lifting_status" AS ENUM('open', 'lifted', 'kept');--> statement-breakpoint
CREATE TABLE "check_reports" (
	"id" text PRIMARY KEY NOT NULL,
	"verification_code" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"subject_count" integer NOT NULL,
	"listed_count" integer NOT NULL,
	"results" jsonb NOT NULL,
	"digest" text NOT NULL,
	CONSTRAINT "check_reports_verification_code_unique" UNIQUE("verification_code")
);
--> statement-breakpoint
CREATE TABLE "expiry_sweep" (
	"id" smallint PRIMARY KEY DEFAULT 1 NOT NULL,
	"swept_until" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "lifting_tasks" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"entry_uid" text NOT NULL,
	"department_code" text NOT NULL,
	"removal_event_id" bigint NOT NULL,
	"status" "lifting_status" DEFAULT 'open' NOT NULL,
	"due_on" date NOT NULL,
	"kept_reason" text,
	"kept_until" date,
	"decided_by" text,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "measure_feedback" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"entry_uid" text NOT NULL,
	"department_code" text NOT NULL,
	"measure_no" smallint NOT NULL,
	"applied_on" date NOT NULL,
	"outcome" text NOT NULL,
	"recorded_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "api_keys" ADD COLUMN "full_identifiers" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "lifting_tasks" ADD CONSTRAINT "lifting_tasks_entry_uid_entries_uid_fk" FOREIGN KEY ("entry_uid") REFERENCES "public"."entries"("uid") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lifting_tasks" ADD CONSTRAINT "lifting_tasks_department_code_departments_code_fk" FOREIGN KEY ("department_code") REFERENCES "public"."departments"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measure_feedback" ADD CONSTRAINT "measure_feedback_entry_uid_entries_uid_fk" FOREIGN KEY ("entry_uid") REFERENCES "public"."entries"("uid") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measure_feedback" ADD CONSTRAINT "measure_feedback_department_code_departments_code_fk" FOREIGN KEY ("department_code") REFERENCES "public"."departments"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measure_feedback" ADD CONSTRAINT "measure_feedback_measure_no_measures_no_fk" FOREIGN KEY ("measure_no") REFERENCES "public"."measures"("no") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "lifting_tasks_department_status_idx" ON "lifting_tasks" USING btree ("department_code","status","due_on");--> statement-breakpoint
CREATE INDEX "lifting_tasks_entry_idx" ON "lifting_tasks" USING btree ("entry_uid");--> statement-breakpoint
CREATE UNIQUE INDEX "lifting_tasks_removal_department_key" ON "lifting_tasks" USING btree ("removal_event_id","department_code");--> statement-breakpoint
CREATE INDEX "measure_feedback_department_idx" ON "measure_feedback" USING btree ("department_code","measure_no");