CREATE TYPE "public"."removal_request_status" AS ENUM('pending', 'approved', 'refused');--> statement-breakpoint
CREATE TABLE "removal_requests" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"entry_uid" text NOT NULL,
	"kind" text NOT NULL,
	"reason" text NOT NULL,
	"effective_at" timestamp with time zone,
	"requested_by" text NOT NULL,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"status" "removal_request_status" DEFAULT 'pending' NOT NULL,
	"decided_by" text,
	"decided_at" timestamp with time zone,
	"decision_note" text
);
--> statement-breakpoint
ALTER TABLE "staff_users" ADD COLUMN "reviews_removals" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "removal_requests" ADD CONSTRAINT "removal_requests_entry_uid_entries_uid_fk" FOREIGN KEY ("entry_uid") REFERENCES "public"."entries"("uid") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "removal_requests_one_pending_key" ON "removal_requests" USING btree ("entry_uid") WHERE status = 'pending';--> statement-breakpoint
CREATE INDEX "removal_requests_pending_idx" ON "removal_requests" USING btree ("requested_at") WHERE status = 'pending';