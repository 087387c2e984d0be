/**
 * O*NET "Education, Training, and Experience" (ETE): per occupation and scale, the percent of
 * incumbents/analysts choosing each category. Scales: RL = required level of education (12
 * categories), RW = related work experience (11), PT = on-site/in-plant training (9), OJ =
 * on-the-job training (9). Category meanings come from the ETE Categories file, never hard-coded.
 */
import type { Reject } from '../types.js';

export { ETE_SCALES, type EteScale, type EteCategoryShare, type EteDistribution, type OnetEducationProfile } from '../../../core/fact-keys.js';
import { ETE_SCALES, type EteCategoryShare, type EteDistribution, type EteScale, type OnetEducationProfile } from '../../../core/fact-keys.js';

/** Reads "Over 1 month, up to and including 3 months" → {1, 3}; "None" → {0, 0}; "Over 10 years" → {120, null}. */
export function readMonthRange(label: string): { min: number; max: number | null } | null {
  if (/^none\b/i.test(label)) return { min: 0, max: 0 };
  const amounts = [...label.matchAll(/(\d+)\s*(month|year)s?/gi)].map((m) => Number(m[1]) * (/^y/i.test(m[2]!) ? 12 : 1));
  if (amounts.length === 0) return null;
  if (/^over\b/i.test(label)) return { min: amounts[0]!, max: amounts[1] ?? null };
  return { min: 0, max: amounts[0]! };
}

export interface EteRow {
  line: number;
  code: string;
  scale: string;
  category: string;
  value: string;
  n: string;
  suppress: string;
}
export type EteCategories = Map<string, string>; // `${scale}:${category}` → label

function summarize(scale: EteScale, shares: Map<number, number>, cats: EteCategories, n: number | null, suppressed: boolean): EteDistribution {
  const categories: EteCategoryShare[] = [];
  for (const [key, label] of cats) {
    if (!key.startsWith(`${scale}:`)) continue;
    const category = Number(key.slice(scale.length + 1));
    categories.push({ category, label, percent: shares.get(category) ?? 0, months: scale === 'RL' ? null : readMonthRange(label) });
  }
  categories.sort((a, b) => a.category - b.category);
  const total = categories.reduce((s, c) => s + c.percent, 0);
  let modal = categories[0]!;
  for (const c of categories) if (c.percent > modal.percent) modal = c;
  // The median category: the first whose cumulative share reaches half the total.
  let median = modal;
  let cumulative = 0;
  for (const c of categories) {
    cumulative += c.percent;
    if (cumulative >= total / 2) {
      median = c;
      break;
    }
  }
  const mid = (c: EteCategoryShare): number | null => (c.months ? (c.months.max === null ? c.months.min : (c.months.min + c.months.max) / 2) : null);
  const mids = categories.map(mid);
  const timed = scale !== 'RL' && mids.every((m) => m !== null) && total > 0;
  return {
    scale,
    categories,
    modalCategory: modal.category,
    modalLabel: modal.label,
    medianCategory: median.category,
    typicalMonths: timed ? mid(median) : null,
    meanMonths: timed ? categories.reduce((s, c, i) => s + c.percent * mids[i]!, 0) / total : null,
    respondents: n,
    suppressed,
  };
}

/**
 * Groups ETE rows per occupation into the four distributions. Rows on other scales (the IM
 * importance ratings for certification/apprenticeship) are not category distributions and are
 * skipped; a non-numeric value or a category missing from the Categories file is a Reject.
 */
export function buildEducationProfiles(rows: readonly EteRow[], cats: EteCategories, file: string): { records: OnetEducationProfile[]; rejects: Reject[] } {
  const rejects: Reject[] = [];
  const byCode = new Map<string, Map<EteScale, { shares: Map<number, number>; n: number | null; suppressed: boolean }>>();
  for (const r of rows) {
    if (!(ETE_SCALES as readonly string[]).includes(r.scale)) continue;
    const scale = r.scale as EteScale;
    const value = Number(r.value);
    if (r.value.trim() === '' || !Number.isFinite(value)) {
      rejects.push({ line: r.line, file, reason: `non-numeric Data Value "${r.value}"` });
      continue;
    }
    if (!cats.has(`${scale}:${r.category}`)) {
      rejects.push({ line: r.line, file, reason: `category "${r.category}" of scale ${scale} is not in the ETE Categories file` });
      continue;
    }
    const scales = byCode.get(r.code) ?? new Map();
    byCode.set(r.code, scales);
    const acc = scales.get(scale) ?? { shares: new Map(), n: null, suppressed: false };
    scales.set(scale, acc);
    acc.shares.set(Number(r.category), value);
    const n = Number(r.n);
    if (r.n !== 'n/a' && Number.isFinite(n)) acc.n = n;
    if (r.suppress === 'Y') acc.suppressed = true;
  }
  const records: OnetEducationProfile[] = [];
  for (const [code, scales] of byCode) {
    const get = (s: EteScale): EteDistribution | null => {
      const acc = scales.get(s);
      return acc ? summarize(s, acc.shares, cats, acc.n, acc.suppressed) : null;
    };
    records.push({ code, education: get('RL'), relatedWork: get('RW'), onSiteTraining: get('PT'), onTheJobTraining: get('OJ') });
  }
  return { records, rejects };
}
