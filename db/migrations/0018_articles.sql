CREATE TYPE "public"."article_kind" AS ENUM('announcement', 'news', 'case', 'policy');--> statement-breakpoint
CREATE TYPE "public"."article_status" AS ENUM('draft', 'in_review', 'published', 'withdrawn');--> statement-breakpoint
CREATE TABLE "article_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"article_id" bigint NOT NULL,
	"kind" text NOT NULL,
	"actor" text NOT NULL,
	"note" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "article_files" (
	"id" text PRIMARY KEY NOT NULL,
	"article_id" bigint NOT NULL,
	"file_name" text NOT NULL,
	"media_type" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"content" "bytea" NOT NULL,
	"actor" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "articles" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"kind" "article_kind" NOT NULL,
	"title" text NOT NULL,
	"summary" text,
	"body" text NOT NULL,
	"status" "article_status" DEFAULT 'draft' NOT NULL,
	"court" text,
	"entry_uid" text,
	"author" text NOT NULL,
	"reviewer" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_at" timestamp with time zone,
	"withdrawn_at" timestamp with time zone,
	CONSTRAINT "articles_reviewer_not_author" CHECK ("articles"."reviewer" IS NULL OR "articles"."reviewer" <> "articles"."author"),
	CONSTRAINT "articles_published_reviewed" CHECK ("articles"."status" NOT IN ('published', 'withdrawn') OR "articles"."reviewer" IS NOT NULL)
);
--> statement-breakpoint
ALTER TABLE "article_events" ADD CONSTRAINT "article_events_article_id_articles_id_fk" FOREIGN KEY ("article_id") REFERENCES "public"."articles"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "article_files" ADD CONSTRAINT "article_files_article_id_articles_id_fk" FOREIGN KEY ("article_id") REFERENCES "public"."articles"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "articles" ADD CONSTRAINT "articles_entry_uid_entries_uid_fk" FOREIGN KEY ("entry_uid") REFERENCES "public"."entries"("uid") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "article_events_article_idx" ON "article_events" USING btree ("article_id","id");--> statement-breakpoint
CREATE INDEX "article_files_article_idx" ON "article_files" USING btree ("article_id");--> statement-breakpoint
CREATE INDEX "articles_published_idx" ON "articles" USING btree ("kind","published_at") WHERE status = 'published';--> statement-breakpoint
CREATE INDEX "articles_status_idx" ON "articles" USING btree ("status","updated_at");--> statement-breakpoint
-- Hand-written: an article's history is append-only like the other events (design rule 9).
CREATE TRIGGER article_events_append_only
  BEFORE UPDATE OR DELETE ON article_events
  FOR EACH ROW EXECUTE FUNCTION forbid_event_change();
--> statement-breakpoint
CREATE TRIGGER article_events_no_truncate
  BEFORE TRUNCATE ON article_events
  FOR EACH STATEMENT EXECUTE FUNCTION forbid_event_change();
