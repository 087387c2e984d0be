import { asc, desc, eq, sql } from 'drizzle-orm';
import type postgres from 'postgres';
import type { Db } from '../client.js';
import { careers } from '../schema/careers.js';
import { unmatchedTitles } from '../schema/sources.js';
import { titlePins } from '../schema/title-pins.js';

export interface TitlePinRow {
  normalized: string;
  title: string;
  careerSlug: string;
  careerTitle: string;
  pinnedBy: string;
  updatedAt: Date;
}

const pinColumns = {
  normalized: titlePins.normalized,
  title: titlePins.title,
  careerSlug: careers.slug,
  careerTitle: careers.title,
  pinnedBy: titlePins.pinnedBy,
  updatedAt: titlePins.updatedAt,
};

/** Every pin with its career, newest first. */
export async function listTitlePins(db: Db): Promise<TitlePinRow[]> {
  return db
    .select(pinColumns)
    .from(titlePins)
    .innerJoin(careers, eq(careers.id, titlePins.careerId))
    .orderBy(desc(titlePins.updatedAt), asc(titlePins.normalized));
}

export async function getTitlePin(db: Db, normalized: string): Promise<TitlePinRow | undefined> {
  const [row] = await db.select(pinColumns).from(titlePins).innerJoin(careers, eq(careers.id, titlePins.careerId)).where(eq(titlePins.normalized, normalized));
  return row;
}

/** Pins a title (replacing an earlier pin of the same title). */
export async function upsertTitlePin(db: Db, params: { normalized: string; title: string; careerId: number; pinnedBy: string }): Promise<void> {
  await db
    .insert(titlePins)
    .values(params)
    .onConflictDoUpdate({
      target: titlePins.normalized,
      set: { title: params.title, careerId: params.careerId, pinnedBy: params.pinnedBy, updatedAt: sql`now()` },
    });
}

/** Removes a pin; false when there was none. */
export async function deleteTitlePin(db: Db, normalized: string): Promise<boolean> {
  const rows = await db.delete(titlePins).where(eq(titlePins.normalized, normalized)).returning({ normalized: titlePins.normalized });
  return rows.length > 0;
}

/** normalized title → career slug, for an ingest run. */
export async function loadTitlePins(sql: postgres.Sql): Promise<Map<string, string>> {
  const rows = await sql<{ normalized: string; slug: string }[]>`select p.normalized, c.slug from title_pins p join careers c on c.id = p.career_id`;
  return new Map(rows.map((r) => [r.normalized, r.slug]));
}

export interface UnmatchedTitleRow {
  sourceId: string;
  title: string;
  count: number;
  candidates: { slug: string; confidence: number }[];
}

/** Titles the sources could not place, most frequent first: the operators' to-do list. */
export async function listUnmatchedTitles(db: Db, params: { limit?: number } = {}): Promise<UnmatchedTitleRow[]> {
  return db
    .select({ sourceId: unmatchedTitles.sourceId, title: unmatchedTitles.title, count: unmatchedTitles.count, candidates: unmatchedTitles.candidates })
    .from(unmatchedTitles)
    .orderBy(desc(unmatchedTitles.count), asc(unmatchedTitles.title))
    .limit(params.limit ?? 200);
}
