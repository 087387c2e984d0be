/**
 * Several OEWS releases in one source (the current file plus option `history`): each document is
 * read on its own with its own period, and a document that cannot be trusted is set aside whole
 * (its period unreadable, its file name and content disagreeing, its columns not the ones
 * expected, or another document claiming the same period with different numbers). Pure.
 */
import { contentHash } from '../../../core/stable-hash.js';
import { comparePeriods } from '../../../core/periods.js';
import { listXlsxSheets, readXlsxSheet, XlsxFormatError } from '../../../core/xlsx.js';
import { SourceFormatError, type Reject } from '../types.js';
import { detectOewsPeriod, parseOewsNational, type OewsWageRecord } from './parse.js';
import type { TopCode } from './wage-cells.js';

/** One document of the source, unpacked: its URL, the table's file name and bytes, and a configured period if any. */
export interface OewsDocument {
  url: string;
  file: string;
  body: Buffer;
  period?: string;
}

/** A document read whole, with its period and top-code bounds. */
export interface OewsReading {
  url: string;
  file: string;
  period: string;
  topCode: TopCode;
  records: OewsWageRecord[];
  rejects: Reject[];
}

export interface SettledHistory {
  /** One reading per period, newest first. */
  readings: OewsReading[];
  /** A reject per document set aside (line null, the file and why); nothing of it is written. */
  setAside: Reject[];
}

const isZip = (b: Buffer) => b.subarray(0, 4).toString('latin1') === 'PK\u0003\u0004';

/**
 * The period a table states in its content: the publisher's xlsx names its data sheet
 * `national_M2024_dl`. A CSV export states none.
 */
function periodInContent(doc: OewsDocument): string | null {
  if (!isZip(doc.body)) return null;
  try {
    return detectOewsPeriod(listXlsxSheets(doc.body)[0] ?? '');
  } catch (err) {
    if (err instanceof XlsxFormatError) return null;
    throw err;
  }
}

/**
 * What `#` stands for in this release: the xlsx says it on its "Field Descriptions" sheet
 * ("a wage equal to or greater than $115.00 per hour or $239,200 per year"); without it, the
 * bounds BLS used that year ($100/h, $208,000 through May 2021; $115/h, $239,200 since May 2022).
 */
export function readTopCode(body: Buffer, year: number): TopCode {
  if (isZip(body)) {
    try {
      if (listXlsxSheets(body).includes('Field Descriptions')) {
        const text =
          readXlsxSheet(body, 'Field Descriptions')
            .rows.map((r) => r.fields.join(' '))
            .find((t) => /^\s*#/.test(t)) ?? '';
        const m = /\$([\d,]+(?:\.\d+)?) per hour or \$([\d,]+) per year/.exec(text);
        if (m) return { hourly: Number(m[1]!.replace(/,/g, '')), annual: Number(m[2]!.replace(/,/g, '')) };
      }
    } catch (err) {
      if (!(err instanceof XlsxFormatError)) throw err;
    }
  }
  return year >= 2022 ? { annual: 239_200, hourly: 115 } : { annual: 208_000, hourly: 100 };
}

/** Reads one document whole, or says why it is set aside. */
export function readOewsDocument(doc: OewsDocument): OewsReading | Reject {
  const setAside = (reason: string): Reject => ({ line: null, file: doc.url, reason: `${doc.file}: ${reason}; nothing from this file was written` });
  const named = detectOewsPeriod(doc.file) ?? detectOewsPeriod(doc.url);
  const stated = periodInContent(doc);
  if (!doc.period && named && stated && named !== stated) return setAside(`the file name says ${named} but its data sheet says ${stated}`);
  const period = doc.period ?? stated ?? named;
  if (!period) return setAside('its reference period cannot be read from the file name or the content (set the period in the source options)');
  const year = Number(/\b(\d{4})\b/.exec(period)?.[1]);
  const topCode = readTopCode(doc.body, year);
  try {
    const { records, rejects } = parseOewsNational(doc.body, { file: doc.file, period, topCode });
    return { url: doc.url, file: doc.file, period, topCode, records, rejects };
  } catch (err) {
    if (err instanceof SourceFormatError) return setAside(err.message.startsWith(`${doc.file}: `) ? err.message.slice(doc.file.length + 2) : err.message);
    throw err;
  }
}

/** The published numbers of a reading, for telling a duplicate (same numbers) from a conflict. */
function numbersOf(r: OewsReading): string {
  return contentHash(r.records.filter((x) => x.detailed).map((x) => [x.socCode, x.employment, x.annual, x.hourly]));
}

/**
 * Settles the readings by period: two documents of one period with the same numbers (the xlsx
 * and its CSV export) count once; with different numbers neither is trusted and the period keeps
 * what was stored before.
 */
export function settleHistory(results: readonly (OewsReading | Reject)[]): SettledHistory {
  const setAside: Reject[] = results.filter((r): r is Reject => !('records' in r));
  const byPeriod = new Map<string, OewsReading[]>();
  for (const r of results) if ('records' in r) byPeriod.set(r.period, [...(byPeriod.get(r.period) ?? []), r]);
  const readings: OewsReading[] = [];
  for (const [period, group] of byPeriod) {
    const distinct = new Set(group.map(numbersOf));
    if (distinct.size === 1) {
      readings.push(group[0]!);
      continue;
    }
    for (const r of group) {
      const others = group
        .filter((o) => o !== r)
        .map((o) => o.file)
        .join(', ');
      setAside.push({
        line: null,
        file: r.url,
        reason: `${r.file}: claims ${period} like ${others} but with different numbers; nothing from either file was written for ${period}`,
      });
    }
  }
  readings.sort((a, b) => comparePeriods(b.period, a.period));
  return { readings, setAside };
}
