CREATE TABLE "courts" (
	"name" text PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"aliases" text[] DEFAULT '{}' NOT NULL,
	"superior" text,
	"phone" text NOT NULL,
	"address" text NOT NULL,
	"handles_requests" boolean NOT NULL,
	"sort_order" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "courts" ADD CONSTRAINT "courts_superior_courts_name_fk" FOREIGN KEY ("superior") REFERENCES "public"."courts"("name") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "courts_code_idx" ON "courts" USING btree ("code");