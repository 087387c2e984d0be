import { describe, expect, it } from 'vitest';
import type { CareerMetrics, Figure } from '../metrics/types.js';
import { computeSalary } from '../metrics/salary.js';
import { compareCareers } from './compare.js';
import { checkComparisonInvariants } from './invariants.js';
import { seedPair } from '../../../test/helpers/seed-careers.js';
import type { CareerForComparison, Comparison } from './types.js';

const { compression, routing } = seedPair();
const oews = { source: 'BLS OEWS (oews)', period: 'May 2024' };
/** An OEWS row as the ingest reads it: `#` cells are BLS's bound ($239,200) flagged top-coded. */
function wages(p10: number, median: number, p90: number, top: ('median' | 'p90')[]) {
  return computeSalary({
    wages: [{ ...oews, employment: 1000, p10, p25: null, median, p75: null, p90, topCoded: Object.fromEntries(top.map((k) => [k, true])) }],
    salarySurveys: [],
  } as never);
}
function occupation(x: CareerForComparison, title: string, salary: ReturnType<typeof computeSalary>): CareerForComparison {
  const m: CareerMetrics = { ...x.metrics, salary };
  return { ...x, career: { ...x.career, title, origin: 'onet' }, metrics: m };
}
const all = (c: Comparison) => [c.summary, ...c.chooseA, ...c.chooseB, c.conclusion].join('\n');

describe('top-coded OEWS wages (BLS prints # for $239,200 or more)', () => {
  const anesthesiologists = occupation(compression, 'Anesthesiologists', wages(124450, 239200, 239200, ['median', 'p90']));
  const surgeons = occupation(routing, 'Orthopedic Surgeons', wages(83390, 239200, 239200, ['median', 'p90']));
  const actors = occupation(routing, 'Actors', wages(29120, 48526, 202155, []));

  it('marks the salary figure as a bound, not an exact value', () => {
    const fig = anesthesiologists.metrics.salary.median as Figure<number> & { atLeast?: true };
    expect(fig).toMatchObject({ value: 239200, atLeast: true });
  });

  it('never calls two top-coded salaries a tie, and shows the bound as BLS publishes it', () => {
    const c = compareCareers(anesthesiologists, surgeons);
    expect(c.a.salary.median).toMatchObject({ value: 239200, atLeast: true });
    expect(all(c)).not.toMatch(/tie on[^.]*(salary ceiling|median salary)/);
    expect(all(c)).not.toMatch(/\$239,000/);
    expect(c.conclusion).toContain('The median salary is not known exactly for either career: both are at least $239,200');
    expect(c.summary).toContain('Anesthesiologists earn $124,000-$239,200+/yr');
    expect(checkComparisonInvariants(c)).toEqual([]);
  });

  it('says "at least" when a top-coded salary wins', () => {
    const c = compareCareers(actors, anesthesiologists);
    expect(c.verdicts.salaryMedian).toBe('b');
    expect(c.chooseB).toContain('Want a higher median salary (at least $239,200 vs $49,000)');
    expect(c.conclusion).toContain('Anesthesiologists have a higher median salary (at least $239,200 vs $49,000).');
    expect(checkComparisonInvariants(c)).toEqual([]);
  });
});
