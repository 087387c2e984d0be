/**
 * SOC / O*NET-SOC occupation codes, pure. Sources key occupations in different shapes and
 * vintages: O*NET `15-1252.00` (8-char, with a `.NN` detail suffix), BLS/AIOE `15-1252` (6-digit
 * SOC), and 2010-vintage codes (`15-1132`) that only a crosswalk joins to 2019/2018 codes.
 */

/**
 * Which code list a code belongs to. O*NET-SOC 2019 matches SOC 2018 on the 6-digit part;
 * O*NET-SOC 2010 matches SOC 2010. The shape alone cannot tell the vintage: the source says it.
 */
export type SocVintage = 'onet-soc-2019' | 'onet-soc-2010' | 'soc-2018' | 'soc-2010';

const CODE = /^(\d{2})-?(\d{4})(?:\.(\d{2}))?$/;

/** Splits `15-1252`, `15-1252.00`, `151252` (spaces trimmed) into parts, or null when it is not a code. */
export function parseSocCode(raw: string): { major: string; soc: string; detail: string | null } | null {
  const m = CODE.exec(raw.trim());
  if (!m) return null;
  return { major: m[1]!, soc: `${m[1]}-${m[2]}`, detail: m[3] ?? null };
}

/** The 6-digit SOC code (`15-1252`) of any accepted shape; null when not a code. */
export function toSocCode(raw: string): string | null {
  return parseSocCode(raw)?.soc ?? null;
}

/** The 8-char O*NET-SOC code: `15-1252` → `15-1252.00`, `15-1299.07` unchanged; null when not a code. */
export function toOnetSocCode(raw: string): string | null {
  const p = parseSocCode(raw);
  return p ? `${p.soc}.${p.detail ?? '00'}` : null;
}

/** True for an 8-char O*NET-SOC code exactly as O*NET writes it (`15-1252.00`). */
export function isOnetSocCode(raw: string): boolean {
  return /^\d{2}-\d{4}\.\d{2}$/.test(raw);
}

/** True for a 6-digit SOC code exactly as BLS writes it (`15-1252`). */
export function isSocCode(raw: string): boolean {
  return /^\d{2}-\d{4}$/.test(raw);
}

/** The code with its vintage, as one join key: `onet-soc-2019:15-1252.00`. */
export function formatVintagedCode(code: string, vintage: SocVintage): string {
  return `${vintage}:${code}`;
}

export interface CrosswalkPair {
  /** O*NET-SOC 2010 code (`15-1132.00`). */
  code2010: string;
  /** O*NET-SOC 2019 code (`15-1252.00`). */
  code2019: string;
}

export interface CrosswalkedValue {
  value: number;
  /** The 2010 codes whose values were used, sorted. */
  from: string[];
  rule: 'direct' | 'split-copy' | 'merge-mean';
}

/**
 * Carries per-occupation values keyed by O*NET-SOC 2010 codes onto O*NET-SOC 2019 codes.
 *
 * Rule, per 2019 code, over the 2010 codes the crosswalk maps onto it that have a value:
 * - several such 2010 codes (a merge) → the unweighted mean of their values, `merge-mean`
 *   (the crosswalk carries no employment weights, and an absent value is skipped, not zero);
 * - one 2010 code that maps to several 2019 codes (a split) → its value copied, `split-copy`;
 * - one 2010 code that maps to this 2019 code only → the value as is, `direct`.
 * A 2019 code with no valued 2010 code is left out. 6-digit keys (`15-1132`) are read as their
 * `.00` O*NET-SOC code, so BLS-coded values reach the crosswalk's `.00` rows.
 */
export function crosswalkValues(values2010: Map<string, number>, crosswalk: readonly CrosswalkPair[]): Map<string, CrosswalkedValue> {
  const values = new Map<string, number>();
  for (const [code, v] of values2010) {
    const key = toOnetSocCode(code);
    if (key !== null && Number.isFinite(v)) values.set(key, v);
  }
  const fanOut = new Map<string, Set<string>>();
  const sources = new Map<string, Set<string>>();
  for (const { code2010, code2019 } of crosswalk) {
    if (!fanOut.has(code2010)) fanOut.set(code2010, new Set());
    fanOut.get(code2010)!.add(code2019);
    if (!values.has(code2010)) continue;
    if (!sources.has(code2019)) sources.set(code2019, new Set());
    sources.get(code2019)!.add(code2010);
  }
  const out = new Map<string, CrosswalkedValue>();
  for (const [code2019, set] of sources) {
    const from = [...set].sort();
    const sum = from.reduce((s, c) => s + values.get(c)!, 0);
    const rule = from.length > 1 ? 'merge-mean' : fanOut.get(from[0]!)!.size > 1 ? 'split-copy' : 'direct';
    out.set(code2019, { value: sum / from.length, from, rule });
  }
  return out;
}
