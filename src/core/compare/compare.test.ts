import { describe, expect, it } from 'vitest';
import type { CareerMetrics } from '../metrics/types.js';
import { decodeBitset, decodeIndexPairs, encodeBitset, encodeIndexPairs } from './codec.js';
import { canonicalPair, compareCareers } from './compare.js';
import { overlapPercent } from './skill-overlap.js';
import { checkComparisonInvariants } from './invariants.js';
import { seedPair } from '../../../test/helpers/seed-careers.js';
import type { CareerForComparison } from './types.js';
import { comparisonVersion } from './version.js';

const { compression, routing } = seedPair();
type Side = CareerForComparison;
const withMetrics = (x: Side, f: (m: CareerMetrics) => CareerMetrics): Side => ({ ...x, metrics: f(x.metrics) });
const setDemand = (x: Side, v: number): Side =>
  withMetrics(x, (m) => ({ ...m, demandScore: { value: v, source: 's', period: null, method: 'm', methodVersion: 'm', components: [] } }));

describe('verdicts at display precision', () => {
  it('calls demand a tie when both show the same one-decimal value', () => {
    const c = compareCareers(setDemand(compression, 8.96), setDemand(routing, 9.04));
    expect(c.verdicts.demand).toBe('tie');
    expect(c.conclusion).toMatch(/They tie on market demand \(9\.0\/10\)/);
    expect(checkComparisonInvariants(c)).toEqual([]);
  });
  it('decides demand when the shown values differ', () => {
    const c = compareCareers(setDemand(compression, 8.94), setDemand(routing, 8.96));
    expect(c.verdicts.demand).toBe('b');
    expect(c.conclusion).toMatch(/AI Model Routing Engineer scores higher on market demand \(9\.0 vs 8\.9 out of 10\)/);
  });
  it('rounds salary to $1,000 and risk to the percent before comparing', () => {
    const set = (x: Side, max: number, risk: number) =>
      withMetrics(x, (m) => ({
        ...m,
        salary: { ...m.salary, max: { value: max, source: 's', period: null, method: 'm' } },
        aiReplacementRisk: { value: risk, source: 's', period: null, method: 'm', alternatives: [], spread: 0 },
      }));
    const c = compareCareers(set(compression, 200_400, 15.4), set(routing, 200_000, 15));
    expect(c.verdicts.salaryCeiling).toBe('tie');
    expect(c.verdicts.aiRisk).toBe('tie');
    expect(c.a.salary.max.value).toBe(200_000);
    expect(checkComparisonInvariants(c)).toEqual([]);
    const d = compareCareers(set(compression, 200_600, 15.6), set(routing, 200_000, 15));
    expect(d.verdicts.salaryCeiling).toBe('a');
    expect(d.verdicts.aiRisk).toBe('b');
    expect(d.conclusion).toMatch(/AI Model Compression Engineer offers a higher salary ceiling \(\$201,000 vs \$200,000\)/);
  });
  it('is a tie when either value is missing, and the text says which is missing', () => {
    const c = compareCareers(
      withMetrics(compression, (m) => ({ ...m, learningCurveMonths: { value: null, reason: 'not given' } })),
      routing,
    );
    expect(c.verdicts.learningCurve).toBe('tie');
    expect(c.conclusion).toMatch(/The learning curve is not known for AI Model Compression Engineer\./);
    expect(c.chooseB.join(' ')).not.toMatch(/learning curve/);
    expect(checkComparisonInvariants(c)).toEqual([]);
  });
});

describe('versions', () => {
  const base = compareCareers(compression, routing);
  it('is stable for unchanged inputs and equal to the content hash', () => {
    expect(compareCareers(compression, routing).version).toBe(base.version);
    expect(comparisonVersion(base)).toBe(base.version);
    expect(base.version).toMatch(/^[0-9a-f]{16}$/);
  });
  it('changes when a figure, its source, a skill label or a title changes', () => {
    const variants = [
      compareCareers(setDemand(compression, 8.5), routing),
      compareCareers(
        withMetrics(compression, (m) => ({ ...m, remoteFriendly: { value: true, source: 'other', period: '2025', method: 'declared' } })),
        routing,
      ),
      compareCareers({ ...compression, skills: compression.skills.map((s, i) => (i === 0 ? { ...s, label: 'Renamed' } : s)) }, routing),
      compareCareers({ ...compression, career: { ...compression.career, title: 'Compression Engineer' } }, routing),
    ];
    for (const v of variants) expect(v.version).not.toBe(base.version);
  });
  it('does not change for a difference that is not shown (demand 8.96 vs 9.0 shows 9.0)', () => {
    const shown = compareCareers(setDemand(compression, 9.0), routing).version;
    expect(compareCareers(setDemand(compression, 8.96), routing).version).toBe(shown);
  });
});

describe('canonicalPair and codec', () => {
  it('orders slugs by code unit', () => {
    expect(canonicalPair('b', 'a')).toEqual({ a: 'a', b: 'b', flipped: true });
    expect(canonicalPair('a', 'b')).toEqual({ a: 'a', b: 'b', flipped: false });
  });
  it('round-trips bitsets and index pairs', () => {
    const flags = new Uint8Array(300);
    for (const i of [0, 5, 6, 77, 299]) flags[i] = 1;
    expect(decodeBitset(encodeBitset(flags, 300))).toEqual([0, 5, 6, 77, 299]);
    expect(encodeBitset(new Uint8Array(10), 10)).toBe('');
    expect(decodeIndexPairs(encodeIndexPairs([0, 4095, 64, 1]))).toEqual([
      [0, 4095],
      [64, 1],
    ]);
    expect(() => encodeIndexPairs([4096])).toThrow(/out of range/);
  });
});

describe('overlapPercent', () => {
  it('is Jaccard with a related pair counting half', () => {
    expect(overlapPercent(2, 0, 4, 4)).toBe(33); // 2 / 6
    expect(overlapPercent(0, 4, 4, 4)).toBe(33); // 2 / 6
    expect(overlapPercent(4, 0, 4, 4)).toBe(100);
  });
  it('never shows 0% when something is shared or related, and 0% otherwise', () => {
    expect(overlapPercent(1, 0, 200, 200)).toBe(1);
    expect(overlapPercent(0, 1, 300, 300)).toBe(1);
    expect(overlapPercent(0, 0, 5, 5)).toBe(0);
    expect(overlapPercent(0, 0, 0, 0)).toBe(0);
  });
});
