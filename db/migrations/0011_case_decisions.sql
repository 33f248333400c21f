ALTER TYPE "public"."case_decision" ADD VALUE 'revoke_entry';--> statement-breakpoint
ALTER TYPE "public"."case_decision" ADD VALUE 'amend_entry';--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "lifted_measure_nos" smallint[] DEFAULT '{}' NOT NULL;