/**
 * Pure parsers for Dingel & Neiman (2020) "How many jobs can be done at home?" teleworkability,
 * used for the remote-friendly metric. Both files use 2010-vintage codes: join them to O*NET
 * 2019 codes with the crosswalk (parse-crosswalk.ts, crosswalkValues in core/soc.ts).
 */
import { isOnetSocCode, isSocCode, type SocVintage } from '../../../core/soc.js';
import { readSourceTable, SourceFormatError, type ParseResult, type Reject } from '../types.js';

export interface TeleworkRecord {
  method: 'dingel-neiman-2020';
  /** `11-1011.00` (occupations_workathome.csv) or `11-1011` (onet_teleworkable_blscodes.csv). */
  code: string;
  codeVintage: Extract<SocVintage, 'onet-soc-2010' | 'soc-2010'>;
  title: string;
  /**
   * Share of the occupation that can be done at home, 0..1: 0/1 per O*NET occupation; for
   * 6-digit BLS codes the authors' average over their O*NET occupations (`.5`, `.71276593`).
   */
  teleworkable: number;
}

const LAYOUTS = [
  { codeCol: 'onetsoccode', titleCol: 'title', vintage: 'onet-soc-2010', valid: isOnetSocCode },
  { codeCol: 'OCC_CODE', titleCol: 'OES_TITLE', vintage: 'soc-2010', valid: isSocCode },
] as const;

/**
 * Parses either Dingel-Neiman output file, recognized by its header. A code of the wrong shape
 * or a value that is not a number in 0..1 (`.5` is accepted) is a Reject.
 */
export function parseTeleworkCsv(input: string | Buffer, file = 'teleworkability.csv'): ParseResult<TeleworkRecord> {
  const probe = readSourceTable(input, file, ['teleworkable']);
  const layout = LAYOUTS.find((l) => probe.header.includes(l.codeCol) && probe.header.includes(l.titleCol));
  if (!layout) {
    throw new SourceFormatError(
      `${file}: expected columns onetsoccode,title,teleworkable or OCC_CODE,OES_TITLE,teleworkable; header is ${probe.header.join(' | ')}`,
    );
  }
  const codeAt = probe.header.indexOf(layout.codeCol);
  const titleAt = probe.header.indexOf(layout.titleCol);
  const records: TeleworkRecord[] = [];
  const rejects: Reject[] = [...probe.rejects];
  for (const row of probe.rows) {
    const code = row.fields[codeAt]!.trim();
    const raw = row.fields[probe.index.teleworkable]!.trim();
    const value = /^(\d+\.?\d*|\.\d+)$/.test(raw) ? Number(raw) : NaN;
    if (!layout.valid(code)) {
      rejects.push({ line: row.line, file, reason: `bad ${layout.codeCol} "${code}"` });
      continue;
    }
    if (!(value >= 0 && value <= 1)) {
      rejects.push({ line: row.line, file, reason: `teleworkable "${raw}" is not a number in 0..1` });
      continue;
    }
    records.push({ method: 'dingel-neiman-2020', code, codeVintage: layout.vintage, title: row.fields[titleAt]!.trim(), teleworkable: value });
  }
  return { records, rejects };
}
