/**
 * xlsx (OOXML spreadsheet) reader, pure: Buffer in, one sheet's rows out as strings, in the
 * same `{ line, fields }` shape as the CSV reader so one parser serves both. The XML is read
 * by saxes (a SAX parser), so namespace prefixes (`<x:row>`), either quote style, entities and
 * CDATA are what XML says they are. Reads shared strings (rich text runs joined, phonetic runs
 * skipped), inline strings, numbers (kept as written, e.g. `0.57487730000000004`), booleans
 * (`TRUE`/`FALSE`), error cells (`#N/A`), and dates: a number whose cell style is a date
 * format becomes `YYYY-MM-DD` (with `THH:MM:SS` when it has a time of day), in the 1900 or
 * 1904 date system the workbook declares. Bounded: a cell or row reference beyond Excel's own
 * limits (16,384 columns, 1,048,576 rows) refuses the sheet, so does a sheet of more than
 * MAX_SHEET_CELLS cells (empty ones before a far-off cell included), and every part is inflated
 * under the zip reader's size limit.
 */
import { SaxesParser } from 'saxes';
import type { CsvRow } from './csv.js';
import { readZipEntries, ZipFormatError, type ZipEntry } from './zip.js';

export class XlsxFormatError extends Error {
  override name = 'XlsxFormatError';
}

export interface XlsxSheet {
  name: string;
  /** Non-empty rows; `line` is the sheet's 1-based row number, fields run from column A. */
  rows: CsvRow[];
}

/** Excel's own limits: a reference past them is damage or an attack, never data. */
export const MAX_COLUMNS = 16_384;
export const MAX_ROWS = 1_048_576;
/**
 * Cells a sheet may hold, counting the empty ones before a far-off cell: 5.4x the largest sheet
 * read (O*NET's Skills, 923,000), 40 MB of slots. A row's cell at XFD costs 16,384 slots for a few
 * bytes of XML, so without this bound a small sheet within Excel's limits could take gigabytes.
 */
export const MAX_SHEET_CELLS = 5_000_000;

type Attributes = Record<string, string>;
interface XmlHandlers {
  open(name: string, attributes: Attributes): void;
  close?(name: string): void;
  text?(text: string): void;
}

/** Streams `xml` through saxes, calling back with local names (prefixes dropped). */
function readXml(xml: string, part: string, handlers: XmlHandlers): void {
  const parser = new SaxesParser();
  const local = (name: string) => name.slice(name.indexOf(':') + 1);
  parser.on('opentag', (tag) => handlers.open(local(tag.name), tag.attributes as Attributes));
  if (handlers.close) {
    const close = handlers.close;
    parser.on('closetag', (tag) => close(local(tag.name)));
  }
  if (handlers.text) {
    parser.on('text', handlers.text);
    parser.on('cdata', handlers.text);
  }
  parser.on('error', (err) => {
    throw new XlsxFormatError(`${part}: not well-formed XML (${err.message})`);
  });
  parser.write(xml).close();
}

/** An attribute by local name, whatever prefix the workbook gave it (`r:id`, `rel:id`). */
function attribute(attributes: Attributes, name: string): string | undefined {
  if (name in attributes) return attributes[name];
  for (const key in attributes) if (key.endsWith(`:${name}`)) return attributes[key];
  return undefined;
}

/** OOXML escapes characters XML cannot hold as `_xHHHH_`. */
const unescapeOoxml = (s: string): string => (s.includes('_x') ? s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))) : s);

/**
 * Collects the text of `<t>` runs inside each `item` element (`si` of shared strings, `is` of an
 * inline string), skipping phonetic `<rPh>` runs; calls `done` with each item's text.
 */
function textCollector(item: string, done: (text: string) => void): XmlHandlers & { close(name: string): void } {
  let inItem = false;
  let inT = false;
  let phonetic = 0;
  let text = '';
  return {
    open(name) {
      if (name === item) {
        inItem = true;
        text = '';
      } else if (name === 'rPh') phonetic++;
      else if (name === 't' && inItem && phonetic === 0) inT = true;
    },
    close(name) {
      if (name === 't') inT = false;
      else if (name === 'rPh') phonetic--;
      else if (name === item && inItem) {
        inItem = false;
        done(unescapeOoxml(text));
      }
    },
    text(t) {
      if (inT) text += t;
    },
  };
}

function columnIndex(ref: string, part: string): number {
  const letters = /^([A-Za-z]{1,3})\d*$/.exec(ref)?.[1];
  let n = 0;
  if (letters) for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  if (!letters || n > MAX_COLUMNS) throw new XlsxFormatError(`${part}: cell reference "${ref.slice(0, 20)}" is beyond column XFD (${MAX_COLUMNS} columns)`);
  return n - 1;
}

/** Built-in number formats that show dates or times (ECMA-376 18.8.30, plus the CJK locale ones). */
const DATE_FORMAT_IDS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

function isDateFormatCode(code: string): boolean {
  const bare = code.replace(/"[^"]*"|\\.|\[[^\]]*\]|_.|\*./g, '');
  return /[dmyhs]/i.test(bare) && !/^general$/i.test(bare.trim());
}

/** Which cell styles (`s`, an index into cellXfs) show a date. */
function readDateStyles(xml: string | null): Set<number> {
  const out = new Set<number>();
  if (xml === null) return out;
  const custom = new Map<number, string>();
  let inCellXfs = false;
  let index = 0;
  readXml(xml, 'xl/styles.xml', {
    open(name, a) {
      if (name === 'numFmt') custom.set(Number(a.numFmtId), a.formatCode ?? '');
      else if (name === 'cellXfs') inCellXfs = true;
      else if (name === 'xf' && inCellXfs) {
        const id = Number(a.numFmtId ?? 0);
        const code = custom.get(id);
        if (code !== undefined ? isDateFormatCode(code) : DATE_FORMAT_IDS.has(id)) out.add(index);
        index++;
      }
    },
    close(name) {
      if (name === 'cellXfs') inCellXfs = false;
    },
  });
  return out;
}

/** An Excel serial date as ISO text: the date, plus the time of day when it has one. */
function serialToIso(serial: number, date1904: boolean): string {
  const epoch = date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 30);
  const iso = new Date(epoch + Math.round(serial * 86_400) * 1000).toISOString();
  return Number.isInteger(serial) ? iso.slice(0, 10) : iso.slice(0, 19);
}

interface Workbook {
  files: Map<string, ZipEntry>;
  sheets: { name: string; path: string }[];
  date1904: boolean;
}

function openWorkbook(buf: Buffer): Workbook {
  let entries: ZipEntry[];
  try {
    entries = readZipEntries(buf);
  } catch (err) {
    if (err instanceof ZipFormatError) throw new XlsxFormatError(`not an xlsx workbook: ${err.message}`);
    throw err;
  }
  const files = new Map(entries.map((e) => [e.name.replace(/^\//, ''), e]));
  const workbook = partText(files, 'xl/workbook.xml');
  if (workbook === null) throw new XlsxFormatError('not an xlsx workbook: xl/workbook.xml is missing');
  const targets = new Map<string, string>();
  readXml(partText(files, 'xl/_rels/workbook.xml.rels') ?? '<Relationships/>', 'xl/_rels/workbook.xml.rels', {
    open(name, a) {
      if (name === 'Relationship' && a.Id && a.Target) targets.set(a.Id, a.Target.startsWith('/') ? a.Target.slice(1) : `xl/${a.Target}`);
    },
  });
  const sheets: Workbook['sheets'] = [];
  let date1904 = false;
  readXml(workbook, 'xl/workbook.xml', {
    open(name, a) {
      if (name === 'workbookPr') date1904 = a.date1904 === '1' || a.date1904 === 'true';
      else if (name === 'sheet') {
        const i = sheets.length;
        sheets.push({ name: a.name ?? `Sheet${i + 1}`, path: targets.get(attribute(a, 'id') ?? '') ?? `xl/worksheets/sheet${i + 1}.xml` });
      }
    },
  });
  return { files, sheets, date1904 };
}

function partText(files: Map<string, ZipEntry>, path: string): string | null {
  const entry = files.get(path);
  if (!entry) return null;
  try {
    return entry.read().toString('utf8');
  } catch (err) {
    if (err instanceof ZipFormatError) throw new XlsxFormatError(err.message);
    throw err;
  }
}

/** Sheet names in workbook order. */
export function listXlsxSheets(buf: Buffer): string[] {
  return openWorkbook(buf).sheets.map((s) => s.name);
}

function readSharedStrings(xml: string | null): string[] {
  const out: string[] = [];
  if (xml !== null)
    readXml(
      xml,
      'xl/sharedStrings.xml',
      textCollector('si', (t) => out.push(t)),
    );
  return out;
}

/**
 * Reads one sheet (by 0-based position in workbook order, or by name; default the first) into
 * rows of strings. Throws XlsxFormatError when the buffer is not a workbook, the sheet is
 * absent, its XML is damaged, or a reference lies beyond Excel's limits.
 */
export function readXlsxSheet(buf: Buffer, sheet: number | string = 0): XlsxSheet {
  const book = openWorkbook(buf);
  const found = typeof sheet === 'number' ? book.sheets[sheet] : book.sheets.find((s) => s.name === sheet);
  if (!found) throw new XlsxFormatError(`sheet ${JSON.stringify(sheet)} not found; sheets are ${book.sheets.map((s) => s.name).join(', ')}`);
  const xml = partText(book.files, found.path);
  if (xml === null) throw new XlsxFormatError(`sheet "${found.name}" points to missing part ${found.path}`);
  const shared = readSharedStrings(partText(book.files, 'xl/sharedStrings.xml'));
  const dateStyles = readDateStyles(partText(book.files, 'xl/styles.xml'));
  return { name: found.name, rows: readSheetRows(xml, found.path, shared, dateStyles, book.date1904) };
}

function readSheetRows(xml: string, part: string, shared: string[], dateStyles: Set<number>, date1904: boolean): CsvRow[] {
  const rows: CsvRow[] = [];
  let line = 0;
  let fields: string[] = [];
  let col = 0;
  let cells = 0;
  let cell: { type: string; style: number } | null = null;
  let value = '';
  let inValue = false;
  let inline = '';
  const inlineText = textCollector('is', (t) => {
    inline = t;
  });
  readXml(xml, part, {
    open(name, a) {
      if (name === 'row') {
        line = a.r === undefined ? line + 1 : Number(a.r);
        if (!Number.isInteger(line) || line < 1 || line > MAX_ROWS)
          throw new XlsxFormatError(`${part}: row number "${String(a.r).slice(0, 20)}" is beyond row ${MAX_ROWS}`);
        fields = [];
        col = 0;
      } else if (name === 'c') {
        col = a.r === undefined ? col : columnIndex(a.r, part);
        if (col >= MAX_COLUMNS) throw new XlsxFormatError(`${part}: row ${line} has more than ${MAX_COLUMNS} columns`);
        cell = { type: a.t ?? 'n', style: Number(a.s ?? 0) };
        value = '';
        inline = '';
      } else if (name === 'v' && cell) inValue = true;
      else if (cell) inlineText.open(name, a);
    },
    close(name) {
      if (name === 'v') inValue = false;
      else if (name === 'c' && cell) {
        while (fields.length < col) fields.push('');
        fields[col] = cellText(cell, unescapeOoxml(value), inline, shared, dateStyles, date1904);
        cell = null;
        col++;
      } else if (name === 'row') {
        if (!fields.some((f) => f !== '')) return;
        cells += fields.length;
        if (cells > MAX_SHEET_CELLS)
          throw new XlsxFormatError(
            `${part}: more than ${MAX_SHEET_CELLS} cells (counting the empty ones before each row's last cell); refused as damaged or hostile`,
          );
        rows.push({ line, fields });
      } else if (cell) inlineText.close(name);
    },
    text(t) {
      if (inValue) value += t;
      else if (cell) inlineText.text!(t);
    },
  });
  return rows;
}

function cellText(cell: { type: string; style: number }, v: string, inline: string, shared: string[], dateStyles: Set<number>, date1904: boolean): string {
  switch (cell.type) {
    case 's':
      return shared[Number(v)] ?? '';
    case 'inlineStr':
      return inline;
    case 'b':
      return v === '1' ? 'TRUE' : 'FALSE';
    case 'n': {
      const serial = Number(v);
      return v !== '' && dateStyles.has(cell.style) && Number.isFinite(serial) ? serialToIso(serial, date1904) : v;
    }
    default:
      return v; // str (formula text), e (error), d (ISO date already)
  }
}
