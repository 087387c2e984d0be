/**
 * RFC 4180 CSV/TSV reading, pure. Handles quoted fields with embedded delimiters, doubled
 * quotes and newlines, CRLF or LF line ends, and a leading UTF-8 byte-order mark.
 */

export interface CsvRow {
  /** 1-based physical line number where the record starts (header is line 1). */
  line: number;
  fields: string[];
}

export interface CsvOptions {
  /** Field delimiter: ',' (default), '\t', ';'. */
  delimiter?: string;
  /** When false, quotes are ordinary characters (O*NET's tab files use no quoting). */
  quoted?: boolean;
}

/** Splits CSV text into records; every record keeps the line it started on. */
export function parseCsvRows(text: string, options: CsvOptions = {}): CsvRow[] {
  const delimiter = options.delimiter ?? ',';
  const quoted = options.quoted ?? true;
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const rows: CsvRow[] = [];
  let fields: string[] = [];
  let field = '';
  let inQuotes = false;
  let line = 1;
  let rowLine = 1;
  let sawAny = false;
  for (let i = 0; i < src.length; i++) {
    const ch = src[i]!;
    if (inQuotes) {
      if (ch === '"') {
        if (src[i + 1] === '"') { field += '"'; i++; } else inQuotes = false;
      } else {
        if (ch === '\n') line++;
        field += ch;
      }
      continue;
    }
    if (ch === '"' && quoted && field === '') { inQuotes = true; sawAny = true; continue; }
    if (ch === delimiter) { fields.push(field); field = ''; sawAny = true; continue; }
    if (ch === '\r' && src[i + 1] === '\n') continue;
    if (ch === '\n') {
      fields.push(field);
      if (sawAny || field !== '') rows.push({ line: rowLine, fields });
      fields = []; field = ''; sawAny = false;
      line++; rowLine = line;
      continue;
    }
    field += ch; sawAny = true;
  }
  if (sawAny || field !== '' || fields.length > 0) { fields.push(field); rows.push({ line: rowLine, fields }); }
  return rows;
}

export interface CsvTable {
  header: string[];
  rows: CsvRow[];
}

/** Parses text with a header row; `rows` excludes the header. */
export function parseCsvTable(text: string, options: CsvOptions = {}): CsvTable {
  const all = parseCsvRows(text, options);
  const head = all.shift();
  return { header: (head?.fields ?? []).map((h) => h.trim()), rows: all };
}

/**
 * Returns the index of each required column, or the list of missing ones, so a file with the
 * wrong columns is refused as a whole before any row is read.
 */
export function indexColumns<K extends string>(
  header: string[],
  required: readonly K[],
): { ok: true; index: Record<K, number> } | { ok: false; missing: K[] } {
  const index = {} as Record<K, number>;
  const missing: K[] = [];
  for (const name of required) {
    const at = header.indexOf(name);
    if (at < 0) missing.push(name); else index[name] = at;
  }
  return missing.length ? { ok: false, missing } : { ok: true, index };
}
