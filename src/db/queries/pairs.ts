/**
 * The comparisons (pairs) of careers: the marks of careers whose pairs are due, the sides the
 * workers compare, and the chunked pair writer (COPY into the table or a staging table, then an
 * upsert). The workers compute; these functions hold every statement they run.
 */
import type { Sql, SqlOrTx, Tx } from '../client.js';
import type { CareerMetrics, CareerOrigin } from '../../core/metrics/types.js';
import type { SkillInput } from '../../core/compare/types.js';

/** One staged pair: `a_id \t b_id \t a_seq \t b_seq \t data \t version \n` (COPY text format). */
export type PairLine = string;

/** A chunk of pairs whose lower sides' ids are in [minA, maxA]. */
export interface PairChunk {
  lines: PairLine[];
  minA: number;
  maxA: number;
  /**
   * Only some pairs of the range (those of dirty careers): stored versions are then looked up
   * pair by pair, not by scanning the range (one career's pairs span almost every a_id).
   */
  sparse?: boolean;
}

/** The metrics seq of every side the chunks were computed from. */
export interface SideSeqs {
  ids: number[];
  seqs: number[];
}

/** A career marked for pair recomputation; `marked_at` as text (a JS Date would drop microseconds). */
export interface PairMark {
  career_id: number;
  marked_at: string;
}

export async function readPairMarks(sql: SqlOrTx): Promise<PairMark[]> {
  return sql<PairMark[]>`select career_id, marked_at::text as marked_at from dirty_careers where stage = 'pairs' order by career_id`;
}

/** Clears the given marks; marks set again meanwhile (a newer marked_at) stay for the next job. */
export async function clearPairMarks(sql: Sql, marks: readonly PairMark[]): Promise<void> {
  await sql`
    delete from dirty_careers d
    using jsonb_to_recordset(${JSON.stringify(marks)}::jsonb) as m(career_id int, marked_at timestamptz)
    where d.stage = 'pairs' and d.career_id = m.career_id and d.marked_at <= m.marked_at`;
}

/** Careers still marked for pair recomputation. */
export async function countPairMarks(sql: Sql): Promise<number> {
  const [left] = await sql<{ n: number }[]>`select count(*)::int as n from dirty_careers where stage = 'pairs'`;
  return left!.n;
}

/** Pairs have no foreign keys (see the schema): removes those of careers deleted since they were written. */
export async function deletePairsOfRemovedCareers(sql: Sql): Promise<void> {
  await sql`delete from comparisons p where not exists (select 1 from careers c where c.id = p.a_id)
        or not exists (select 1 from careers c where c.id = p.b_id)`;
}

/**
 * Runs `fn` in a transaction holding the pair-planning lock: two workers never plan (and start
 * a flow for) the same marks at once.
 */
export async function underPairPlanLock<T>(sql: Sql, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return sql.begin(async (tx) => {
    await tx`select pg_advisory_xact_lock(hashtext('careerlens:pairs-plan'))`;
    return fn(tx);
  }) as Promise<T>;
}

/** Ids of every career with metrics (the sides of the pair triangle), ascending. */
export async function listMetricCareerIds(tx: SqlOrTx): Promise<number[]> {
  return (await tx<{ id: number }[]>`select career_id as id from career_metrics order by career_id`).map((r) => r.id);
}

/** A side as stored: its career and metrics row (prepared for comparisons by the workers). */
export interface PairSideRow {
  id: number;
  seq: string;
  slug: string;
  title: string;
  category: string;
  origin: CareerOrigin;
  metrics: CareerMetrics;
  skills: SkillInput[];
}

/** Every career with metrics (or those of `ids`), in id order. */
export async function readPairSideRows(sql: Sql, ids?: readonly number[]): Promise<PairSideRow[]> {
  return sql<PairSideRow[]>`
    select c.id, m.seq, c.slug, c.title, c.category, c.origin, m.metrics, m.skills
    from careers c join career_metrics m on m.career_id = c.id
    where ${ids ? sql`c.id = any(${ids as number[]}::int[])` : sql`true`}
    order by c.id`;
}

/** Id and metrics seq of every career with metrics, in id order. */
export async function readPairSideHeads(sql: Sql): Promise<{ id: number; seq: string }[]> {
  return sql<{ id: number; seq: string }[]>`
      select c.id, m.seq from careers c join career_metrics m on m.career_id = c.id order by c.id`;
}

async function copyLines(tx: Tx, into: string, lines: PairLine[]): Promise<void> {
  const copy = await tx.unsafe(`copy ${into} from stdin`).writable();
  await new Promise<void>((resolve, reject) => {
    copy.on('error', reject);
    copy.on('finish', resolve);
    copy.end(lines.join(''));
  });
}

/**
 * Writes one chunk; returns the pairs written. A pair is written only if both sides' metrics
 * are still the ones it was computed from (their seq): a slow job holding older metrics never
 * overwrites a newer pair. The shared lock keeps metrics from changing until the commit (the
 * metrics job takes it exclusively); a pair skipped this way belongs to a career that job
 * marked again, so a later job writes it.
 *
 * Rows no pair of the chunk's range exists for yet (a first computation) go straight in with one
 * COPY; otherwise through a staging table and an upsert that rewrites only changed versions.
 */
export async function writePairs(sql: Sql, chunk: PairChunk, sides: SideSeqs): Promise<number> {
  return sql.begin(async (tx) => {
    await tx`select pg_advisory_xact_lock_shared(hashtext('careerlens:metrics'))`;
    const [state] = await tx<{ stored: boolean; stale: number }[]>`
      select exists (select 1 from comparisons where a_id between ${chunk.minA} and ${chunk.maxA}) as stored,
        (select count(*)::int from unnest(${sides.ids}::int[], ${sides.seqs}::bigint[]) as x(id, seq)
          left join career_metrics m on m.career_id = x.id where m.seq is distinct from x.seq) as stale`;
    if (!state!.stored && state!.stale === 0) {
      // Each line's seq columns are dropped on the way: COPY takes the four stored columns.
      await copyLines(tx, 'comparisons (a_id, b_id, data, version)', chunk.lines.map(dropSeqs));
      return chunk.lines.length;
    }
    // Pairs whose stored version is already this one are left out before staging: a recompute
    // of unchanged inputs then sends and writes almost nothing.
    const stored = chunk.sparse
      ? await storedKeysOf(tx, chunk.lines)
      : await tx<{ k: string }[]>`
      select a_id::text || ':' || b_id::text || ':' || version as k from comparisons where a_id between ${chunk.minA} and ${chunk.maxA}`;
    const have = new Set(stored.map((r) => r.k));
    const changed = chunk.lines.filter((l) => !have.has(keyOf(l)));
    if (changed.length === 0) return 0;
    await tx`create temp table staged_pairs (a_id int, b_id int, a_seq bigint, b_seq bigint, data jsonb, version text) on commit drop`;
    await copyLines(tx, 'staged_pairs (a_id, b_id, a_seq, b_seq, data, version)', changed);
    const res = await tx`
      insert into comparisons (a_id, b_id, data, version)
      select s.a_id, s.b_id, s.data, s.version from staged_pairs s
      join career_metrics ma on ma.career_id = s.a_id and ma.seq = s.a_seq
      join career_metrics mb on mb.career_id = s.b_id and mb.seq = s.b_seq
      on conflict (a_id, b_id) do update set data = excluded.data, version = excluded.version,
        seq = nextval('change_seq'), txid = pg_current_xact_id(), updated_at = now()
      where comparisons.version <> excluded.version`;
    return res.count;
  }) as Promise<number>;
}

/** `a:b:version` of the stored pairs among `lines`. */
async function storedKeysOf(tx: Tx, lines: readonly PairLine[]): Promise<{ k: string }[]> {
  const as: number[] = [];
  const bs: number[] = [];
  for (const l of lines) {
    const t1 = l.indexOf('\t');
    as.push(Number(l.slice(0, t1)));
    bs.push(Number(l.slice(t1 + 1, l.indexOf('\t', t1 + 1))));
  }
  return tx<{ k: string }[]>`
    select c.a_id::text || ':' || c.b_id::text || ':' || c.version as k
    from unnest(${as}::int[], ${bs}::int[]) as x(a, b) join comparisons c on c.a_id = x.a and c.b_id = x.b`;
}

/** `a:b:version` of a line. */
function keyOf(line: PairLine): string {
  const t1 = line.indexOf('\t');
  const t2 = line.indexOf('\t', t1 + 1);
  return `${line.slice(0, t1)}:${line.slice(t1 + 1, t2)}:${line.slice(line.lastIndexOf('\t') + 1, -1)}`;
}

function dropSeqs(line: PairLine): string {
  const t1 = line.indexOf('\t');
  const t2 = line.indexOf('\t', t1 + 1);
  const t4 = line.indexOf('\t', line.indexOf('\t', t2 + 1) + 1);
  return line.slice(0, t2 + 1) + line.slice(t4 + 1);
}
