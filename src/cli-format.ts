import type { RunStats } from './db/schema/sources.js';
import type { SourceStatus } from './ops/sources.js';
import type { TitlePin } from './ops/title-pins.js';
import type { UnmatchedTitleRow } from './db/queries/title-pins.js';

const scheduleText = (s: SourceStatus['schedule']) => ('cron' in s ? `${s.cron} (${s.tz})` : `every ${Math.round(s.everyMs / 1000)} s`);
const when = (iso: string | null | undefined) => (iso ? iso.replace(/\.\d+Z$/, 'Z') : '—');

/** A fixed-width table: a header row, then one row per item, columns padded to their widest cell. */
export function formatTable(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  return [head, ...rows]
    .map((r) =>
      r
        .map((c, i) => c.padEnd(widths[i]!))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/** delisted (left the source list; data kept), paused (by an operator) or enabled. */
export const sourceState = (s: Pick<SourceStatus, 'enabled' | 'delistedAt'>) => (s.delistedAt ? 'delisted' : s.enabled ? 'enabled' : 'paused');

/** Sources with state, schedule, last run, next run and freshness, for the terminal. */
export function formatSourcesTable(sources: SourceStatus[]): string {
  const rows = sources.map((s) => [
    s.id,
    s.kind,
    sourceState(s),
    scheduleText(s.schedule),
    `${s.lastRun ? `#${s.lastRun.id} ${s.lastRun.status}` : 'never run'}${s.activeRun ? ` (#${s.activeRun.id} ${s.activeRun.status})` : ''}`,
    when(s.nextRunAt),
    s.freshness.state,
    when(s.freshness.lastSuccessAt),
    s.servedFrom,
  ]);
  const errors = sources.filter((s) => s.lastRun?.status === 'failed' && s.lastRun.error).map((s) => `${s.id}: ${s.lastRun!.error}`);
  const table = formatTable(['ID', 'KIND', 'STATE', 'SCHEDULE', 'LAST RUN', 'NEXT RUN', 'FRESHNESS', 'LAST SUCCESS', 'DATA'], rows);
  return errors.length ? `${table}\n\nlast run failed:\n${errors.map((e) => `  ${e}`).join('\n')}` : table;
}

/** The stats of a finished run, one figure a line, then the first rejected rows. */
export function formatRunStats(stats: Partial<RunStats>): string {
  const keys = ['fetched', 'bytes', 'parsed', 'inserted', 'updated', 'unchanged', 'removed', 'rejected', 'changedCareers', 'durationMs'] as const;
  const lines = keys.filter((k) => stats[k] !== undefined).map((k) => `  ${k.padEnd(15)} ${stats[k]}`);
  for (const r of (stats.rejects ?? []).slice(0, 10)) lines.push(`  rejected ${r.file ?? ''}${r.line ? `:${r.line}` : ''} ${r.reason}`);
  return lines.join('\n');
}

/** Keys for the terminal: id, role, name, visible prefix, dates; never the secret. */
export function formatKeysTable(
  keys: {
    id: number;
    role: string;
    name: string;
    prefix: string;
    createdAt: Date | string;
    lastUsedAt: Date | string | null;
    revokedAt: Date | string | null;
    ratePerMinute?: number | null;
  }[],
): string {
  const iso = (d: Date | string | null) => when(d ? new Date(d).toISOString() : null);
  const rows = keys.map((k) => [
    String(k.id),
    k.role,
    k.name,
    `${k.prefix}…`,
    k.ratePerMinute ? `${k.ratePerMinute}/min` : 'default',
    iso(k.createdAt),
    iso(k.lastUsedAt),
    k.revokedAt ? `revoked ${iso(k.revokedAt)}` : 'active',
  ]);
  return formatTable(['ID', 'ROLE', 'NAME', 'PREFIX', 'RATE', 'CREATED', 'LAST USED', 'STATE'], rows);
}

/** The operators' title pins: title, career, who pinned it and when. */
export function formatPinsTable(pins: TitlePin[]): string {
  if (pins.length === 0) return 'no title pins';
  return formatTable(
    ['title', 'career', 'pinned by', 'at'],
    pins.map((p) => [p.title, p.career.slug, p.pinnedBy, p.updatedAt.slice(0, 19).replace('T', ' ')]),
  );
}

/** Titles no career took, most frequent first, with their best candidates. */
export function formatUnmatchedTable(rows: UnmatchedTitleRow[]): string {
  if (rows.length === 0) return 'no unmatched titles';
  return formatTable(
    ['source', 'count', 'title', 'candidates'],
    rows.map((r) => [r.sourceId, String(r.count), r.title, r.candidates.map((c) => `${c.slug} ${c.confidence}`).join(', ') || '—']),
  );
}
