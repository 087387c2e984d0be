/**
 * Pure parser for BLS Employment Projections by detailed occupation: the `occupation.xlsx`
 * workbook's Table 1.2 (a title row, the header, line items and summary rows, footnotes) or the
 * CSV export of the projections search tool (one row per detailed occupation, alternate titles
 * appended to the title after four spaces and `*`). Employment and openings are published in
 * thousands; records carry them in jobs. The period is the projection span the headers name
 * (`Employment, 2022` and `Employment, 2032` → `2022-32`).
 */
import { readCsvRecords, type CsvRow } from '../../../core/csv.js';
import { isSocCode } from '../../../core/soc.js';
import { listXlsxSheets, readXlsxSheet, XlsxFormatError } from '../../../core/xlsx.js';
import { decodeSourceText, SourceFormatError, type ParseResult, type Reject } from '../types.js';

export type { ProjectionRecord } from '../../../core/fact-keys.js';
import type { ProjectionRecord } from '../../../core/fact-keys.js';

const isZip = (b: Buffer) => b.subarray(0, 4).toString('latin1') === 'PK\u0003\u0004';

/** Rows of the table: Table 1.2 of the workbook, or the CSV. */
function tableRows(input: Buffer, file: string): CsvRow[] {
  if (!isZip(input)) {
    const { rows, errors } = readCsvRecords(decodeSourceText(input, file));
    if (errors.length) throw new SourceFormatError(`${file}: line ${errors[0]!.line}: ${errors[0]!.reason}`);
    return rows;
  }
  try {
    if (!listXlsxSheets(input).includes('Table 1.2'))
      throw new SourceFormatError(`${file}: no sheet "Table 1.2" (occupational projections by detailed occupation)`);
    return readXlsxSheet(input, 'Table 1.2').rows;
  } catch (err) {
    if (err instanceof XlsxFormatError) throw new SourceFormatError(`${file}: ${err.message}`);
    throw err;
  }
}

/** A published number: thousands separators and float noise removed; `—`, `N/A` or empty → null. */
function readNumber(cell: string | undefined, column: string): number | null {
  const raw = (cell ?? '').trim();
  if (raw === '' || raw === '—' || raw === '-' || /^n\/?a$/i.test(raw)) return null;
  const n = Number(raw.replace(/,/g, ''));
  if (!Number.isFinite(n)) throw new RangeError(`${column}: non-numeric value "${raw}"`);
  return n;
}
const thousands = (n: number | null) => (n === null ? null : Math.round(n * 1000));
const oneDecimal = (n: number | null) => (n === null ? null : Math.round(n * 10) / 10);

export function parseProjections(input: Buffer, file: string): ParseResult<ProjectionRecord> {
  const rows = tableRows(input, file);
  const headAt = rows.findIndex((r) => r.fields.some((f) => /(occupation|matrix) code/i.test(f)));
  if (headAt < 0) throw new SourceFormatError(`${file}: no header row naming an occupation code`);
  const head = rows[headAt]!.fields.map((f) => f.trim());
  const find = (re: RegExp, not?: RegExp) => head.findIndex((h) => re.test(h) && !not?.test(h));
  const col = {
    title: find(/title/i),
    code: find(/(occupation|matrix) code/i),
    type: find(/occupation type/i),
    change: find(/change/i, /percent/i),
    pct: find(/percent/i, /distribution/i),
    openings: find(/openings/i),
  };
  const employment = head.map((h, i) => ({ i, year: Number(/^employment,? (\d{4})$/i.exec(h)?.[1]) })).filter((e) => e.year > 0);
  const missing = [
    ...Object.entries(col)
      .filter(([k, v]) => v < 0 && k !== 'type')
      .map(([k]) => k),
    ...(employment.length === 2 ? [] : ['employment, base and target years']),
  ];
  if (missing.length) throw new SourceFormatError(`${file}: missing column(s) ${missing.join(', ')}; header is ${head.join(' | ')}`);
  const [base, target] = employment.sort((a, b) => a.year - b.year) as [{ i: number; year: number }, { i: number; year: number }];
  const period = `${base.year}-${String(target.year).slice(2)}`;
  const records: ProjectionRecord[] = [];
  const rejects: Reject[] = [];
  for (const row of rows.slice(headAt + 1)) {
    const code = (row.fields[col.code] ?? '').trim();
    if (!code && row.fields.length <= 2) continue; // footnote and source lines
    if (col.type >= 0 && (row.fields[col.type] ?? '').trim() !== 'Line item') continue;
    if (!isSocCode(code)) {
      if (code || row.fields.filter((f) => f.trim()).length > 2) rejects.push({ line: row.line, file, reason: `bad occupation code "${code}"` });
      continue;
    }
    try {
      records.push({
        socCode: code,
        title: (row.fields[col.title] ?? '').split(/ {4}\*/)[0]!.trim(),
        period,
        baseYear: base.year,
        targetYear: target.year,
        employmentBase: thousands(readNumber(row.fields[base.i], head[base.i]!)),
        employmentTarget: thousands(readNumber(row.fields[target.i], head[target.i]!)),
        change: thousands(readNumber(row.fields[col.change], head[col.change]!)),
        changePct: oneDecimal(readNumber(row.fields[col.pct], head[col.pct]!)),
        annualOpenings: thousands(readNumber(row.fields[col.openings], head[col.openings]!)),
      });
    } catch (err) {
      if (!(err instanceof RangeError)) throw err;
      rejects.push({ line: row.line, file, reason: err.message });
    }
  }
  if (records.length === 0) throw new SourceFormatError(`${file}: no detailed occupation rows`);
  return { records, rejects };
}
