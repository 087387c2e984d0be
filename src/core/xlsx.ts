/**
 * Minimal xlsx (OOXML spreadsheet) reader, pure: Buffer in, one sheet's rows out as strings,
 * in the same `{ line, fields }` shape as the CSV reader so one parser serves both. Reads shared
 * strings, inline strings, numbers (kept as written, e.g. `0.57487730000000004`), booleans
 * (`TRUE`/`FALSE`) and error cells (`#N/A`); styles, dates and formulas are not interpreted.
 */
import type { CsvRow } from './csv.js';
import { readZipEntries, ZipFormatError, type ZipEntry } from './zip.js';

export class XlsxFormatError extends Error { override name = 'XlsxFormatError' }

export interface XlsxSheet {
  name: string;
  /** Non-empty rows; `line` is the sheet's 1-based row number, fields run from column A. */
  rows: CsvRow[];
}

function decodeXml(s: string): string {
  return s
    .replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, (_, e: string) => {
      if (e[0] === '#') return String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
      return ({ lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" } as Record<string, string>)[e]!;
    })
    .replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

function readAttributes(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of tag.matchAll(/([\w:]+)="([^"]*)"/g)) out[m[1]!] = decodeXml(m[2]!);
  return out;
}

/** Concatenated text of the `<t>` runs of a string item, skipping phonetic (`<rPh>`) runs. */
function readText(xml: string): string {
  const body = xml.replace(/<rPh\b[\s\S]*?<\/rPh>/g, '');
  let out = '';
  for (const m of body.matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>|<t(?:\s[^>]*)?\/>/g)) out += decodeXml(m[1] ?? '');
  return out;
}

function columnIndex(ref: string): number {
  let n = 0;
  for (const ch of ref.replace(/\d+$/, '')) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

interface Workbook { files: Map<string, ZipEntry>; sheets: { name: string; path: string }[] }

function openWorkbook(buf: Buffer): Workbook {
  let entries: ZipEntry[];
  try { entries = readZipEntries(buf); } catch (err) {
    if (err instanceof ZipFormatError) throw new XlsxFormatError(`not an xlsx workbook: ${err.message}`);
    throw err;
  }
  const files = new Map(entries.map((e) => [e.name.replace(/^\//, ''), e]));
  const text = (path: string): string | null => files.get(path)?.read().toString('utf8') ?? null;
  const workbook = text('xl/workbook.xml');
  if (workbook === null) throw new XlsxFormatError('not an xlsx workbook: xl/workbook.xml is missing');
  const targets = new Map<string, string>();
  for (const m of (text('xl/_rels/workbook.xml.rels') ?? '').matchAll(/<Relationship\b[^>]*>/g)) {
    const a = readAttributes(m[0]);
    if (a.Id && a.Target) targets.set(a.Id, a.Target.startsWith('/') ? a.Target.slice(1) : `xl/${a.Target}`);
  }
  const sheets = [...workbook.matchAll(/<sheet\b[^>]*>/g)].map((m, i) => {
    const a = readAttributes(m[0]);
    return { name: a.name ?? `Sheet${i + 1}`, path: targets.get(a['r:id'] ?? '') ?? `xl/worksheets/sheet${i + 1}.xml` };
  });
  return { files, sheets };
}

/** Sheet names in workbook order. */
export function listXlsxSheets(buf: Buffer): string[] {
  return openWorkbook(buf).sheets.map((s) => s.name);
}

/**
 * Reads one sheet (by 0-based position in workbook order, or by name; default the first) into
 * rows of strings. Throws XlsxFormatError when the buffer is not a workbook or the sheet is absent.
 */
export function readXlsxSheet(buf: Buffer, sheet: number | string = 0): XlsxSheet {
  const book = openWorkbook(buf);
  const found = typeof sheet === 'number' ? book.sheets[sheet] : book.sheets.find((s) => s.name === sheet);
  if (!found) throw new XlsxFormatError(`sheet ${JSON.stringify(sheet)} not found; sheets are ${book.sheets.map((s) => s.name).join(', ')}`);
  const xml = book.files.get(found.path)?.read().toString('utf8');
  if (xml === undefined) throw new XlsxFormatError(`sheet "${found.name}" points to missing part ${found.path}`);
  const shared = [...(book.files.get('xl/sharedStrings.xml')?.read().toString('utf8') ?? '').matchAll(/<si>([\s\S]*?)<\/si>|<si\/>/g)]
    .map((m) => readText(m[1] ?? ''));
  const rows: CsvRow[] = [];
  let nextRow = 1;
  for (const rm of xml.matchAll(/<row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/row>)/g)) {
    const line = Number(readAttributes(rm[1]!).r ?? nextRow);
    nextRow = line + 1;
    const fields: string[] = [];
    let nextCol = 0;
    for (const cm of (rm[2] ?? '').matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const a = readAttributes(cm[1]!);
      const col = a.r ? columnIndex(a.r) : nextCol;
      nextCol = col + 1;
      const body = cm[2] ?? '';
      const v = /<v>([\s\S]*?)<\/v>/.exec(body)?.[1];
      let value: string;
      if (a.t === 's') value = shared[Number(v)] ?? '';
      else if (a.t === 'inlineStr') value = readText(/<is>([\s\S]*?)<\/is>/.exec(body)?.[1] ?? '');
      else if (a.t === 'b') value = v === '1' ? 'TRUE' : 'FALSE';
      else value = decodeXml(v ?? '');
      while (fields.length < col) fields.push('');
      fields[col] = value;
    }
    if (fields.some((f) => f !== '')) rows.push({ line, fields });
  }
  return { name: found.name, rows };
}
