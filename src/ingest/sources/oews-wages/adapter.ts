/**
 * BLS OEWS national wages: the publisher's zip (`oesm23nat.zip`, holding
 * `national_M2023_dl.xlsx`), the xlsx itself, or a CSV export → one `wages` fact per detailed
 * occupation (by 6-digit SOC) for the file's reference period. Summary rows (total, major,
 * minor, broad groups) are not careers and give no fact.
 */
import { readCsvRecords } from '../../../core/csv.js';
import { isSocCode } from '../../../core/soc.js';
import { readXlsxSheet } from '../../../core/xlsx.js';
import { readZipEntries, ZipFormatError } from '../../../core/zip.js';
import { FACT_KEYS, type WagesFact } from '../../fact-keys.js';
import type { FactInput, SourceAdapter } from '../../types.js';
import { fetchRequired, fileNameOf, stringOption } from '../adapter-kit.js';
import { SourceFormatError } from '../types.js';
import { detectOewsPeriod, parseOewsNational, WAGE_STATS, type OewsWageRecord } from './parse.js';

const TOP_CODE = { annual: 208_000, hourly: 100 };

export const oewsWagesAdapter: SourceAdapter = {
  kind: 'oews-wages',
  version: 2, // 2: CSV read by csv-parse (unclosed quotes are rejects, a lone CR ends a line)
  async load(ctx) {
    const doc = await fetchRequired(ctx, ctx.url);
    if (!doc.changed) return 'unchanged';
    const { body, file } = unpack(doc.body, fileNameOf(doc.url));
    // The file name inside a zip names the year (national_M2023_dl.xlsx); so may the URL.
    const period = stringOption(ctx, 'period') ?? detectOewsPeriod(file) ?? detectOewsPeriod(fileNameOf(doc.url)) ?? undefined;
    const { records, rejects } = parseOewsNational(body, { file, period, topCode: TOP_CODE });
    const facts: FactInput[] = records.filter((r) => r.detailed).map((r) => ({
      career: { soc6: r.socCode }, key: FACT_KEYS.wages, period: r.period, value: toFact(r), documentUrl: doc.url,
    }));
    const periods = [...new Set(records.map((r) => r.period))];
    // Each release is one period: a new year adds to the series, it does not replace the last one.
    return {
      careers: [], facts, rejects, parsed: records.length + rejects.length, ownedKeys: [FACT_KEYS.wages], periods,
      // A rejected row keeps its occupation's earlier wages served rather than deleting them.
      retain: codesAtLines(body, rejects.map((r) => r.line)).map((soc6) => ({ soc6 })),
    };
  },
};

/**
 * A zip that is not itself an xlsx: the publisher's yearly download. Its national table is the
 * `national_M<year>_dl.xlsx` entry (or a .csv of that name); anything else is passed through.
 */
function unpack(body: Buffer, name: string): { body: Buffer; file: string } {
  if (body.subarray(0, 4).toString('latin1') !== 'PK\u0003\u0004') return { body, file: name };
  let entries;
  try { entries = readZipEntries(body); } catch (err) {
    if (err instanceof ZipFormatError) throw new SourceFormatError(`${name}: ${err.message}`);
    throw err;
  }
  if (entries.some((e) => e.name === 'xl/workbook.xml')) return { body, file: name };
  const tables = entries.filter((e) => !e.isDirectory && !e.name.startsWith('__MACOSX/') && /national_m(ay)?\d{4}_dl\.(xlsx|csv)$/i.test(e.name));
  const table = tables.find((e) => /\.xlsx$/i.test(e.name)) ?? tables[0];
  if (!table) throw new SourceFormatError(`${name}: no national_M<year>_dl.xlsx inside; entries are ${entries.map((e) => e.name).slice(0, 10).join(', ')}`);
  return { body: table.read(), file: table.name.split('/').pop()! };
}

/** OCC_CODE of the rows at these lines (CSV lines or sheet rows), for rejected rows. */
function codesAtLines(body: Buffer, lines: (number | null)[]): string[] {
  const wanted = new Set(lines.filter((l): l is number => l !== null));
  if (wanted.size === 0) return [];
  const rows = body.subarray(0, 4).toString('latin1') === 'PK\u0003\u0004' ? readXlsxSheet(body, 0).rows : readCsvRecords(body.toString('utf8')).rows;
  const at = rows[0]?.fields.findIndex((h) => h.trim().toUpperCase() === 'OCC_CODE') ?? -1;
  if (at < 0) return [];
  return rows.filter((r) => wanted.has(r.line)).map((r) => r.fields[at]?.trim() ?? '').filter(isSocCode);
}

function toFact(r: OewsWageRecord): WagesFact {
  const annual = {} as WagesFact['annual'];
  const topCoded: WagesFact['topCoded'] = {};
  const hourlyTopCoded: WagesFact['hourlyTopCoded'] = {};
  let hourly: WagesFact['hourly'] = null;
  for (const s of WAGE_STATS) {
    annual[s] = r.annual[s].value;
    if (r.annual[s].topCoded) topCoded[s] = true;
  }
  if (r.hourly) {
    hourly = {} as NonNullable<WagesFact['hourly']>;
    for (const s of WAGE_STATS) {
      hourly[s] = r.hourly[s].value;
      if (r.hourly[s].topCoded) hourlyTopCoded[s] = true;
    }
  }
  return {
    socCode: r.socCode, title: r.title, employment: r.employment, currency: 'USD', annual, hourly, topCoded, hourlyTopCoded,
    topCodeBound: TOP_CODE, derivedFromHourly: r.hourlyOnly, annualOnly: r.annualOnly,
  };
}
