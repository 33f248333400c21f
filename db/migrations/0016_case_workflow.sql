ALTER TYPE "public"."case_status" ADD VALUE 'refused';--> statement-breakpoint
ALTER TYPE "public"."case_status" ADD VALUE 'awaiting_material';--> statement-breakpoint
CREATE TABLE "case_documents" (
	"case_id" bigint PRIMARY KEY NOT NULL,
	"file_name" text NOT NULL,
	"media_type" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"content" "bytea" NOT NULL,
	"actor" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_notes" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"case_id" bigint NOT NULL,
	"actor" text NOT NULL,
	"body" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "supplements" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"application_id" text NOT NULL,
	"note" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "application_files" ADD COLUMN "supplement_id" bigint;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "refusal_reason" text;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "material_request" text;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "paused_on" date;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "paused_from" "case_status";--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "paused_days" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "case_documents" ADD CONSTRAINT "case_documents_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_notes" ADD CONSTRAINT "case_notes_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supplements" ADD CONSTRAINT "supplements_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "case_notes_case_idx" ON "case_notes" USING btree ("case_id","id");--> statement-breakpoint
CREATE INDEX "supplements_application_idx" ON "supplements" USING btree ("application_id");--> statement-breakpoint
ALTER TABLE "application_files" ADD CONSTRAINT "application_files_supplement_id_supplements_id_fk" FOREIGN KEY ("supplement_id") REFERENCES "public"."supplements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- Internal notes, supplements and signed decisions are records: never changed or deleted (design rule 9).
CREATE TRIGGER case_notes_append_only BEFORE UPDATE OR DELETE ON case_notes FOR EACH ROW EXECUTE FUNCTION forbid_event_change();--> statement-breakpoint
CREATE TRIGGER case_notes_no_truncate BEFORE TRUNCATE ON case_notes FOR EACH STATEMENT EXECUTE FUNCTION forbid_event_change();--> statement-breakpoint
CREATE TRIGGER supplements_append_only BEFORE UPDATE OR DELETE ON supplements FOR EACH ROW EXECUTE FUNCTION forbid_event_change();--> statement-breakpoint
CREATE TRIGGER case_documents_append_only BEFORE UPDATE OR DELETE ON case_documents FOR EACH ROW EXECUTE FUNCTION forbid_event_change();
