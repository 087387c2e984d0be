/**
 * One string object per distinct value, process-wide, for the few dozen names repeated across
 * every career (O*NET element ids and names): tens of thousands of equal strings from parsed JSON
 * would otherwise each take their own memory. Bounded: past the limit, values are returned as is.
 */
const table = new Map<string, string>();
const LIMIT = 10_000;

export function internString(s: string): string {
  const known = table.get(s);
  if (known !== undefined) return known;
  if (table.size < LIMIT) table.set(s, s);
  return s;
}
