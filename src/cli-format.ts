import type { RunStats } from './db/schema/sources.js';
import type { SourceRow } from './db/queries/sources.js';

const scheduleText = (s: SourceRow['schedule']) => ('cron' in s ? `${s.cron} (${s.tz})` : `every ${Math.round(s.everyMs / 1000)} s`);

/** A fixed-width table of sources for the terminal. */
export function formatSourcesTable(sources: SourceRow[]): string {
  const rows = sources.map((s) => [s.id, s.kind, s.enabled ? 'enabled' : 'paused', scheduleText(s.schedule), s.lastSuccessAt?.toISOString() ?? 'never']);
  const head = ['ID', 'KIND', 'STATE', 'SCHEDULE', 'LAST SUCCESS'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  return [head, ...rows].map((r) => r.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd()).join('\n');
}

/** The stats of a finished run, one figure a line, then the first rejected rows. */
export function formatRunStats(stats: Partial<RunStats>): string {
  const keys = ['fetched', 'bytes', 'parsed', 'inserted', 'updated', 'unchanged', 'rejected', 'changedCareers', 'durationMs'] as const;
  const lines = keys.filter((k) => stats[k] !== undefined).map((k) => `  ${k.padEnd(15)} ${stats[k]}`);
  for (const r of (stats.rejects ?? []).slice(0, 10)) lines.push(`  rejected ${r.file ?? ''}${r.line ? `:${r.line}` : ''} ${r.reason}`);
  return lines.join('\n');
}
