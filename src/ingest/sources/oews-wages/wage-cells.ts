/** Cell-level reading for BLS OEWS tables: footnote markers, thousands separators, periods. */

export interface WageValue {
  /** USD (annual or hourly by context); for a top-coded cell, the published lower bound. Null = not available. */
  value: number | null;
  /** BLS `#`: the true wage is at least `value` (the top-code bound), not equal to it. */
  topCoded: boolean;
  /** True when an annual figure was computed as hourly × 2080 (HOURLY=TRUE rows). */
  derivedFromHourly: boolean;
}

/** The wages `#` stands for: ≥ `annual` USD per year, ≥ `hourly` USD per hour. */
export interface TopCode {
  annual: number;
  hourly: number;
}

/**
 * Reads one OEWS cell: `"1,364,180"` → 1364180; `58.170000000000002` (an xlsx float) →
 * 58.17; `#` → the top-code bound with `topCoded`; `*`, `**`, `~` or empty → null.
 * Throws RangeError (the caller's Reject) for anything else.
 */
export function readWageCell(cell: string, column: string, topCodeBound: number): WageValue {
  const raw = cell.trim();
  if (raw === '#') return { value: topCodeBound, topCoded: true, derivedFromHourly: false };
  if (raw === '' || raw === '*' || raw === '**' || raw === '~') return { value: null, topCoded: false, derivedFromHourly: false };
  const n = Number(raw.replace(/,/g, ''));
  if (!/^-?[\d,]*\.?\d+(e[-+]?\d+)?$/i.test(raw) || !Number.isFinite(n)) throw new RangeError(`${column}: non-numeric value "${raw}"`);
  // Round away binary-float artifacts from xlsx cells; BLS publishes at most 2 decimals.
  return { value: Math.round(n * 100) / 100, topCoded: false, derivedFromHourly: false };
}

/**
 * Reads the reference period from a BLS file name: `national_M2021_dl.xlsx` and
 * `national_May2021_dl.csv` → "May 2021"; `oesm21nat.zip` → "May 2021". Null if absent.
 */
export function detectOewsPeriod(fileName: string): string | null {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  const m = /(?:^|[^a-z])m(?:ay)?[-_ ]?(\d{4})(?!\d)/i.exec(base) ?? /oesm(\d{2})/i.exec(base);
  if (!m) return null;
  const y = m[1]!.length === 2 ? `20${m[1]}` : m[1]!;
  return `May ${y}`;
}
