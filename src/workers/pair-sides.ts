import type postgres from 'postgres';
import { prepareCareer, type PreparedCareer } from '../core/compare/index.js';
import type { CareerMetrics } from '../core/metrics/types.js';
import type { SkillInput } from '../core/compare/types.js';

/** A career ready for comparisons: its id (pairs are stored with the lower id first), prepared form, and metrics seq. */
export interface PairSide {
  id: number;
  /** `career_metrics.seq` the side was read at: a pair is written only while both sides still have it. */
  seq: number;
  prepared: PreparedCareer;
}

/** Every career with metrics, in id order, prepared once for all of its pairs (about 60 µs each). */
export async function loadPairSides(sql: postgres.Sql): Promise<PairSide[]> {
  const rows = await sql<{ id: number; seq: string; slug: string; title: string; category: string; metrics: CareerMetrics; skills: SkillInput[] }[]>`
    select c.id, m.seq, c.slug, c.title, c.category, m.metrics, m.skills
    from careers c join career_metrics m on m.career_id = c.id order by c.id`;
  return rows.map((r) => ({
    id: r.id,
    seq: Number(r.seq),
    prepared: prepareCareer({ career: { slug: r.slug, title: r.title, category: r.category }, metrics: r.metrics, skills: r.skills }),
  }));
}

const cache = new WeakMap<postgres.Sql, { key: string; sides: Promise<PairSide[]> }>();

/**
 * `loadPairSides`, reused while no career's metrics changed: the child jobs of one large
 * recompute each need every career, and reading and preparing them costs about 0.4 s.
 * The key (count and sum of metrics seqs, which only grow) changes with any write or delete.
 */
export async function loadPairSidesCached(sql: postgres.Sql): Promise<PairSide[]> {
  const [k] = await sql<{ key: string }[]>`
    select count(*)::text || ':' || coalesce(sum(m.seq), 0)::text as key from careers c join career_metrics m on m.career_id = c.id`;
  const hit = cache.get(sql);
  if (hit && hit.key === k!.key) return hit.sides;
  const sides = loadPairSides(sql);
  cache.set(sql, { key: k!.key, sides });
  sides.catch(() => cache.delete(sql));
  return sides;
}
