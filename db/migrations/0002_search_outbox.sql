CREATE TABLE "search_outbox" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"entry_uid" text NOT NULL,
	"enqueued_at" timestamp with time zone DEFAULT now() NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_error" text
);
--> statement-breakpoint
CREATE TABLE "search_sweep" (
	"id" smallint PRIMARY KEY DEFAULT 1 NOT NULL,
	"swept_until" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "search_outbox_next_attempt_idx" ON "search_outbox" USING btree ("next_attempt_at","id");--> statement-breakpoint
CREATE INDEX "entries_valid_until_idx" ON "entries" USING btree ("valid_until");