import { describe, expect, it } from 'vitest';
import { contentHash, stableStringify } from './stable-hash.js';

describe('stableStringify', () => {
  it('ignores key order and undefined members', () => {
    expect(stableStringify({ b: 1, a: [1, { d: null, c: 'x' }], e: undefined })).toBe('{"a":[1,{"c":"x","d":null}],"b":1}');
  });
  it('writes a Date as its ISO time (never {}), so two different dates never hash alike', () => {
    expect(stableStringify({ at: new Date('2024-05-01T00:00:00Z') })).toBe('{"at":"2024-05-01T00:00:00.000Z"}');
    expect(contentHash({ at: new Date('2024-05-01') })).not.toBe(contentHash({ at: new Date('2023-05-01') }));
  });
  it('refuses a cycle instead of hashing a placeholder', () => {
    const a: Record<string, unknown> = { x: 1 };
    a.self = a;
    expect(() => stableStringify(a)).toThrowError(TypeError);
  });
  it('gives equal hashes exactly for equal content', () => {
    expect(contentHash({ a: 1, b: 2 })).toBe(contentHash({ b: 2, a: 1 }));
    expect(contentHash({ a: 1, b: 2 })).not.toBe(contentHash({ a: 1, b: 3 }));
  });
});
