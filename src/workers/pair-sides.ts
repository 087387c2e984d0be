import type { Sql } from '../db/client.js';
import { readPairSideHeads, readPairSideRows } from '../db/queries/pairs.js';
import { prepareCareer, type PreparedCareer } from '../core/compare/index.js';

/** A career ready for comparisons: its id (pairs are stored with the lower id first), prepared form, and metrics seq. */
export interface PairSide {
  id: number;
  /** `career_metrics.seq` the side was read at: a pair is written only while both sides still have it. */
  seq: number;
  prepared: PreparedCareer;
}

/** Every career with metrics (or those of `ids`), in id order, prepared once for all of its pairs (about 60 µs each). */
export async function loadPairSides(sql: Sql, ids?: readonly number[]): Promise<PairSide[]> {
  const rows = await readPairSideRows(sql, ids);
  return rows.map((r) => ({
    id: r.id,
    seq: Number(r.seq),
    prepared: prepareCareer({ career: { slug: r.slug, title: r.title, category: r.category, origin: r.origin }, metrics: r.metrics, skills: r.skills }),
  }));
}

const cache = new WeakMap<Sql, Promise<PairSide[]>>();

/**
 * `loadPairSides`, reading and preparing again only careers whose metrics seq changed since
 * the last call in this process (reading and preparing all costs about 0.2-0.4 s, most of a
 * one-career event's budget; the child jobs of a large recompute each need every career). A
 * side's seq and content come from the same row, so a side is never newer or older than its seq.
 * Calls are serialized, each starting from the previous one's result.
 */
export async function loadPairSidesCached(sql: Sql): Promise<PairSide[]> {
  const previous = cache.get(sql);
  const next = (async () => {
    const known = new Map(((await previous?.catch(() => null)) ?? []).map((s) => [s.id, s]));
    const heads = await readPairSideHeads(sql);
    const due = heads.filter((h) => known.get(h.id)?.seq !== Number(h.seq)).map((h) => h.id);
    const fresh = new Map(due.length === 0 ? [] : (await loadPairSides(sql, due)).map((s) => [s.id, s]));
    return heads.map((h) => fresh.get(h.id) ?? known.get(h.id)).filter((s): s is PairSide => s !== undefined);
  })();
  cache.set(sql, next);
  return next;
}
