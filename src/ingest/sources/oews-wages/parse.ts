/**
 * Pure parser for BLS OEWS national cross-industry tables (national_M<year>_dl), as the
 * publisher's xlsx (first sheet) or a CSV export of it: one record per OCC_CODE row.
 */
import { readCsvRecords, type CsvRow } from '../../../core/csv.js';
import { isSocCode } from '../../../core/soc.js';
import { readXlsxSheet, XlsxFormatError } from '../../../core/xlsx.js';
import { checkSourceRows, decodeSourceText, SourceFormatError, type ParseResult, type Reject, type SourceTable } from '../types.js';
import { detectOewsPeriod, readWageCell, type TopCode, type WageValue } from './wage-cells.js';

export { detectOewsPeriod, type WageValue } from './wage-cells.js';

export const WAGE_STATS = ['mean', 'p10', 'p25', 'median', 'p75', 'p90'] as const;
export type WageStat = (typeof WAGE_STATS)[number];
export const OEWS_GROUPS = ['total', 'major', 'minor', 'broad', 'detailed'] as const;
export type OewsGroup = (typeof OEWS_GROUPS)[number];

export interface OewsWageRecord {
  /** 6-digit SOC 2018 code, `15-1252`. */
  socCode: string;
  title: string;
  /** O_GROUP; summary rows (total/major/minor/broad) are kept but only `detailed` rows are careers. */
  group: OewsGroup;
  detailed: boolean;
  /** Reference period, e.g. "May 2021", and its year. */
  period: string;
  year: number;
  /** Jobs (TOT_EMP); null when BLS publishes `**`/`*`. */
  employment: number | null;
  /** Annual USD. With HOURLY=TRUE rows these are hourly × 2080 and `derivedFromHourly`. */
  annual: Record<WageStat, WageValue>;
  /** Hourly USD, as published; null for ANNUAL=TRUE rows (annual wages only, e.g. teachers). */
  hourly: Record<WageStat, WageValue> | null;
  annualOnly: boolean;
  hourlyOnly: boolean;
}

export interface OewsParseOptions {
  /** Reference period ("May 2021"); when absent it is read from `file` (national_M2021_dl.xlsx). */
  period?: string;
  /** File name, used in messages and to detect the period. */
  file?: string;
  /**
   * The bounds that `#` stands for (≥ this wage). Default $208,000/yr and $100/h, as stated for
   * May 2021; check the "Field Descriptions" sheet of later releases.
   */
  topCode?: TopCode;
}

const COLS = [
  'OCC_CODE',
  'OCC_TITLE',
  'O_GROUP',
  'TOT_EMP',
  'H_MEAN',
  'A_MEAN',
  'H_PCT10',
  'H_PCT25',
  'H_MEDIAN',
  'H_PCT75',
  'H_PCT90',
  'A_PCT10',
  'A_PCT25',
  'A_MEDIAN',
  'A_PCT75',
  'A_PCT90',
  'ANNUAL',
  'HOURLY',
] as const;
const SUFFIX: Record<WageStat, string> = { mean: 'MEAN', p10: 'PCT10', p25: 'PCT25', median: 'MEDIAN', p75: 'PCT75', p90: 'PCT90' };
/** BLS annualizes hourly wages at 2,080 hours (52 weeks × 40 hours). */
export const HOURS_PER_YEAR = 2080;

/**
 * Parses an OEWS national table. `input` is CSV text/bytes or the xlsx bytes (detected by the
 * zip signature). Throws SourceFormatError when columns are missing, the file is truncated or
 * not a table, or no period is known; a row with a bad code or non-numeric cell is a Reject.
 */
export function parseOewsNational(input: string | Buffer, options: OewsParseOptions = {}): ParseResult<OewsWageRecord> {
  const file = options.file ?? 'OEWS national table';
  const period = options.period ?? (options.file ? detectOewsPeriod(options.file) : null);
  const year = Number(/\b(\d{4})\b/.exec(period ?? '')?.[1]);
  if (!period || !year)
    throw new SourceFormatError(`${file}: unknown reference period: pass { period: 'May 2021' } or a file name like national_M2021_dl.xlsx`);
  const topCode = options.topCode ?? { annual: 208_000, hourly: 100 };
  const upper = { normalizeHeader: (h: string) => h.toUpperCase() };
  let table: SourceTable<(typeof COLS)[number]>;
  if (Buffer.isBuffer(input) && input.subarray(0, 4).toString('latin1') === 'PK\u0003\u0004') {
    let rows: CsvRow[];
    try {
      rows = readXlsxSheet(input, 0).rows;
    } catch (err) {
      if (err instanceof XlsxFormatError) throw new SourceFormatError(`${file}: ${err.message}`);
      throw err;
    }
    const width = rows[0]?.fields.length ?? 0; // xlsx rows omit trailing empty cells
    table = checkSourceRows(
      rows.map((r) => ({ line: r.line, fields: [...r.fields, ...Array<string>(Math.max(0, width - r.fields.length)).fill('')] })),
      file,
      COLS,
      upper,
    );
  } else {
    const text = decodeSourceText(input, file);
    const { rows, errors } = readCsvRecords(text);
    table = checkSourceRows(rows, file, COLS, { ...upper, endsWithNewline: /[\r\n]$/.test(text), syntaxErrors: errors });
  }
  const records: OewsWageRecord[] = [];
  const rejects: Reject[] = [...table.rejects];
  for (const row of table.rows) {
    const get = (c: (typeof COLS)[number]): string => row.fields[table.index[c]]!.trim();
    const fail = (reason: string): void => {
      rejects.push({ line: row.line, file, reason });
    };
    const socCode = get('OCC_CODE');
    const group = get('O_GROUP').toLowerCase() as OewsGroup;
    if (!isSocCode(socCode)) {
      fail(`bad OCC_CODE "${socCode}"`);
      continue;
    }
    if (!OEWS_GROUPS.includes(group)) {
      fail(`unknown O_GROUP "${get('O_GROUP')}"`);
      continue;
    }
    const annualOnly = get('ANNUAL').toUpperCase() === 'TRUE';
    const hourlyOnly = get('HOURLY').toUpperCase() === 'TRUE';
    try {
      if (get('TOT_EMP') === '#') throw new RangeError('TOT_EMP: "#" is a wage marker, not an employment figure');
      const employment = readWageCell(get('TOT_EMP'), 'TOT_EMP', 0).value;
      const hourly = {} as Record<WageStat, WageValue>;
      const annual = {} as Record<WageStat, WageValue>;
      for (const s of WAGE_STATS) {
        hourly[s] = readWageCell(get(`H_${SUFFIX[s]}` as (typeof COLS)[number]), `H_${SUFFIX[s]}`, topCode.hourly);
        annual[s] = hourlyOnly ? annualize(hourly[s]) : readWageCell(get(`A_${SUFFIX[s]}` as (typeof COLS)[number]), `A_${SUFFIX[s]}`, topCode.annual);
      }
      records.push({
        socCode,
        title: get('OCC_TITLE'),
        group,
        detailed: group === 'detailed',
        period,
        year,
        employment,
        annual,
        hourly: annualOnly ? null : hourly,
        annualOnly,
        hourlyOnly,
      });
    } catch (err) {
      if (!(err instanceof RangeError)) throw err;
      fail(err.message);
    }
  }
  return { records, rejects };
}

function annualize(h: WageValue): WageValue {
  return { value: h.value === null ? null : Math.round(h.value * HOURS_PER_YEAR * 100) / 100, topCoded: h.topCoded, derivedFromHourly: true };
}
