import type { Db, Sql, Tx } from '../client.js';

export type ChangeRow =
  | { kind: 'career'; seq: string; slug: string; version: string; at: string }
  | { kind: 'pair'; seq: string; a: string; b: string; version: string; at: string };

/** A position in the change feed: the writing transaction's id and the change seq ("txid.seq"). */
export interface ChangeCursor {
  txid: string;
  seq: string;
}

export const parseChangeCursor = (s: string): ChangeCursor => {
  const [txid = '0', seq = '0'] = s.split('.');
  return { txid, seq };
};
const formatCursor = (txid: string, seq: string) => `${txid}.${seq}`;

/**
 * Careers and pairs whose content changed after the cursor, in (txid, seq) order, and only from
 * transactions older than every running one: a transaction still writing can commit a lower
 * seq later, so it is held back until it is done, and no change ever lands behind a cursor
 * already handed out. Each row holds its latest version: applying them in order ends in the
 * current state. `seq` of an item is its cursor.
 */
export async function loadChanges(db: Db, since: ChangeCursor, limit: number): Promise<ChangeRow[]> {
  const sql = db.$client;
  const rows = await sql<{ kind: 'career' | 'pair'; txid: string; seq: string; a: string; b: string | null; version: string; at: Date | string }[]>`
    with horizon as (select pg_snapshot_xmin(pg_current_snapshot()) as xmin)
    select * from (
      (select 'career' as kind, m.txid, m.seq, c.slug as a, null as b, m.version, m.computed_at as at
        from career_metrics m join careers c on c.id = m.career_id, horizon h
        where m.txid < h.xmin and (m.txid, m.seq) > (${since.txid}::xid8, ${since.seq}::bigint)
        order by m.txid, m.seq limit ${limit})
      union all
      (select 'pair', p.txid, p.seq, ca.slug, cb.slug, p.version, p.updated_at
        from comparisons p join careers ca on ca.id = p.a_id join careers cb on cb.id = p.b_id, horizon h
        where p.txid < h.xmin and (p.txid, p.seq) > (${since.txid}::xid8, ${since.seq}::bigint)
        order by p.txid, p.seq limit ${limit})
    ) u order by txid, seq limit ${limit}`;
  return rows.map((r) => {
    const at = new Date(r.at).toISOString();
    const cursor = formatCursor(String(r.txid), String(r.seq));
    return r.kind === 'career'
      ? { kind: 'career', seq: cursor, slug: r.a, version: r.version, at }
      : { kind: 'pair', seq: cursor, a: r.a, b: r.b!, version: r.version, at };
  });
}

/** The cursor of the newest change the feed can hand out now (see loadChanges), "0.0" when none. */
export async function latestChangeCursor(db: Db): Promise<string> {
  const [row] = await db.$client<{ txid: string; seq: string }[]>`
    with horizon as (select pg_snapshot_xmin(pg_current_snapshot()) as xmin)
    select txid::text, seq::text from (
      (select txid, seq from career_metrics, horizon h where txid < h.xmin order by txid desc, seq desc limit 1)
      union all
      (select txid, seq from comparisons, horizon h where txid < h.xmin order by txid desc, seq desc limit 1)
    ) u order by txid desc, seq desc limit 1`;
  return row ? formatCursor(row.txid, row.seq) : '0.0';
}

/** The newest committed change seq (what the API cache watches). */
export async function latestChangeSeq(db: Db): Promise<string> {
  const [row] = await db.$client<{ seq: string }[]>`
    select coalesce(greatest((select max(seq) from career_metrics), (select max(seq) from comparisons)), 0)::text as seq`;
  return row?.seq ?? '0';
}

/** Pairs asked for most (counted by the API), with titles. */
export async function loadMostCompared(db: Db, limit: number): Promise<{ a: string; aTitle: string; b: string; bTitle: string; count: number }[]> {
  return db.$client`
    select k.a_slug as a, ca.title as "aTitle", k.b_slug as b, cb.title as "bTitle", k.count::int as count
    from compare_counts k join careers ca on ca.slug = k.a_slug join careers cb on cb.slug = k.b_slug
    order by k.count desc, k.last_at desc limit ${limit}`;
}

/** Adds compare-request counts (pairs in canonical order). */
export async function addCompareCounts(db: Db, counts: Map<string, number>): Promise<void> {
  if (counts.size === 0) return;
  const keys = [...counts.keys()].map((k) => k.split('|') as [string, string]);
  await db.$client`
    insert into compare_counts (a_slug, b_slug, count)
    select * from unnest(${keys.map((k) => k[0])}::text[], ${keys.map((k) => k[1])}::text[], ${[...counts.values()]}::bigint[])
    on conflict (a_slug, b_slug) do update set count = compare_counts.count + excluded.count, last_at = now()`;
}

/** Data freshness for the overview: last successful run per source, last metrics and pair change. */
export async function loadFreshness(
  db: Db,
): Promise<{ sources: { id: string; kind: string; lastSuccessAt: string | null }[]; metricsAt: string | null; pairsAt: string | null; careers: number }> {
  const sql = db.$client;
  const sources = await sql<
    { id: string; kind: string; lastSuccessAt: Date | null }[]
  >`select id, kind, last_success_at as "lastSuccessAt" from sources order by id`;
  const [m] = await sql<{ at: Date | null; n: number }[]>`select max(computed_at) as at, (select count(*)::int from careers) as n from career_metrics`;
  const [p] = await sql<{ at: Date | null }[]>`select updated_at as at from comparisons order by seq desc limit 1`;
  const iso = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString() : null);
  return { sources: sources.map((s) => ({ ...s, lastSuccessAt: iso(s.lastSuccessAt) })), metricsAt: iso(m?.at), pairsAt: iso(p?.at), careers: m?.n ?? 0 };
}

/** The channel the workers notify after writing careers' metrics or pairs; the API's caches listen. */
export const CHANGES_CHANNEL = 'careerlens_changes';

/** Tells the API processes that careers' metrics or series changed. */
export async function notifyCareersChanged(sql: Sql | Tx): Promise<void> {
  await sql`select pg_notify('careerlens_changes', 'careers')`;
}

/** Tells the API processes that pairs changed. */
export async function notifyPairsChanged(sql: Sql | Tx): Promise<void> {
  await sql`select pg_notify('careerlens_changes', 'pairs')`;
}

/** The newest committed content seq (metrics or pairs) as text, null when there is none; one cheap query (the seq indexes, backwards). */
export async function newestContentSeq(sql: Sql): Promise<string | null> {
  const [row] = await sql<{ seq: string | null }[]>`
          select greatest((select max(seq) from career_metrics), (select max(seq) from comparisons))::text as seq`;
  return row?.seq ?? null;
}

/**
 * LISTENs on the changes channel: `onNotify` per NOTIFY, `onListen` each time LISTEN is
 * (re)connected. Resolves with the function that stops listening.
 */
export async function listenForChanges(sql: Sql, onNotify: () => void, onListen: () => void): Promise<{ unlisten: () => Promise<void> }> {
  const l = await sql.listen(CHANGES_CHANNEL, onNotify, onListen);
  return { unlisten: l.unlisten };
}
