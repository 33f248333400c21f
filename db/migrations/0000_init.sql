CREATE TYPE "public"."disclosure" AS ENUM('public', 'restricted');--> statement-breakpoint
CREATE TYPE "public"."entry_status" AS ENUM('active', 'revoked', 'shielded');--> statement-breakpoint
CREATE TYPE "public"."severity" AS ENUM('general', 'serious');--> statement-breakpoint
CREATE TYPE "public"."subject_type" AS ENUM('person', 'organization');--> statement-breakpoint
CREATE TABLE "departments" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"short_name" text NOT NULL,
	"is_member_unit" boolean NOT NULL,
	"sort_order" integer NOT NULL,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "entries" (
	"uid" text PRIMARY KEY NOT NULL,
	"case_no" text NOT NULL,
	"subject_type" "subject_type" NOT NULL,
	"name" text NOT NULL,
	"gender" text,
	"age" smallint,
	"id_number" text,
	"other_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"legal_representative" text,
	"court" text NOT NULL,
	"region_id" text,
	"region_name" text NOT NULL,
	"basis_doc_no" text NOT NULL,
	"basis_issuer" text NOT NULL,
	"duty" text NOT NULL,
	"performance" text NOT NULL,
	"circumstances" text[] NOT NULL,
	"published_at" timestamp with time zone NOT NULL,
	"filed_at" date NOT NULL,
	"performed_part" text,
	"unperformed_part" text,
	"revoked_at" timestamp with time zone,
	"severity" "severity" NOT NULL,
	"valid_until" timestamp with time zone,
	"disclosure" "disclosure" DEFAULT 'public' NOT NULL,
	"status" "entry_status" DEFAULT 'active' NOT NULL,
	"status_changed_at" timestamp with time zone,
	"status_reason" text,
	"demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"search_name" text NOT NULL,
	"search_grams" text[] NOT NULL,
	"search_pinyin" text NOT NULL,
	"search_initials" text NOT NULL,
	"search_case_no" text NOT NULL,
	"search_ids" text[] NOT NULL
);
--> statement-breakpoint
CREATE TABLE "entry_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"entry_uid" text NOT NULL,
	"kind" text NOT NULL,
	"actor" text NOT NULL,
	"reason" text,
	"details" jsonb,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "measure_departments" (
	"measure_no" smallint NOT NULL,
	"department_code" text NOT NULL,
	CONSTRAINT "measure_departments_measure_no_department_code_pk" PRIMARY KEY("measure_no","department_code")
);
--> statement-breakpoint
CREATE TABLE "measures" (
	"no" smallint PRIMARY KEY NOT NULL,
	"numeral" text NOT NULL,
	"text" text NOT NULL,
	"implementers_text" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "entry_events" ADD CONSTRAINT "entry_events_entry_uid_entries_uid_fk" FOREIGN KEY ("entry_uid") REFERENCES "public"."entries"("uid") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measure_departments" ADD CONSTRAINT "measure_departments_measure_no_measures_no_fk" FOREIGN KEY ("measure_no") REFERENCES "public"."measures"("no") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measure_departments" ADD CONSTRAINT "measure_departments_department_code_departments_code_fk" FOREIGN KEY ("department_code") REFERENCES "public"."departments"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "entries_search_grams_gin" ON "entries" USING gin ("search_grams");--> statement-breakpoint
CREATE INDEX "entries_search_ids_gin" ON "entries" USING gin ("search_ids");--> statement-breakpoint
CREATE INDEX "entries_search_name_idx" ON "entries" USING btree ("search_name" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "entries_search_pinyin_idx" ON "entries" USING btree ("search_pinyin" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "entries_search_initials_idx" ON "entries" USING btree ("search_initials" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "entries_search_case_no_idx" ON "entries" USING btree ("search_case_no");--> statement-breakpoint
CREATE INDEX "entries_published_at_idx" ON "entries" USING btree ("published_at");--> statement-breakpoint
CREATE INDEX "entries_status_changed_at_idx" ON "entries" USING btree ("status_changed_at");--> statement-breakpoint
CREATE INDEX "entries_court_idx" ON "entries" USING btree ("court");--> statement-breakpoint
CREATE INDEX "entry_events_entry_uid_idx" ON "entry_events" USING btree ("entry_uid","id");