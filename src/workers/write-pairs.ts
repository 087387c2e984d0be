import type postgres from 'postgres';

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

/** Write transactions in flight at once: Postgres then uses both cores while Node computes. */
const IN_FLIGHT = 2;

/**
 * Writes chunks of pairs, each in its own transaction, while the caller computes the next ones.
 */
export async function writePairChunks(
  sql: postgres.Sql,
  chunks: AsyncIterator<PairChunk> | Iterator<PairChunk>,
  sides: SideSeqs,
  opts: { signal?: AbortSignal; onChunk?: (pairs: number) => Promise<void> } = {},
): Promise<{ written: number; aborted: boolean }> {
  let written = 0;
  const inFlight = new Set<Promise<void>>();
  let failure: unknown;
  for (;;) {
    const next = await chunks.next();
    while (inFlight.size >= IN_FLIGHT) await Promise.race(inFlight);
    if (failure) throw failure;
    if (next.done) break;
    if (opts.signal?.aborted) {
      await Promise.allSettled(inFlight);
      return { written, aborted: true };
    }
    const chunk = next.value;
    const p: Promise<void> = writePairs(sql, chunk, sides)
      .then(async (n) => { written += n; await opts.onChunk?.(chunk.lines.length); })
      .catch((err) => { failure ??= err; })
      .finally(() => { inFlight.delete(p); });
    inFlight.add(p);
  }
  await Promise.all(inFlight);
  if (failure) throw failure;
  return { written, aborted: false };
}

async function copyLines(tx: postgres.TransactionSql, into: string, lines: PairLine[]): Promise<void> {
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
export async function writePairs(sql: postgres.Sql, chunk: PairChunk, sides: SideSeqs): Promise<number> {
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
    const stored = chunk.sparse ? await storedKeysOf(tx, chunk.lines) : await tx<{ k: string }[]>`
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
async function storedKeysOf(tx: postgres.TransactionSql, lines: readonly PairLine[]): Promise<{ k: string }[]> {
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
