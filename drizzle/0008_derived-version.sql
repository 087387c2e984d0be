CREATE TABLE "app_state" (
	"key" text PRIMARY KEY NOT NULL,
	"value" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
-- A database with careers holds metrics and comparisons derived by code older than this
-- migration: its version is unknown, so the next scheduler start recomputes them. An empty one
-- gets no row: the first scheduler start records its code's version (nothing derived yet).
INSERT INTO "app_state" ("key", "value")
SELECT 'derived-version', 'unknown' WHERE EXISTS (SELECT 1 FROM "careers");
