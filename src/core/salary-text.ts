/**
 * Salary text as posted by job boards and career sites → an annual USD range. Pure.
 * Formats seen in real data: `$53K-$91K (Glassdoor est.)`, `$110K-$150K(Employer est.)`,
 * `Employer Provided Salary:$150K-$160K`, `Employer Provided Salary:$25-$28 Per Hour`,
 * `$17-$24 Per Hour(Glassdoor est.)`, `$120,000-$200,000/yr`; `-1` means missing.
 */

/** Hours in a full-time work year (40 h × 52 weeks), used to annualize hourly pay. */
export const HOURS_PER_YEAR = 2080;

export type SalarySource = 'employer' | 'glassdoor-estimate';

export interface SalaryRange {
  /** Annual USD (hourly pay is multiplied by {@link HOURS_PER_YEAR}). */
  min: number;
  /** Annual USD; equals `min` when the text gives one figure. */
  max: number;
  /** The period the text was stated in. */
  period: 'year' | 'hour';
  /** True when the figures were converted from hourly to annual. */
  annualized: boolean;
  /** Who produced the figure, when the text says; null when it does not. */
  source: SalarySource | null;
  /** The original text, trimmed. */
  text: string;
}

const MISSING = new Set(['', '-1', 'n/a', 'na', 'none', 'null', 'unknown']);
const AMOUNT = String.raw`\$\s*(\d[\d,]*(?:\.\d+)?)\s*([kK])?`;
const RANGE = new RegExp(`${AMOUNT}(?:\\s*(?:-|–|—|to)\\s*${AMOUNT})?`);
const HOURLY = /(per\s+hour|\/\s*h(ou)?r\b|an?\s+hour|hourly)/i;

/** True for the markers sources use for "no salary" (`-1`, empty, `n/a`). */
export function isMissingSalaryText(text: string | null | undefined): boolean {
  return text == null || MISSING.has(text.trim().toLowerCase());
}

/**
 * Parses salary text into an annual USD range. Hourly figures are annualized at
 * {@link HOURS_PER_YEAR} hours (full-time, no overtime), so `$25-$28 Per Hour` gives
 * 52,000-58,240. Returns null when the text is missing (`-1`) or has no dollar range
 * (use {@link isMissingSalaryText} to tell the two apart).
 */
export function parseSalaryText(text: string | null | undefined): SalaryRange | null {
  if (isMissingSalaryText(text)) return null;
  const trimmed = text!.trim();
  const m = RANGE.exec(trimmed);
  if (!m) return null;
  const low = readAmount(m[1]!, m[2]);
  const high = m[3] === undefined ? low : readAmount(m[3], m[4]);
  if (!Number.isFinite(low) || !Number.isFinite(high) || high < low) return null;
  const hourly = HOURLY.test(trimmed);
  const factor = hourly ? HOURS_PER_YEAR : 1;
  return {
    min: round2(low * factor),
    max: round2(high * factor),
    period: hourly ? 'hour' : 'year',
    annualized: hourly,
    source: readSource(trimmed),
    text: trimmed,
  };
}

function readAmount(digits: string, thousands: string | undefined): number {
  const value = Number(digits.replace(/,/g, ''));
  return thousands ? value * 1000 : value;
}

function readSource(text: string): SalarySource | null {
  if (/employer\s+(provided|est)/i.test(text)) return 'employer';
  if (/glassdoor\s+est/i.test(text)) return 'glassdoor-estimate';
  return null;
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}
