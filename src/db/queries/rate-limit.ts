import type postgres from 'postgres';

/** A client's count in one window, as the shared row holds it after adding this process's. */
export interface SharedCount {
  key: string;
  windowStart: number;
  count: number;
}

/**
 * Adds each counter's pending requests to its shared row (key, window) and returns every row's
 * total, in one statement: what the other processes counted comes back with it.
 */
export async function addRateCounts(sql: postgres.Sql, entries: { key: string; windowStart: number; add: number }[]): Promise<SharedCount[]> {
  const rows = await sql<{ key: string; window_start: string; count: number }[]>`
    insert into rate_limit_counters (key, window_start, count)
    select * from unnest(${entries.map((e) => e.key)}::text[], ${entries.map((e) => e.windowStart)}::bigint[], ${entries.map((e) => e.add)}::int[])
    on conflict (key, window_start) do update set count = rate_limit_counters.count + excluded.count
    returning key, window_start::text, count`;
  return rows.map((r) => ({ key: r.key, windowStart: Number(r.window_start), count: r.count }));
}

/** Drops the counters of windows that started more than two hours ago. */
export async function deleteOldRateCounts(sql: postgres.Sql): Promise<void> {
  await sql`delete from rate_limit_counters where window_start < extract(epoch from now())::bigint - 7200`;
}
