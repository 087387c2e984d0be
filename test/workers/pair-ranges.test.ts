import { describe, expect, it } from 'vitest';
import { planPairRanges } from '../../src/workers/pair-flow.js';
import { countRangePairs } from '../../src/workers/recompute-pairs.js';

const ids = Array.from({ length: 100 }, (_, i) => i * 3 + 1);

describe('pair ranges of a large recompute', () => {
  it('cover every due pair exactly once, in ranges of about the asked size', () => {
    for (const dirty of [null, new Set([1, 150, 298]), new Set(ids.filter((x) => x % 2))]) {
      const ranges = planPairRanges(ids, dirty, 500);
      const total = countRangePairs(ids, dirty);
      expect(ranges.reduce((s, r) => s + r.pairs, 0)).toBe(total);
      for (const r of ranges) expect(countRangePairs(ids, dirty, r.fromId, r.toId ?? Infinity)).toBe(r.pairs);
      for (let k = 1; k < ranges.length; k++) expect(ranges[k]!.fromId).toBe(ranges[k - 1]!.toId);
      expect(ranges.at(-1)!.toId).toBeNull();
    }
    expect(countRangePairs(ids, null)).toBe((100 * 99) / 2);
    expect(countRangePairs(ids, new Set([1]))).toBe(99);
    expect(planPairRanges(ids, null, 1_000).every((r) => r.pairs < 1_000 + 100)).toBe(true);
  });
});
