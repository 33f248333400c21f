ALTER TYPE "public"."application_kind" ADD VALUE 'guarantee';--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "forwarded_from" text;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_forwarded_from_departments_code_fk" FOREIGN KEY ("forwarded_from") REFERENCES "public"."departments"("code") ON DELETE no action ON UPDATE no action;