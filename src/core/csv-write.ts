/**
 * The one CSV writer (csv-stringify), pure: CRLF line ends, quoting where a field holds a
 * comma, a quote or any line break, and formula escaping for spreadsheets (OWASP "CSV
 * injection"): a text cell starting with = + - @ tab or CR gets a leading `'`, so a title
 * scraped from a third-party page cannot run as a formula when the file is opened. Numbers
 * are written as numbers (a negative number is not text and is not escaped).
 */
import { stringify } from 'csv-stringify/sync';

export type CsvCell = string | number | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;

export interface CsvWriteOptions {
  /** Default true. False only for text that our own CSV reader reads back (values must round-trip exactly). */
  escapeFormulas?: boolean;
}

/** Rows (header first) to CSV text; null and undefined are empty cells. */
export function writeCsv(rows: readonly (readonly CsvCell[])[], options: CsvWriteOptions = {}): string {
  const escapeFormulas = options.escapeFormulas ?? true;
  return stringify(rows as CsvCell[][], {
    record_delimiter: 'windows',
    quoted_match: /[\r\n]/,
    cast: { string: (s) => (escapeFormulas && FORMULA_START.test(s) ? `'${s}` : s) },
  });
}
