CREATE TABLE "app_state" (
	"key" text PRIMARY KEY NOT NULL,
	"value" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
-- A database with careers holds metrics and comparisons derived by code older than this
-- migration: its version is unknown, so the next scheduler start recomputes them. An empty one
-- will be derived by this release (core/derived-version.ts, DERIVED_VERSION at this migration).
INSERT INTO "app_state" ("key", "value")
SELECT 'derived-version', CASE WHEN EXISTS (SELECT 1 FROM "careers") THEN 'unknown' ELSE 'metrics-v1|demand-v2|text-v6' END;
