import { createHash } from 'node:crypto';
import { configure } from 'safe-stable-stringify';

// Keys sorted at every level (code-unit order), undefined members left out, toJSON honoured
// (a Date is its ISO string), and a cycle is a bug: it throws rather than hashing "[Circular]".
const stringify = configure({ deterministic: true, circularValue: TypeError });

/** JSON with object keys sorted, so equal content always serializes to the same text. */
export function stableStringify(value: unknown): string {
  return stringify(value) ?? 'null';
}

/** A short content hash (16 hex chars of SHA-1 over the stable JSON): a version, not a secret. */
export function contentHash(value: unknown): string {
  return createHash('sha1').update(stableStringify(value)).digest('hex').slice(0, 16);
}
