/**
 * The data's own periods, as sources name them: OEWS reference months (`May 2021`), survey and
 * publication years (`2022`), months (`2024-06`) and projection spans (`2022-32`, `2024–2034`).
 * Pure. Trends are keyed and ordered by these, never by when the pipeline ran.
 */

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

export interface PeriodInfo {
  /** First day the period refers to, ISO `YYYY-MM-DD` (a year → its 1 January; a span → its base year). */
  start: string;
  /** The calendar year of `start`. */
  year: number;
  kind: 'month' | 'year' | 'span';
  /** End year of a projection span (`2022-32` → 2032). */
  endYear?: number;
}

/** Reads a period label; null when it names no period (`site`, `O*NET 29.2`). */
export function readPeriod(label: string): PeriodInfo | null {
  const t = label.trim();
  let m = /^([A-Za-z]{3})[a-z]*\.? (\d{4})$/.exec(t);
  if (m) {
    const month = MONTHS.indexOf(m[1]!.toLowerCase());
    if (month < 0) return null;
    return { start: `${m[2]}-${String(month + 1).padStart(2, '0')}-01`, year: Number(m[2]), kind: 'month' };
  }
  m = /^(\d{4})-(\d{2})$/.exec(t);
  if (m && Number(m[2]) >= 1 && Number(m[2]) <= 12) return { start: `${m[1]}-${m[2]}-01`, year: Number(m[1]), kind: 'month' };
  m = /^(\d{4})\s*[-–]\s*(\d{2}|\d{4})$/.exec(t);
  if (m) {
    const base = Number(m[1]);
    const end = m[2]!.length === 2 ? Math.floor(base / 100) * 100 + Number(m[2]) : Number(m[2]);
    if (end > base) return { start: `${base}-01-01`, year: base, kind: 'span', endYear: end };
  }
  m = /^(\d{4})$/.exec(t);
  if (m) return { start: `${m[1]}-01-01`, year: Number(m[1]), kind: 'year' };
  return null;
}

/** A sort key (days since 1970) of a period label: unreadable labels sort first. */
export function periodOrder(label: string): number {
  const p = readPeriod(label);
  return p ? Date.parse(`${p.start}T00:00:00Z`) / 86_400_000 : Number.NEGATIVE_INFINITY;
}

/** Compares two period labels chronologically (then as text, so the order is total). */
export function comparePeriods(a: string, b: string): number {
  return periodOrder(a) - periodOrder(b) || a.localeCompare(b);
}

/**
 * Compound annual growth rate between two points, as a fraction (0.05 = 5 % a year); null when
 * it cannot be computed (fewer than one year apart, or a value not above zero).
 */
export function cagr(from: { period: string; value: number }, to: { period: string; value: number }): number | null {
  const months = Math.round((periodOrder(to.period) - periodOrder(from.period)) / (365.25 / 12));
  if (!(months >= 11) || from.value <= 0 || to.value <= 0) return null;
  return (to.value / from.value) ** (12 / months) - 1;
}

/** The sort key of the end of a period: a bare year as a bound (`to=2024`) takes in May 2024. */
export function periodEndOrder(label: string): number {
  const p = readPeriod(label);
  if (!p) return Number.POSITIVE_INFINITY;
  return p.kind === 'year' ? periodOrder(`${p.year}-12`) : periodOrder(label);
}
