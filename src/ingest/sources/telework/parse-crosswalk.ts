/**
 * Pure parser for the O*NET-SOC 2010 → 2019 crosswalk (the O*NET Resource Center table, here
 * with renamed headers `soc2010_code;soc2010_title;soc2019_code;soc2019_title`, semicolon-separated).
 */
import { isOnetSocCode, type CrosswalkPair } from '../../../core/soc.js';
import { readSourceTable, type ParseResult, type Reject } from '../types.js';

export interface CrosswalkRecord extends CrosswalkPair {
  title2010: string;
  title2019: string;
}

/**
 * Parses the crosswalk. Accepts `;` (this copy) or `,` delimiters, detected from the header,
 * and the publisher's header names (`O*NET-SOC 2010 Code`, …) as well as the renamed ones.
 * A row whose codes are not 8-char O*NET-SOC codes is a Reject; duplicate pairs are dropped.
 */
export function parseSocCrosswalkCsv(input: string | Buffer, file = '2010_to_2019_Crosswalk.csv'): ParseResult<CrosswalkRecord> {
  const head = (typeof input === 'string' ? input : input.subarray(0, 512).toString('utf8')).split(/\r?\n/, 1)[0] ?? '';
  const delimiter = head.includes(';') ? ';' : ',';
  const renamed = /soc2010_code/i.test(head);
  const cols = renamed
    ? (['soc2010_code', 'soc2010_title', 'soc2019_code', 'soc2019_title'] as const)
    : (['O*NET-SOC 2010 Code', 'O*NET-SOC 2010 Title', 'O*NET-SOC 2019 Code', 'O*NET-SOC 2019 Title'] as const);
  const t = readSourceTable(input, file, cols, { delimiter });
  const [c10, t10, c19, t19] = cols.map((c) => t.index[c as keyof typeof t.index]);
  const records: CrosswalkRecord[] = [];
  const rejects: Reject[] = [...t.rejects];
  const seen = new Set<string>();
  for (const row of t.rows) {
    const code2010 = row.fields[c10!]!.trim();
    const code2019 = row.fields[c19!]!.trim();
    if (!isOnetSocCode(code2010) || !isOnetSocCode(code2019)) {
      rejects.push({ line: row.line, file, reason: `bad code pair "${code2010}" → "${code2019}"` });
      continue;
    }
    if (seen.has(`${code2010}>${code2019}`)) continue;
    seen.add(`${code2010}>${code2019}`);
    records.push({ code2010, title2010: row.fields[t10!]!.trim(), code2019, title2019: row.fields[t19!]!.trim() });
  }
  return { records, rejects };
}
