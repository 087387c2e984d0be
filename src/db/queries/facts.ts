/**
 * What the metrics assembly reads: careers, their facts in a fixed order, and the fingerprints
 * that tell a worker which careers changed since it last assembled them.
 */
import type { SqlOrTx } from '../client.js';

export interface FactRow {
  career_id: number;
  source_id: string;
  kind: string;
  key: string;
  period: string;
  value: unknown;
  updated_at: string;
  /** When the source serves the bundled snapshot: the date its copy was retrieved. */
  snapshot_retrieved?: string | null;
}
export interface CareerRow {
  id: number;
  slug: string;
  title: string;
  category: string;
  origin: 'onet' | 'career-page';
  onet_code: string | null;
}

/** Careers in id order, as the assembly reads them. */
export async function readCareers(sql: SqlOrTx): Promise<CareerRow[]> {
  return sql<CareerRow[]>`select id, slug, title, category, origin, onet_code from careers order by id`;
}

/**
 * Facts of the given careers (null: every career), in a fixed order (career, source, key,
 * period): the assembled lists and the skill taxonomy then never depend on heap order.
 */
export async function readFacts(sql: SqlOrTx, careerIds: readonly number[] | null): Promise<FactRow[]> {
  return sql<FactRow[]>`
    select f.career_id, f.source_id, s.kind, f.key, f.period, f.value, f.updated_at::text as updated_at, s.snapshot->>'retrievedAt' as snapshot_retrieved
    from facts f join sources s on s.id = f.source_id
    where ${careerIds === null ? sql`true` : sql`f.career_id = any(${careerIds as number[]}::int[])`}
    order by f.career_id, f.source_id, f.key, f.period`;
}

/**
 * A career's task statements from its latest `tasksKey` fact, in O*NET's order (`{}` when it has
 * none): a column expression over `careers c`, shared by every query that builds a title matcher.
 */
export function latestTaskStatements(sql: SqlOrTx, tasksKey: string) {
  return sql`coalesce((
    select array_agg(t.value->>'task' order by t.ord)
    from (select f.value from facts f where f.career_id = c.id and f.key = ${tasksKey} order by f.period desc, f.source_id limit 1) latest
    cross join jsonb_array_elements(latest.value) with ordinality as t(value, ord)
  ), '{}')`;
}

/** The description and task statements of O*NET careers, which rank generic titles with a field ("Scientist, Toxicology"). */
export async function readOnetCareerText(sql: SqlOrTx, tasksKey: string): Promise<{ career_id: number; description: string | null; tasks: string[] }[]> {
  return sql<{ career_id: number; description: string | null; tasks: string[] }[]>`
    select c.id as career_id, c.description, ${latestTaskStatements(sql, tasksKey)} as tasks from careers c where c.origin = 'onet'`;
}

/** The aliases of O*NET careers (with how many sources named each), for matching page careers to occupations. */
export async function readOnetAliases(sql: SqlOrTx): Promise<{ career_id: number; alias: string; evidence: number }[]> {
  return sql<{ career_id: number; alias: string; evidence: number }[]>`
    select a.career_id, a.alias, a.evidence from career_aliases a join careers c on c.id = a.career_id where c.origin = 'onet'`;
}

/** Per career: a digest of its facts' identities and content hashes, and of its technology skills alone. */
export async function readFactFingerprints(sql: SqlOrTx): Promise<Map<number, { facts: string; tech: string }>> {
  const rows = await sql<{ career_id: number; facts: string; tech: string }[]>`
    select f.career_id,
      md5(string_agg(f.source_id || ' ' || s.kind || ' ' || f.key || ' ' || f.period || ' ' || f.hash || ' ' || f.updated_at::text, '|'
        order by f.source_id, f.key, f.period)) as facts,
      coalesce(string_agg(f.source_id || ' ' || f.period || ' ' || f.hash, '|' order by f.source_id, f.period) filter (where f.key = 'tech-skills'), '') as tech
    from facts f join sources s on s.id = f.source_id group by f.career_id`;
  return new Map(rows.map((r) => [r.career_id, { facts: r.facts, tech: r.tech }]));
}

/** A digest of the O*NET careers' aliases (count and content): equal digests, same matching input. */
export async function onetAliasesDigest(sql: SqlOrTx): Promise<string> {
  const [a] = await sql<{ k: string }[]>`
    select count(*)::text || md5(coalesce(string_agg(a.career_id::text || ' ' || a.evidence || ' ' || a.alias, '|' order by a.career_id, a.alias), '')) as k
    from career_aliases a join careers c on c.id = a.career_id where c.origin = 'onet'`;
  return a!.k;
}
