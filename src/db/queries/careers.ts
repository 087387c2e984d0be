import { eq } from 'drizzle-orm';
import type { Db } from '../client.js';
import { careers } from '../schema/careers.js';
import type { CareerMetrics } from '../../core/metrics/types.js';
import type { CompactComparison, SkillInput } from '../../core/compare/types.js';

export interface CareerRow {
  id: number;
  slug: string;
  onetCode: string | null;
  title: string;
  description: string;
  category: string;
  origin: 'onet' | 'career-page';
}

export interface CareerWithMetrics extends CareerRow {
  metrics: CareerMetrics | null;
  /** Canonical skills with concept tags (what comparisons use); empty before the first recompute. */
  skills: SkillInput[];
  metricsVersion: string | null;
  computedAt: string | null;
}

const ONET_CODE = /^\d{2}-\d{4}(\.\d{2})?$/;

/** Finds a career by slug, or by O*NET-SOC code (`15-1252.00`, or `15-1252` for its `.00`). */
export async function findCareer(db: Db, slugOrCode: string): Promise<CareerWithMetrics | undefined> {
  const sql = db.$client;
  const code = ONET_CODE.test(slugOrCode) ? (slugOrCode.length === 7 ? `${slugOrCode}.00` : slugOrCode) : null;
  const rows = await sql<CareerWithMetrics[]>`
    select c.id, c.slug, c.onet_code as "onetCode", c.title, c.description, c.category, c.origin,
      m.metrics, coalesce(m.skills, '[]'::jsonb) as skills, m.version as "metricsVersion", m.computed_at as "computedAt"
    from careers c left join career_metrics m on m.career_id = c.id
    where ${code ? sql`c.onet_code = ${code}` : sql`c.slug = ${slugOrCode}`}`;
  return rows[0];
}

/** A career's id and slug by its slug (no metrics read). */
export async function findCareerIdBySlug(db: Db, slug: string): Promise<{ id: number; slug: string } | undefined> {
  const [c] = await db.select({ id: careers.id, slug: careers.slug }).from(careers).where(eq(careers.slug, slug));
  return c;
}

/** Careers sharing the most words with the given text (for "did you mean" answers). */
export async function closestCareers(db: Db, text: string, limit = 5): Promise<{ slug: string; title: string }[]> {
  const words = [
    ...new Set(
      text
        .toLowerCase()
        .split(/[^a-z0-9]+/)
        .filter((w) => w.length > 1),
    ),
  ].slice(0, 8);
  if (words.length === 0) return [];
  return db.$client<{ slug: string; title: string }[]>`
    select slug, title from careers c
    cross join lateral (select count(*) as hits from unnest(${words}::text[]) w where c.slug like '%' || w || '%') h
    where h.hits > 0 order by h.hits desc, length(c.slug), c.slug limit ${limit}`;
}

export interface StoredComparison {
  aId: number;
  bId: number;
  /** The compact form, oriented with the lower career id as side a. */
  data: CompactComparison;
  version: string;
  /** ISO text: the drizzle-configured client returns timestamps as strings. */
  updatedAt: string;
}

/** The stored comparison of a pair (ids in any order); stored with a_id < b_id. */
export async function getStoredComparison(db: Db, x: number, y: number): Promise<StoredComparison | undefined> {
  const [aId, bId] = x < y ? [x, y] : [y, x];
  const rows = await db.$client<StoredComparison[]>`
    select a_id as "aId", b_id as "bId", data, version, updated_at as "updatedAt"
    from comparisons where a_id = ${aId} and b_id = ${bId}`;
  return rows[0];
}

/** Reads stored pairs for many concurrent callers; see `createPairReader`. */
export type PairReader = (x: number, y: number) => Promise<StoredComparison | undefined>;

/**
 * A pair reader that coalesces the reads asked for in the same turn of the event loop into
 * one query (at most `maxBatch` pairs each). Under concurrent cold reads this costs one
 * round trip and one result parse per batch instead of per pair; a lone read waits no longer
 * than the end of its turn. A failed query fails every read of its batch.
 */
export function createPairReader(db: Db, maxBatch = 64): PairReader {
  type Waiter = { a: number; b: number; resolve: (r: StoredComparison | undefined) => void; reject: (e: unknown) => void };
  let queue: Waiter[] = [];
  let scheduled = false;

  const run = async (batch: Waiter[]) => {
    try {
      const rows = await db.$client<StoredComparison[]>`
        select c.a_id as "aId", c.b_id as "bId", c.data, c.version, c.updated_at as "updatedAt"
        from unnest(${batch.map((w) => w.a)}::int[], ${batch.map((w) => w.b)}::int[]) as k(a, b)
        join comparisons c on c.a_id = k.a and c.b_id = k.b`;
      const found = new Map<string, StoredComparison>();
      for (const r of rows) found.set(`${r.aId}:${r.bId}`, r);
      for (const w of batch) w.resolve(found.get(`${w.a}:${w.b}`));
    } catch (err) {
      for (const w of batch) w.reject(err);
    }
  };
  const flush = () => {
    scheduled = false;
    const all = queue;
    queue = [];
    for (let i = 0; i < all.length; i += maxBatch) void run(all.slice(i, i + maxBatch));
  };
  return (x, y) =>
    new Promise((resolve, reject) => {
      const [a, b] = x < y ? [x, y] : [y, x];
      queue.push({ a, b, resolve, reject });
      if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    });
}
