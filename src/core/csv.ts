/**
 * CSV/TSV reading on csv-parse, pure (text in, records out). Strict RFC 4180 quoting: a quote
 * left open, or text after a closing quote, is an error naming the line its record starts on,
 * never a field that silently swallows the rest of the file. CRLF, LF and a lone CR all end a
 * line; a leading UTF-8 byte-order mark is dropped; blank lines are skipped. A text of more than
 * MAX_TEXT_CELLS cells is refused before it is split (core/bounds).
 */
import { CsvError, parse } from 'csv-parse/sync';
import { assertTextCells } from './bounds.js';

export interface CsvRow {
  /** 1-based physical line number where the record starts (header is line 1). */
  line: number;
  fields: string[];
}

/** A record that could not be read (unclosed quote, text after a closing quote). */
export interface CsvRecordError {
  /** 1-based line where the unreadable record starts. */
  line: number;
  reason: string;
}

export interface CsvOptions {
  /** Field delimiter: ',' (default), '\t', ';'. */
  delimiter?: string;
  /** When false, quotes are ordinary characters (O*NET's tab files use no quoting). */
  quoted?: boolean;
}

export interface CsvRecords {
  rows: CsvRow[];
  /** Unreadable records, in file order; the rows around them are still read. */
  errors: CsvRecordError[];
}

/** The text holds a record that is not valid CSV; `line` is where that record starts. */
export class CsvSyntaxError extends Error {
  override name = 'CsvSyntaxError';
  constructor(
    readonly line: number,
    reason: string,
  ) {
    super(`line ${line}: ${reason}`);
  }
}

const LINE_BREAK = /\r\n|\r|\n/g;
/** Past this many unreadable records the text is not CSV of this shape: refuse it whole. */
const MAX_RECORD_ERRORS = 100;

/** Line breaks inside a record's fields (all kinds, and CRLFs alone); most records have none. */
function lineBreaksIn(fields: string[]): { all: number; crlf: number } {
  let all = 0;
  let crlf = 0;
  for (const f of fields) {
    if (!f.includes('\n') && !f.includes('\r')) continue;
    all += f.match(LINE_BREAK)?.length ?? 0;
    crlf += f.match(/\r\n/g)?.length ?? 0;
  }
  return { all, crlf };
}

/**
 * Splits CSV text into records, each with the line it starts on. An unreadable record becomes
 * an entry of `errors` (so an ingest can reject it by line) and reading starts again on the
 * next line, so one stray quote costs one record, not the rest of the file. More than
 * {@link MAX_RECORD_ERRORS} unreadable records throw {@link CsvSyntaxError}; a text of more than
 * MAX_TEXT_CELLS cells throws InputTooLargeError.
 */
export function readCsvRecords(text: string, options: CsvOptions = {}): CsvRecords {
  assertTextCells(text, options.delimiter ?? ',');
  if (options.quoted === false) return { rows: splitUnquoted(text, options.delimiter ?? ','), errors: [] };
  const rows: CsvRow[] = [];
  const errors: CsvRecordError[] = [];
  let offset = 0;
  let lineBase = 0;
  for (;;) {
    const failed = readSegment(offset === 0 ? text : text.slice(offset), lineBase, options, rows);
    if (!failed) return { rows, errors };
    errors.push(failed);
    if (errors.length > MAX_RECORD_ERRORS) throw new CsvSyntaxError(failed.line, `more than ${MAX_RECORD_ERRORS} unreadable records`);
    // Resume at the line after the one the unreadable record started on.
    LINE_BREAK.lastIndex = offset;
    for (let line = lineBase; line < failed.line; line++) if (!LINE_BREAK.exec(text)) return { rows, errors };
    offset = LINE_BREAK.lastIndex;
    lineBase = failed.line;
  }
}

/**
 * Text without quoting (O*NET's tab-delimited files) has no grammar beyond line breaks and
 * delimiters, so it is split directly: 4–5× faster than csv-parse on the O*NET files, the
 * bulk of the O*NET ingest.
 */
function splitUnquoted(text: string, delimiter: string): CsvRow[] {
  const lines = (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).split(LINE_BREAK);
  const rows: CsvRow[] = [];
  for (let i = 0; i < lines.length; i++) if (lines[i] !== '') rows.push({ line: i + 1, fields: lines[i]!.split(delimiter) });
  return rows;
}

/** Reads records until the first unreadable one, which it returns (null at a clean end). */
function readSegment(text: string, lineBase: number, options: CsvOptions, rows: CsvRow[]): CsvRecordError | null {
  // csv-parse counts a CRLF inside a quoted field as two lines: `drift` corrects for that.
  let drift = 0;
  let lastEnd = lineBase;
  try {
    parse(text, {
      bom: true,
      delimiter: options.delimiter ?? ',',
      quote: options.quoted === false ? false : '"',
      record_delimiter: ['\r\n', '\n', '\r'],
      relax_column_count: true,
      on_record: (record: string[], context) => {
        const breaks = lineBreaksIn(record);
        drift += breaks.crlf;
        const end = lineBase + context.lines - drift;
        lastEnd = end;
        if (record.length > 1 || record[0] !== '') rows.push({ line: end - breaks.all, fields: record });
        return null;
      },
    });
    return null;
  } catch (err) {
    if (!(err instanceof CsvError)) throw err;
    return { line: lastEnd + 1, reason: err.message.replace(/ at line \d+/, '') };
  }
}

/** Splits CSV text into records; throws {@link CsvSyntaxError} at the first unreadable one. */
export function parseCsvRows(text: string, options: CsvOptions = {}): CsvRow[] {
  const { rows, errors } = readCsvRecords(text, options);
  const first = errors[0];
  if (first) throw new CsvSyntaxError(first.line, first.reason);
  return rows;
}

export interface CsvTable {
  header: string[];
  rows: CsvRow[];
  errors: CsvRecordError[];
}

/** Parses text with a header row; `rows` excludes the header. */
export function parseCsvTable(text: string, options: CsvOptions = {}): CsvTable {
  const { rows, errors } = readCsvRecords(text, options);
  const head = rows.shift();
  return { header: (head?.fields ?? []).map((h) => h.trim()), rows, errors };
}

/**
 * Returns the index of each required column, or the list of missing ones, so a file with the
 * wrong columns is refused as a whole before any row is read.
 */
export function indexColumns<K extends string>(header: string[], required: readonly K[]): { ok: true; index: Record<K, number> } | { ok: false; missing: K[] } {
  const index = {} as Record<K, number>;
  const missing: K[] = [];
  for (const name of required) {
    const at = header.indexOf(name);
    if (at < 0) missing.push(name);
    else index[name] = at;
  }
  return missing.length ? { ok: false, missing } : { ok: true, index };
}
