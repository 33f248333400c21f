-- Existing rows get both kinds until the reference data is loaded again at start-up (db/reference-data.ts).
ALTER TABLE "measures" ADD COLUMN "subjects" "subject_type"[] NOT NULL DEFAULT '{person,organization}';--> statement-breakpoint
ALTER TABLE "measures" ALTER COLUMN "subjects" DROP DEFAULT;
