import type { Db } from '../client.js';

/** How long each kind of history is kept, in days; 0 keeps it forever. */
export interface RetentionPolicy {
  rawDocumentsDays: number;
  metricHistoryDays: number;
  runsDays: number;
}

export interface RetentionResult {
  rawDocuments: number;
  metricHistory: number;
  runs: number;
}

/**
 * Deletes history older than the policy allows, never what the data still stands on:
 * - raw documents still named by a fact (provenance) or by a source's validators (the copy a
 *   conditional fetch reads again) stay, whatever their age;
 * - metric history keeps, per career, the newest version older than the cutoff, so a trend or
 *   top-movers window starting at the cutoff still has its starting value;
 * - runs still queued or running stay, and so does each source's newest finished run and its
 *   newest successful one (freshness and "last run" are read from them).
 */
export async function applyRetention(db: Db, policy: RetentionPolicy): Promise<RetentionResult> {
  const sql = db.$client;
  const out: RetentionResult = { rawDocuments: 0, metricHistory: 0, runs: 0 };
  if (policy.rawDocumentsDays > 0) {
    out.rawDocuments = (
      await sql`
      delete from raw_documents r
      where r.fetched_at < now() - make_interval(days => ${policy.rawDocumentsDays})
        and not exists (select 1 from source_documents d where d.raw_document_id = r.id)
        and not exists (select 1 from facts f where f.raw_document_id = r.id)`
    ).count;
  }
  if (policy.metricHistoryDays > 0) {
    out.metricHistory = (
      await sql`
      with cutoff as (select now() - make_interval(days => ${policy.metricHistoryDays}) as at),
      kept as (
        select distinct on (h.career_id) h.career_id, h.computed_at
        from metric_history h, cutoff where h.computed_at < cutoff.at
        order by h.career_id, h.computed_at desc)
      delete from metric_history h using kept
      where h.career_id = kept.career_id and h.computed_at < kept.computed_at`
    ).count;
  }
  if (policy.runsDays > 0) {
    out.runs = (
      await sql`
      delete from ingest_runs r
      where r.status not in ('queued', 'running')
        and coalesce(r.finished_at, r.queued_at) < now() - make_interval(days => ${policy.runsDays})
        and r.id <> (select max(l.id) from ingest_runs l where l.source_id = r.source_id and l.status not in ('queued', 'running'))
        and r.id <> coalesce((select max(s.id) from ingest_runs s where s.source_id = r.source_id and s.status in ('succeeded', 'unchanged')), -1)`
    ).count;
  }
  return out;
}
