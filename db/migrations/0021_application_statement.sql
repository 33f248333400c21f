-- One statement box replaces 事实 and 理由: existing text is kept, facts then a blank line then reasons.
ALTER TABLE "applications" ADD COLUMN "statement" text;--> statement-breakpoint
UPDATE "applications" SET "statement" = concat_ws(E'\n\n', nullif("facts", ''), nullif("reasons", ''));--> statement-breakpoint
ALTER TABLE "applications" ALTER COLUMN "statement" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "applications" DROP COLUMN "facts";--> statement-breakpoint
ALTER TABLE "applications" DROP COLUMN "reasons";
