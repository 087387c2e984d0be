import { indexColumns, readCsvRecords, type CsvOptions, type CsvRecordError, type CsvRow } from '../../core/csv.js';

import type { Reject } from '../../core/batch.js';

export type { Reject };
export interface ParseResult<T> {
  records: T[];
  rejects: Reject[];
}
/** The whole input is unusable (wrong columns, truncated, not the expected format); the message names the file and what is wrong. */
export class SourceFormatError extends Error {
  override name = 'SourceFormatError';
}

// --- Shared table reading for the file-based sources (onet-database, oews-wages, ai-exposure, telework).

/**
 * Decodes a source file as UTF-8 text. Refuses, as a whole, a zip/xlsx handed to a text parser,
 * bytes that are not UTF-8, and text that was mis-decoded before it got here (NULs from UTF-16,
 * U+FFFD replacement characters), because any of these would turn into wrong rows silently.
 */
export function decodeSourceText(input: string | Buffer, file: string): string {
  let text: string;
  if (typeof input === 'string') text = input;
  else {
    if (input.subarray(0, 4).toString('latin1') === 'PK\u0003\u0004') throw new SourceFormatError(`${file}: is a zip/xlsx archive, not a text table`);
    const bom = input.subarray(0, 2).toString('hex');
    if (bom === 'fffe' || bom === 'feff') throw new SourceFormatError(`${file}: is UTF-16 text, expected UTF-8`);
    try {
      text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(input);
    } catch {
      throw new SourceFormatError(`${file}: is not valid UTF-8 text (wrong encoding?)`);
    }
  }
  if (text.startsWith('PK\u0003\u0004')) throw new SourceFormatError(`${file}: is a zip/xlsx archive, not a text table`);
  if (text.includes('\u0000')) throw new SourceFormatError(`${file}: contains NUL characters (UTF-16 or binary, not UTF-8 text)`);
  if (text.includes('\uFFFD')) throw new SourceFormatError(`${file}: contains U+FFFD replacement characters (decoded with the wrong encoding)`);
  return text;
}

export interface SourceTable<K extends string> {
  header: string[];
  /** Data rows with exactly as many fields as the header (line = 1-based line or sheet row). */
  rows: CsvRow[];
  index: Record<K, number>;
  /** Rows with a different field count, one Reject each. */
  rejects: Reject[];
}

export interface SourceTableOptions extends CsvOptions {
  /** Applied to each header cell before matching (e.g. upper-casing for BLS's lower-case years). */
  normalizeHeader?: (name: string) => string;
}

/** Unreadable CSV records (unclosed quote, text after a closing quote) as rejects naming their line. */
export function csvErrorRejects(errors: CsvRecordError[], file: string): Reject[] {
  return errors.map((e) => ({ line: e.line, file, reason: `unreadable record: ${e.reason}` }));
}

/**
 * Checks already-split rows (first = header) against the required columns. Throws
 * SourceFormatError for an empty file, missing columns, no data rows, or a last row cut short
 * or cut inside a quoted field without a final line break (a truncated download); other
 * short/long rows and unreadable records (`syntaxErrors`) become Rejects.
 */
export function checkSourceRows<K extends string>(
  all: CsvRow[],
  file: string,
  required: readonly K[],
  options: SourceTableOptions & { endsWithNewline?: boolean; syntaxErrors?: CsvRecordError[] } = {},
): SourceTable<K> {
  const head = all[0];
  if (!head || head.fields.every((f) => f.trim() === '')) throw new SourceFormatError(`${file}: empty file, no header row`);
  const norm = options.normalizeHeader ?? ((h: string) => h);
  const header = head.fields.map((h) => norm(h.trim()));
  const cols = indexColumns(header, required);
  if (!cols.ok) throw new SourceFormatError(`${file}: missing column(s) ${cols.missing.map((m) => `"${m}"`).join(', ')}; header is ${header.join(' | ')}`);
  const data = all.slice(1);
  if (data.length === 0) throw new SourceFormatError(`${file}: header only, no data rows`);
  const last = data[data.length - 1]!;
  if (options.endsWithNewline === false && last.fields.length < header.length) {
    throw new SourceFormatError(`${file}: truncated at line ${last.line} (${last.fields.length} of ${header.length} fields, no final line break)`);
  }
  const cut = options.syntaxErrors?.at(-1);
  if (options.endsWithNewline === false && cut && cut.line > last.line) {
    throw new SourceFormatError(`${file}: truncated at line ${cut.line} (${cut.reason}, no final line break)`);
  }
  const rows: CsvRow[] = [];
  const rejects = csvErrorRejects(options.syntaxErrors ?? [], file);
  for (const row of data) {
    if (row.fields.length === header.length) rows.push(row);
    else rejects.push({ line: row.line, file, reason: `expected ${header.length} fields, got ${row.fields.length}` });
  }
  return { header, rows, index: cols.index, rejects };
}

/** Decodes and splits a delimited text file, then applies checkSourceRows. */
export function readSourceTable<K extends string>(
  input: string | Buffer,
  file: string,
  required: readonly K[],
  options: SourceTableOptions = {},
): SourceTable<K> {
  const text = decodeSourceText(input, file);
  const { rows, errors } = readCsvRecords(text, options);
  return checkSourceRows(rows, file, required, { ...options, endsWithNewline: /[\r\n]$/.test(text), syntaxErrors: errors });
}
