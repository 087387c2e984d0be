import { describe, expect, it } from 'vitest';
import { compareCareers, comparePrepared, expandComparison } from './compare.js';
import { checkComparisonInvariants } from './invariants.js';
import { prepareCareer } from './prepare.js';
import { seedPair } from '../../../test/helpers/seed-careers.js';
import type { Comparison } from './types.js';

const { compression, routing } = seedPair();
const c = compareCareers(compression, routing);
const allText = (x: Comparison) => [x.summary, ...x.chooseA, ...x.chooseB, x.conclusion].join('\n');

describe('the seed page pair (Compression vs Routing)', () => {
  it('has the right verdicts', () => {
    expect(c.verdicts).toMatchObject({
      salaryCeiling: 'b',
      demand: 'tie',
      aiRisk: 'b',
      learningCurve: 'b',
      entryBarrier: 'tie',
      difficulty: 'tie',
    });
    expect(c.verdicts.salaryMedian).toBe('tie'); // the page gives ranges only
  });

  it('shows every field of the page with provenance', () => {
    expect(c.a).toMatchObject({ slug: 'ai-model-compression-engineer', title: 'AI Model Compression Engineer', category: 'AI Engineering' });
    expect(c.a.salary).toMatchObject({ min: { value: 120_000 }, max: { value: 200_000 }, currency: 'USD', period: 'year' });
    expect(c.b.salary.max).toMatchObject({ value: 210_000, source: expect.any(String), period: '2025' });
    expect(c.a.demandScore.value).toBe(9);
    expect(c.b.aiReplacementRisk.value).toBe(15);
    expect(c.b.learningCurveMonths.value).toBe(8);
    expect(c.a.difficulty.value).toBe('Advanced');
    expect(c.a.entryBarrier.value).toBe('High');
    expect(c.b.remoteFriendly.value).toBe(true);
    expect(c.b.requiresCoding.value).toBe(true);
  });

  it('finds the benchmarking/latency relation the page missed', () => {
    expect(c.skills.shared).toHaveLength(0);
    const pair = c.skills.related.find((r) => r.concepts.includes('benchmarking') && r.concepts.includes('latency'));
    expect(pair?.a.label).toMatch(/Benchmarking/);
    expect(pair?.b.label).toMatch(/benchmarking/);
    expect(c.skills.overlap).toBeGreaterThan(0);
    expect(c.skills.onlyA).toHaveLength(8);
  });

  it('writes none of the page’s errors', () => {
    const text = allText(c);
    expect(text).not.toMatch(/\b0 skills overlap/);
    expect(text).toMatch(/no identical skills, but 1 pair is closely related/);
    expect(text).not.toMatch(/tied\)/);
    expect(text).not.toMatch(/Compression Engineer (has a lower entry barrier|scores higher)/);
    expect(text).not.toMatch(/lower entry barrier/);
    expect(text).toMatch(/They tie on market demand \(9\.0\/10\), entry barrier \(High\) and difficulty \(Advanced\)/);
    expect(c.summary.startsWith('AI Model Compression Engineer vs AI Model Routing Engineer')).toBe(true);
    expect(c.conclusion).toMatch(/AI Model Routing Engineer offers a higher salary ceiling \(\$210,000 vs \$200,000\)/);
    expect(c.chooseB).toContain('Want lower AI replacement risk (15% vs 20%)');
    expect(c.chooseA.some((r) => /lower|higher|shorter/.test(r))).toBe(false);
    expect(checkComparisonInvariants(c)).toEqual([]);
  });

  it('stores in under 200 bytes and expands back to the same comparison', () => {
    const pa = prepareCareer(compression);
    const pb = prepareCareer(routing);
    const compact = comparePrepared(pa, pb);
    expect(JSON.stringify(compact).length).toBeLessThan(200);
    expect(expandComparison(compact, pa, pb)).toEqual(c);
  });
});

describe('checkComparisonInvariants on the seed page’s own text', () => {
  const page: Comparison = {
    ...c,
    summary:
      'AI Model Compression Engineer vs AI Model Routing Engineer — a detailed breakdown. AI Model Routing Engineer has a lower AI replacement risk. ' +
      'AI Model Compression Engineer scores higher on future market demand. 0 skills overlap between these two roles, making career transitions between them moderately challenging.',
    conclusion:
      'AI Model Routing Engineer offers a higher salary ceiling. AI Model Compression Engineer has a lower entry barrier, making it more accessible to career changers. ' +
      'AI Model Compression Engineer scores higher on future market demand (tied).',
  };
  const violations = checkComparisonInvariants(page);

  it('flags "lower entry barrier" when both are High', () => {
    expect(violations.some((v) => /entryBarrier/.test(v) && /lower entry barrier/.test(v))).toBe(true);
  });
  it('flags "scores higher ... (tied)"', () => {
    expect(violations.some((v) => /comparative and tie/.test(v) && /tied/.test(v))).toBe(true);
    expect(violations.some((v) => /demand/.test(v) && /scores higher/.test(v))).toBe(true);
  });
  it('flags "0 skills overlap" when related pairs exist', () => {
    expect(violations.some((v) => /says no overlap/.test(v))).toBe(true);
  });
  it('flags a side named wrong (the header row)', () => {
    const swapped: Comparison = { ...c, a: { ...c.a, title: c.b.title }, summary: c.summary };
    expect(checkComparisonInvariants(swapped).length).toBeGreaterThan(0);
    const wrongName = { ...c, conclusion: c.conclusion.replace('AI Model Routing Engineer offers', 'AI Model Compression Engineer offers') };
    expect(checkComparisonInvariants(wrongName).some((v) => /salaryCeiling/.test(v))).toBe(true);
  });
});
