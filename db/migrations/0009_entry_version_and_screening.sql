ALTER TABLE "applications" ADD COLUMN "needs_screening" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "entries" ADD COLUMN "source_updated_at" timestamp with time zone;