CREATE TABLE "title_pins" (
	"normalized" text PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"career_id" integer NOT NULL,
	"pinned_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "title_pins" ADD CONSTRAINT "title_pins_career_id_careers_id_fk" FOREIGN KEY ("career_id") REFERENCES "public"."careers"("id") ON DELETE cascade ON UPDATE no action;