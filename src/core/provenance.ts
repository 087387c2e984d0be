/** How a figure's source is named wherever it is shown: the publisher's name, then the source id. */
const SOURCE_LABELS: Record<string, string> = {
  'onet-database': 'O*NET',
  'oews-wages': 'BLS OEWS',
  telework: 'Dingel & Neiman (2020)',
  'salary-survey': 'ai-jobs.net salary survey',
  'job-postings': 'Job postings',
  'career-pages': 'Career site',
  'employment-projections': 'BLS Employment Projections',
  'postings-index': 'Indeed Hiring Lab',
  'onet-ratings': 'O*NET',
};

/**
 * `O*NET (onet)`: the label of a source kind and the configured source's id; while the source
 * serves the bundled snapshot, `BLS OEWS (oews; bundled snapshot, retrieved 2026-11-30)`.
 */
export function sourceLabel(kind: string, sourceId: string, snapshotRetrievedAt?: string | null): string {
  const served = snapshotRetrievedAt ? `; bundled snapshot, retrieved ${snapshotRetrievedAt}` : '';
  return `${SOURCE_LABELS[kind] ?? kind} (${sourceId}${served})`;
}
