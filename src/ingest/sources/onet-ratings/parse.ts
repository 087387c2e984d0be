/**
 * Pure parser for O*NET's Skills and Knowledge ratings as the publisher's Excel files give them
 * (`Skills.xlsx`, `Knowledge.xlsx` of `db_29_0_excel`; the text release has the same columns
 * less Title and Scale Name). Per occupation and element, two rows: IM importance (1–5) and LV
 * level (0–7), each with N, standard error and O*NET's flags. What is not shown as a fact:
 * - an element whose importance O*NET recommends suppressing (`Recommend Suppress = Y` on IM:
 *   low precision) is withheld whole;
 * - a level marked `Not Relevant = Y` (the element plays no part in the job) or suppressed is
 *   withheld, and the element with it: importance without a level cannot be compared.
 * Withheld elements are listed with their reason, never given a made-up value.
 */
import { readCsvRecords, type CsvRow } from '../../../core/csv.js';
import { isOnetSocCode } from '../../../core/soc.js';
import { listXlsxSheets, readXlsxSheet, XlsxFormatError } from '../../../core/xlsx.js';
import { decodeSourceText, SourceFormatError, type Reject } from '../types.js';

export const RATING_DOMAINS = ['skill', 'knowledge'] as const;
export type RatingDomain = (typeof RATING_DOMAINS)[number];

export type { RatedElement, WithheldElement } from '../../../core/fact-keys.js';
import type { RatedElement, WithheldElement } from '../../../core/fact-keys.js';

export interface OccupationRatings {
  code: string;
  domain: RatingDomain;
  elements: RatedElement[];
  withheld: WithheldElement[];
}

const COLUMNS = [
  'O*NET-SOC Code',
  'Element ID',
  'Element Name',
  'Scale ID',
  'Data Value',
  'N',
  'Standard Error',
  'Recommend Suppress',
  'Not Relevant',
  'Date',
  'Domain Source',
] as const;
type Column = (typeof COLUMNS)[number];

const isZip = (b: Buffer) => b.subarray(0, 4).toString('latin1') === 'PK\u0003\u0004';

function rowsOf(input: Buffer, file: string): CsvRow[] {
  if (!isZip(input)) {
    const { rows, errors } = readCsvRecords(decodeSourceText(input, file), { delimiter: '\t', quoted: false });
    if (errors.length) throw new SourceFormatError(`${file}: line ${errors[0]!.line}: ${errors[0]!.reason}`);
    return rows;
  }
  try {
    const sheets = listXlsxSheets(input);
    if (sheets.length === 0) throw new SourceFormatError(`${file}: the workbook has no sheet`);
    return readXlsxSheet(input, 0).rows;
  } catch (err) {
    if (err instanceof XlsxFormatError) throw new SourceFormatError(`${file}: ${err.message}`);
    throw err;
  }
}

/** A published number (Excel keeps float noise: `4.6900000000000004`) to `digits` decimals; `n/a` or blank → null. */
function num(cell: string | undefined, digits: number): number | null {
  const raw = (cell ?? '').trim();
  if (raw === '' || /^n\/a$/i.test(raw)) return null;
  const v = Number(raw);
  if (!Number.isFinite(v)) return Number.NaN;
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}

/** The domain of an element id: 2.A/2.B skills, 2.C knowledge. */
export function domainOf(id: string): RatingDomain | null {
  return /^2\.[AB]\./.test(id) ? 'skill' : /^2\.C\./.test(id) ? 'knowledge' : null;
}

/**
 * Reads one Skills or Knowledge file (xlsx, or the tab-delimited text release) into per-occupation
 * ratings. Rows with a bad code, an unknown scale or a non-numeric value are Rejects.
 */
export function parseOnetRatings(input: Buffer, file: string): { records: OccupationRatings[]; rejects: Reject[] } {
  const rows = rowsOf(input, file);
  const head = rows[0]?.fields.map((f) => f.trim()) ?? [];
  const at = Object.fromEntries(COLUMNS.map((c) => [c, head.indexOf(c)])) as Record<Column, number>;
  const missing = COLUMNS.filter((c) => at[c] < 0);
  if (missing.length) throw new SourceFormatError(`${file}: missing column(s) ${missing.join(', ')}`);
  const rejects: Reject[] = [];
  interface Pair {
    name: string;
    im?: CsvRow;
    lv?: CsvRow;
  }
  const byCode = new Map<string, Map<string, Pair>>();
  for (const row of rows.slice(1)) {
    const cell = (c: Column) => (row.fields[at[c]] ?? '').trim();
    const code = cell('O*NET-SOC Code');
    const id = cell('Element ID');
    const scale = cell('Scale ID');
    if (!isOnetSocCode(code) || domainOf(id) === null || (scale !== 'IM' && scale !== 'LV')) {
      rejects.push({ line: row.line, file, reason: `bad code "${code}", element "${id}" or scale "${scale}"` });
      continue;
    }
    const elements = byCode.get(code) ?? byCode.set(code, new Map()).get(code)!;
    const pair = elements.get(id) ?? elements.set(id, { name: cell('Element Name') }).get(id)!;
    if (scale === 'IM') pair.im = row;
    else pair.lv = row;
  }
  const records: OccupationRatings[] = [];
  for (const [code, elements] of byCode) {
    const out: RatedElement[] = [];
    const withheld: WithheldElement[] = [];
    let domain: RatingDomain = 'skill';
    for (const [id, p] of elements) {
      domain = domainOf(id)!;
      const get = (r: CsvRow | undefined, c: Column) => (r?.fields[at[c]] ?? '').trim();
      if (!p.im || !p.lv) {
        withheld.push({ id, name: p.name, reason: 'incomplete' });
        continue;
      }
      if (get(p.im, 'Recommend Suppress') === 'Y' || get(p.lv, 'Recommend Suppress') === 'Y') {
        withheld.push({ id, name: p.name, reason: 'suppressed' });
        continue;
      }
      if (get(p.lv, 'Not Relevant') === 'Y') {
        withheld.push({ id, name: p.name, reason: 'not-relevant' });
        continue;
      }
      const importance = num(get(p.im, 'Data Value'), 2);
      const level = num(get(p.lv, 'Data Value'), 2);
      if (
        importance === null ||
        level === null ||
        Number.isNaN(importance) ||
        Number.isNaN(level) ||
        importance < 1 ||
        importance > 5 ||
        level < 0 ||
        level > 7
      ) {
        rejects.push({
          line: p.im.line,
          file,
          reason: `${code} ${id}: importance "${get(p.im, 'Data Value')}" or level "${get(p.lv, 'Data Value')}" out of range`,
        });
        continue;
      }
      const se = (r: CsvRow) => {
        const v = num(get(r, 'Standard Error'), 4);
        return v === null || Number.isNaN(v) ? null : v;
      };
      const n = num(get(p.im, 'N'), 0);
      out.push({
        id,
        name: p.name,
        importance,
        level,
        importanceSe: se(p.im),
        levelSe: se(p.lv),
        n: n === null || Number.isNaN(n) ? null : n,
        date: get(p.im, 'Date'),
        domainSource: get(p.im, 'Domain Source'),
      });
    }
    out.sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
    records.push({ code, domain, elements: out, withheld });
  }
  return { records, rejects };
}
