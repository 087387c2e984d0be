CREATE TABLE "career_series" (
	"career_id" integer PRIMARY KEY NOT NULL,
	"version" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "series_points" (
	"career_id" integer NOT NULL,
	"metric" text NOT NULL,
	"series" text NOT NULL,
	"period" text NOT NULL,
	"period_start" date NOT NULL,
	"value" double precision,
	"bound" text,
	"source" text NOT NULL,
	"note" jsonb DEFAULT '{}'::jsonb NOT NULL,
	CONSTRAINT "series_points_career_id_metric_series_period_pk" PRIMARY KEY("career_id","metric","series","period")
);
--> statement-breakpoint
ALTER TABLE "career_series" ADD CONSTRAINT "career_series_career_id_careers_id_fk" FOREIGN KEY ("career_id") REFERENCES "public"."careers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "series_points" ADD CONSTRAINT "series_points_career_id_careers_id_fk" FOREIGN KEY ("career_id") REFERENCES "public"."careers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "series_points_metric_period_idx" ON "series_points" USING btree ("metric","period");