import { describe, expect, it } from 'vitest';
import { computeDemandScore, DEMAND_METHOD_VERSION, DEMAND_WEIGHTS } from './demand.js';
import { roundTo } from './figure.js';
import { computePopulationStats, percentileRank } from './population.js';
import { emptyFacts, wage } from '../../../test/helpers/empty-facts.js';

describe('percentileRank', () => {
  const xs = Float64Array.from([1, 2, 2, 3, 10]);
  it('uses mid-ranks so ties share one rank', () => {
    expect(percentileRank(xs, 1)).toBeCloseTo(0.5 / 5);
    expect(percentileRank(xs, 2)).toBeCloseTo((1 + 1) / 5);
    expect(percentileRank(xs, 10)).toBeCloseTo(4.5 / 5);
  });
  it('ranks an unseen value as if added', () => {
    expect(percentileRank(xs, 2.5)).toBeCloseTo(3.5 / 6);
    expect(percentileRank(new Float64Array(0), 7)).toBe(0.5);
  });
  it('is monotonic in the value', () => {
    let prev = -1;
    for (const x of [-5, 1, 1.5, 2, 3, 4, 10, 11]) {
      const p = percentileRank(xs, x);
      expect(p).toBeGreaterThanOrEqual(prev);
      prev = p;
    }
  });
});

describe('computeDemandScore', () => {
  const careers = [1000, 2000, 3000, 4000].map((e, i) => emptyFacts(`c${i}`, { wages: [wage('2020', e * 0.9), wage('2021', e)] }));
  const withPostings = emptyFacts('p', {
    wages: [wage('2021', 3000)],
    postings: [{ source: 'postings', period: '2024-01', count: 50 }],
  });
  const population = computePopulationStats([...careers, withPostings]);

  it('is null with a reason when no signal is present', () => {
    const fig = computeDemandScore(emptyFacts('none'), population);
    expect(fig.value).toBeNull();
    expect('reason' in fig && fig.reason).toMatch(/no demand signal/);
  });

  it('re-weights over the signals present, weights summing to 1', () => {
    const fig = computeDemandScore(withPostings, population);
    if (fig.value === null) throw new Error('expected a score');
    const names = fig.components.map((c) => c.signal);
    expect(names).toEqual(['employment', 'postings']);
    const total = DEMAND_WEIGHTS.employment + DEMAND_WEIGHTS.postings;
    expect(fig.components[0]?.weight).toBeCloseTo(DEMAND_WEIGHTS.employment / total);
    expect(fig.components.reduce((s, c) => s + c.weight, 0)).toBeCloseTo(1);
    const expected = 10 * fig.components.reduce((s, c) => s + c.weight * c.percentile, 0);
    expect(fig.value).toBe(roundTo(expected, 1));
    expect(fig.methodVersion).toBe(DEMAND_METHOD_VERSION);
  });

  it('normalizes each signal by percentile rank across careers', () => {
    const fig = computeDemandScore(careers[3]!, population);
    if (fig.value === null) throw new Error('expected a score');
    const emp = fig.components.find((c) => c.signal === 'employment');
    // employment levels of all five careers: 1000, 2000, 3000, 3000, 4000 → 4000 ranks (4 + 0.5)/5
    expect(emp?.percentile).toBeCloseTo(4.5 / 5);
    expect(fig.components.map((c) => c.signal)).toEqual(['employment', 'employmentChange']);
  });

  it('rounds to one decimal', () => {
    for (const f of [...careers, withPostings]) {
      const fig = computeDemandScore(f, population);
      if (fig.value === null) continue;
      expect(Math.round(fig.value * 10) / 10).toBe(fig.value);
      expect(fig.value).toBeGreaterThanOrEqual(0);
      expect(fig.value).toBeLessThanOrEqual(10);
    }
  });

  it('counts hot and in-demand technology flags half each', () => {
    const tech = (hot: boolean, inDemand: boolean) => ({ name: 'x', commodityCode: 1, commodityTitle: 't', hot, inDemand });
    const f = emptyFacts('t', {
      technologySkills: [tech(true, true), tech(true, false), tech(false, false), tech(false, false)],
      technologySource: { source: 'onet', period: '29.2' },
    });
    const fig = computeDemandScore(f, computePopulationStats([f]));
    if (fig.value === null) throw new Error('expected a score');
    expect(fig.components[0]?.raw).toBeCloseTo(1.5 / 4);
  });
});

describe('roundTo', () => {
  it('rounds half away from zero without float artifacts', () => {
    expect(roundTo(8.95, 1)).toBe(9);
    expect(roundTo(8.94999, 1)).toBe(8.9);
    expect(roundTo(0.15 * 100, 0)).toBe(15);
  });
});
