/**
 * Compact encodings of skill indexes for the stored comparison: a bitset in base64url (6
 * skills per character) and index pairs as two base64url characters each (indexes < 4096).
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const VALUE = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) VALUE[ALPHABET.charCodeAt(i)] = i;

/** Largest index a pair can hold. */
export const MAX_SKILL_INDEX = 4095;

function digit(s: string, i: number): number {
  const v = VALUE[s.charCodeAt(i)] ?? -1;
  if (v < 0) throw new Error(`invalid compact index character at ${i} in "${s}"`);
  return v;
}

/** Encodes which of `n` positions are set; trailing zero characters are dropped. */
export function encodeBitset(flags: Uint8Array, n: number): string {
  let out = '';
  let pending = 0;
  for (let c = 0; c * 6 < n; c++) {
    let v = 0;
    for (let bit = 0; bit < 6; bit++) if (flags[c * 6 + bit]) v |= 1 << bit;
    if (v === 0) pending++;
    else {
      out += 'A'.repeat(pending) + ALPHABET[v];
      pending = 0;
    }
  }
  return out;
}

/** The set positions of a bitset, ascending. */
export function decodeBitset(s: string): number[] {
  const out: number[] = [];
  for (let c = 0; c < s.length; c++) {
    const v = digit(s, c);
    for (let bit = 0; bit < 6; bit++) if (v & (1 << bit)) out.push(c * 6 + bit);
  }
  return out;
}

/** Encodes [i0, j0, i1, j1, …], each index 0..4095. */
export function encodeIndexPairs(flat: readonly number[]): string {
  let out = '';
  for (const x of flat) {
    if (x < 0 || x > MAX_SKILL_INDEX) throw new Error(`skill index ${x} out of range 0..${MAX_SKILL_INDEX}`);
    out += (ALPHABET[x >> 6] as string) + (ALPHABET[x & 63] as string);
  }
  return out;
}

/** Decodes `encodeIndexPairs` to [[i, j], …]. */
export function decodeIndexPairs(s: string): [number, number][] {
  const out: [number, number][] = [];
  for (let p = 0; p + 3 < s.length; p += 4) {
    out.push([(digit(s, p) << 6) | digit(s, p + 1), (digit(s, p + 2) << 6) | digit(s, p + 3)]);
  }
  return out;
}
