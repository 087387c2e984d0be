/**
 * Salary distribution per (career, work year) from salary-survey rows. Pure.
 */
import { SENIORITY_ORDER, type SalarySurveyFact, type SalaryStats, type SeniorityLabel } from '../../../core/fact-keys.js';
import type { SalarySurveyRow } from './parse.js';

/** USD figures of one career in one work year. Percentiles interpolate linearly (NumPy's default). */
export interface SalaryDistribution extends SalaryStats {
  careerId: string;
  workYear: number;
}
export interface SalarySummary {
  distributions: SalaryDistribution[];
  /** Titles the matcher could not place, most frequent first. */
  unmatched: { title: string; count: number }[];
}

/**
 * Groups rows by the career their job title matches and by work year. `match` returns a
 * career id or null; it is called once per distinct title. Duplicate rows are kept as
 * separate submissions: the survey has no id, and identical salaries for a common title
 * and country are plausible, so dropping them would bias the distribution.
 */
export function summarizeSalaries(rows: readonly SalarySurveyRow[], match: (jobTitle: string) => string | null): SalarySummary {
  const careerOf = new Map<string, string | null>();
  const groups = new Map<string, { careerId: string; workYear: number; amounts: number[] }>();
  const unmatched = new Map<string, number>();
  for (const row of rows) {
    if (!careerOf.has(row.jobTitle)) careerOf.set(row.jobTitle, match(row.jobTitle));
    const careerId = careerOf.get(row.jobTitle);
    if (!careerId) {
      unmatched.set(row.jobTitle, (unmatched.get(row.jobTitle) ?? 0) + 1);
      continue;
    }
    const key = `${careerId}\u0000${row.workYear}`;
    const group = groups.get(key) ?? groups.set(key, { careerId, workYear: row.workYear, amounts: [] }).get(key)!;
    group.amounts.push(row.salaryInUsd);
  }
  const distributions = [...groups.values()]
    .map((g) => describeAmounts(g.careerId, g.workYear, g.amounts))
    .sort((a, b) => a.careerId.localeCompare(b.careerId) || a.workYear - b.workYear);
  const unmatchedList = [...unmatched].map(([title, count]) => ({ title, count })).sort((a, b) => b.count - a.count || a.title.localeCompare(b.title));
  return { distributions, unmatched: unmatchedList };
}

function describeAmounts(careerId: string, workYear: number, amounts: number[]): SalaryDistribution {
  const sorted = [...amounts].sort((a, b) => a - b);
  const sum = sorted.reduce((s, v) => s + v, 0);
  return {
    careerId,
    workYear,
    count: sorted.length,
    min: sorted[0]!,
    p25: percentile(sorted, 0.25),
    median: percentile(sorted, 0.5),
    p75: percentile(sorted, 0.75),
    max: sorted[sorted.length - 1]!,
    mean: Math.round(sum / sorted.length),
  };
}

/** Count and median of the salaries of each seniority the titles state, in SENIORITY_ORDER. */
export function summarizeBySeniority(rows: readonly { seniority: SeniorityLabel; amount: number }[]): SalarySurveyFact['bySeniority'] {
  return SENIORITY_ORDER.flatMap((seniority) => {
    const amounts = rows
      .filter((r) => r.seniority === seniority)
      .map((r) => r.amount)
      .sort((a, b) => a - b);
    return amounts.length ? [{ seniority, count: amounts.length, median: percentile(amounts, 0.5) }] : [];
  });
}

/** Linear interpolation between closest ranks (Hyndman & Fan type 7) on sorted values. */
export function percentile(sorted: readonly number[], q: number): number {
  const at = (sorted.length - 1) * q;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (at - lo);
}
