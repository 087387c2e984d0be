/**
 * BLS OEWS national wages: the publisher's zip (`oesm23nat.zip`, holding
 * `national_M2023_dl.xlsx`), the xlsx itself, or a CSV export → one `wages` fact per detailed
 * occupation (by 6-digit SOC) per reference period. Option `history` lists older releases
 * (URLs, or `{ url, period }`): the source then holds the whole series, each document's facts
 * under its own period, whatever order they are listed or fetched in. Summary rows (total,
 * major, minor, broad groups) are not careers and give no fact.
 */
import { readCsvRecords } from '../../../core/csv.js';
import { isSocCode } from '../../../core/soc.js';
import { readXlsxSheet } from '../../../core/xlsx.js';
import { readZipEntries, ZipFormatError, type ZipEntry } from '../../../core/zip.js';
import { FACT_KEYS, type WagesFact } from '../../../core/fact-keys.js';
import { IngestRejectedError, type AdapterContext, type CareerRef, type FactInput, type SourceAdapter } from '../../types.js';
import { fetchRequired, fileNameOf, stringOption } from '../adapter-kit.js';
import { SourceFormatError, type Reject } from '../types.js';
import { resolveHybrids } from './continuity.js';
import { readOewsDocument, settleHistory, type OewsReading } from './history.js';
import { WAGE_STATS, type OewsWageRecord } from './parse.js';

export const oewsWagesAdapter: SourceAdapter = {
  kind: 'oews-wages',
  // 2: CSV read by csv-parse (unclosed quotes are rejects, a lone CR ends a line)
  // 3: option `history`; `#` bounds read per release; May 2020 hybrid codes continued or broken
  // 4: xlsx read by saxes (prefixed tags, dates, bounded sheets)
  version: 4,
  async load(ctx) {
    const entries = documentEntries(ctx);
    const docs = [];
    for (const e of entries) docs.push({ ...e, doc: await fetchRequired(ctx, e.url) });
    if (docs.every((d) => !d.doc.changed)) return 'unchanged';
    const bodies = new Map<string, Buffer>();
    const results = docs.map(({ doc, period }) => {
      try {
        const { body, file } = unpack(doc.body, fileNameOf(doc.url));
        bodies.set(doc.url, body);
        return readOewsDocument({ url: doc.url, file, body, period });
      } catch (err) {
        if (!(err instanceof SourceFormatError)) throw err;
        return { line: null, file: doc.url, reason: `${err.message}; nothing from this file was written` } satisfies Reject;
      }
    });
    const { readings, setAside } = settleHistory(results);
    // Nothing readable at all: the run fails and every stored period stays as it was.
    if (readings.length === 0) throw new SourceFormatError(setAside.map((r) => r.reason).join('; '));
    for (const r of setAside) ctx.log.warn({ file: r.file, reason: r.reason }, 'OEWS document set aside');
    const continuity = resolveHybrids(readings);
    const fact = (reading: OewsReading, soc6: string, value: unknown, key: string = FACT_KEYS.wages): FactInput => ({
      career: { soc6 },
      key,
      period: reading.period,
      value,
      documentUrl: reading.url,
    });
    const facts: FactInput[] = [
      ...readings.flatMap((reading) => reading.records.filter((r) => r.detailed).map((r) => fact(reading, r.socCode, toFact(r, reading)))),
      ...continuity.mapped.map(({ reading, record, to, mapping }) => fact(reading, to, { ...toFact(record, reading), mapped: mapping })),
      ...continuity.breaks.map(({ reading, fact: b }) => fact(reading, b.socCode, b, FACT_KEYS.wagesBreak)),
    ];
    const rejects = [...setAside, ...readings.flatMap((r) => r.rejects)];
    return {
      careers: [],
      facts,
      rejects,
      parsed: readings.reduce((n, r) => n + r.records.length + r.rejects.length, 0) + setAside.length,
      ownedKeys: [FACT_KEYS.wages, FACT_KEYS.wagesBreak],
      // Each release is one period: only the periods read now are restated; a set-aside file's period keeps what it had.
      periods: readings.map((r) => r.period),
      // A rejected row keeps its occupation's earlier wages served rather than deleting them.
      retain: readings
        .flatMap((r) =>
          codesAtLines(
            bodies.get(r.url)!,
            r.rejects.map((x) => x.line),
          ),
        )
        .map((soc6): CareerRef => ({ soc6 })),
    };
  },
};

/** The source's URL (option `period` applies to it) and each `history` entry: a URL or `{ url, period }`. */
function documentEntries(ctx: AdapterContext): { url: string; period?: string }[] {
  const out: { url: string; period?: string }[] = [{ url: ctx.url, period: stringOption(ctx, 'period') }];
  const history = ctx.options.history;
  if (history === undefined || history === null) return out;
  const bad = () => new IngestRejectedError(`source "${ctx.sourceId}": option "history" must be an array of URLs or { "url", "period" } objects`);
  if (!Array.isArray(history)) throw bad();
  for (const h of history) {
    const entry =
      typeof h === 'string' ? { url: h } : h && typeof h === 'object' && typeof h.url === 'string' ? (h as { url: string; period?: unknown }) : null;
    if (!entry || (entry.period !== undefined && typeof entry.period !== 'string')) throw bad();
    const url = URL.canParse(entry.url, ctx.url) ? new URL(entry.url, ctx.url).href : null;
    if (!url) throw bad();
    if (out.some((o) => o.url === url)) continue;
    out.push({ url, period: entry.period as string | undefined });
  }
  return out;
}

/**
 * A zip that is not itself an xlsx: the publisher's yearly download. Its national table is the
 * `national_M<year>_dl.xlsx` entry (or a .csv of that name); anything else is passed through.
 */
function unpack(body: Buffer, name: string): { body: Buffer; file: string } {
  if (body.subarray(0, 4).toString('latin1') !== 'PK\u0003\u0004') return { body, file: name };
  let entries: ZipEntry[];
  try {
    entries = readZipEntries(body);
  } catch (err) {
    if (err instanceof ZipFormatError) throw new SourceFormatError(`${name}: ${err.message}`);
    throw err;
  }
  if (entries.some((e) => e.name === 'xl/workbook.xml')) return { body, file: name };
  const tables = entries.filter((e) => !e.isDirectory && !e.name.startsWith('__MACOSX/') && /national_m(ay)?\d{4}_dl\.(xlsx|csv)$/i.test(e.name));
  const table = tables.find((e) => /\.xlsx$/i.test(e.name)) ?? tables[0];
  if (!table)
    throw new SourceFormatError(
      `${name}: no national_M<year>_dl.xlsx inside; entries are ${entries
        .map((e) => e.name)
        .slice(0, 10)
        .join(', ')}`,
    );
  return { body: table.read(), file: table.name.split('/').pop()! };
}

/** OCC_CODE of the rows at these lines (CSV lines or sheet rows), for rejected rows. */
function codesAtLines(body: Buffer, lines: (number | null)[]): string[] {
  const wanted = new Set(lines.filter((l): l is number => l !== null));
  if (wanted.size === 0) return [];
  const rows = body.subarray(0, 4).toString('latin1') === 'PK\u0003\u0004' ? readXlsxSheet(body, 0).rows : readCsvRecords(body.toString('utf8')).rows;
  const at = rows[0]?.fields.findIndex((h) => h.trim().toUpperCase() === 'OCC_CODE') ?? -1;
  if (at < 0) return [];
  return rows
    .filter((r) => wanted.has(r.line))
    .map((r) => r.fields[at]?.trim() ?? '')
    .filter(isSocCode);
}

function toFact(r: OewsWageRecord, reading: OewsReading): WagesFact {
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
    socCode: r.socCode,
    title: r.title,
    employment: r.employment,
    currency: 'USD',
    annual,
    hourly,
    topCoded,
    hourlyTopCoded,
    topCodeBound: reading.topCode,
    derivedFromHourly: r.hourlyOnly,
    annualOnly: r.annualOnly,
  };
}
