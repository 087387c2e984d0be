ALTER TABLE "sources" ADD COLUMN "normalizer_version" integer;--> statement-breakpoint
ALTER TABLE "career_aliases" ADD COLUMN "evidence" smallint DEFAULT 1 NOT NULL;