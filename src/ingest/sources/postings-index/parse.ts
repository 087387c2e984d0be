/**
 * Pure parser for Indeed Hiring Lab's job postings index by occupational sector
 * (`job_postings_by_sector_US.csv`: date, jobcountry, indeed_job_postings_index, variable,
 * display_name; daily, a 7-day trailing average, 2020-02-01 = 100), aggregated to calendar
 * months: the mean of the month's daily values per sector.
 */
import { checkSourceRows, decodeSourceText, type ParseResult, type Reject } from '../types.js';
import { readCsvRecords } from '../../../core/csv.js';

export interface SectorMonth {
  sector: string;
  /** `2024-06`. */
  month: string;
  /** Mean of the month's daily index values, two decimals. */
  index: number;
  /** Days with a value (a month the file starts or ends in may be partial). */
  days: number;
}

const COLS = ['date', 'indeed_job_postings_index', 'display_name'] as const;

export function parseSectorIndex(input: Buffer, file: string, country = 'US'): ParseResult<SectorMonth> & { lastDate: string | null } {
  const text = decodeSourceText(input, file);
  const { rows, errors } = readCsvRecords(text);
  const table = checkSourceRows(rows, file, COLS, { endsWithNewline: /\n$/.test(text) });
  const rejects: Reject[] = [...errors.map((e) => ({ line: e.line, file, reason: e.reason })), ...table.rejects];
  const countryAt = table.header.indexOf('jobcountry');
  const sums = new Map<string, { sector: string; month: string; sum: number; days: number }>();
  let lastDate: string | null = null;
  for (const row of table.rows) {
    const get = (c: (typeof COLS)[number]) => row.fields[table.index[c]]!.trim();
    if (countryAt >= 0 && row.fields[countryAt]!.trim() !== country) continue;
    const date = get('date');
    const value = Number(get('indeed_job_postings_index'));
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) {
      rejects.push({ line: row.line, file, reason: `bad date "${date}"` });
      continue;
    }
    if (get('indeed_job_postings_index') === '' || !Number.isFinite(value)) {
      rejects.push({ line: row.line, file, reason: `non-numeric index "${get('indeed_job_postings_index')}"` });
      continue;
    }
    const sector = get('display_name');
    const key = `${sector}\u0000${date.slice(0, 7)}`;
    const acc = sums.get(key) ?? sums.set(key, { sector, month: date.slice(0, 7), sum: 0, days: 0 }).get(key)!;
    acc.sum += value;
    acc.days++;
    if (!lastDate || date > lastDate) lastDate = date;
  }
  const records = [...sums.values()]
    .map((a) => ({ sector: a.sector, month: a.month, index: Math.round((a.sum / a.days) * 100) / 100, days: a.days }))
    .sort((a, b) => a.sector.localeCompare(b.sector) || a.month.localeCompare(b.month));
  return { records, rejects, lastDate };
}
