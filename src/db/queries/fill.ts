import type { Db } from '../client.js';
import type { ServedSnapshot } from '../schema/sources.js';

/** How far a fill (first start, or a source's new data) has come: sources, careers, metrics and pairs. */
export interface FillStatus {
  /** Runs queued or running now, and how many of them read the bundled snapshot. */
  activeRuns: number;
  activeSnapshotRuns: number;
  /** Sources serving bundled-snapshot data. */
  snapshotSources: number;
  careers: number;
  metrics: number;
  /** Precomputed comparisons, of careers × (careers − 1) / 2. */
  pairs: number;
  pairsExpected: number;
  /** Careers still marked for metrics or pairs. */
  pendingMarks: number;
  /** Work is still under way: a run, marks to drain, or pairs missing. */
  filling: boolean;
}

/**
 * The fill status. Comparisons are counted only while work is under way (the count reads every
 * pair); otherwise they are taken as complete.
 */
export async function loadFillStatus(db: Db): Promise<FillStatus> {
  const sql = db.$client;
  const [r] = await sql<{ active: number; snap_active: number; snap_sources: number; careers: number; metrics: number; marks: number }[]>`
    select (select count(*)::int from ingest_runs where status in ('queued', 'running')) as active,
      (select count(*)::int from ingest_runs where status in ('queued', 'running') and trigger = 'snapshot') as snap_active,
      (select count(*)::int from sources where snapshot is not null and delisted_at is null) as snap_sources,
      (select count(*)::int from careers) as careers,
      (select count(*)::int from career_metrics) as metrics,
      (select count(*)::int from dirty_careers) as marks`;
  const busy = r!.active > 0 || r!.marks > 0 || r!.metrics < r!.careers;
  // Not (0 × −1) / 2 = −0 with fewer than two careers, which prints as "-0".
  const pairsExpected = r!.careers > 1 ? (r!.careers * (r!.careers - 1)) / 2 : 0;
  const pairs = busy ? (await sql<{ n: number }[]>`select count(*)::int as n from comparisons`)[0]!.n : pairsExpected;
  return {
    activeRuns: r!.active,
    activeSnapshotRuns: r!.snap_active,
    snapshotSources: r!.snap_sources,
    careers: r!.careers,
    metrics: r!.metrics,
    pairs,
    pairsExpected,
    pendingMarks: r!.marks,
    filling: busy || pairs < pairsExpected,
  };
}

/** A listed source as the attribution page shows it: where its data comes from and which releases it holds. */
export interface DataSourceRow {
  id: string;
  kind: string;
  url: string;
  snapshot: ServedSnapshot | null;
  lastSuccessAt: Date | null;
  /** The periods (releases) its facts are under, newest last. */
  periods: string[];
  facts: number;
}

export async function loadDataSources(db: Db): Promise<DataSourceRow[]> {
  const sql = db.$client;
  return sql<DataSourceRow[]>`
    select s.id, s.kind, s.url, s.snapshot, s.last_success_at as "lastSuccessAt",
      coalesce(f.periods, '{}') as periods, coalesce(f.n, 0)::int as facts
    from sources s
    left join (select source_id, array_agg(distinct period order by period) as periods, count(*) as n from facts group by source_id) f on f.source_id = s.id
    where s.delisted_at is null
    order by s.id`;
}
