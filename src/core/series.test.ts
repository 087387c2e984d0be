import { describe, expect, it } from 'vitest';
import { emptyFacts, wage } from '../../test/helpers/empty-facts.js';
import { careerSeries, DEMAND_PERIOD_METHOD, demandSeries, formatSeriesValue, summarizeSeries } from './series.js';

const survey = (workYear: number, median: number, survey = 'ai-jobs.net') => ({
  source: 'ai-jobs.net salary survey (s)',
  period: String(workYear),
  workYear,
  count: 12,
  min: 1,
  p25: median - 1,
  median,
  p75: median + 1,
  max: median * 2,
  survey,
});

describe('series by period', () => {
  it('OEWS points per period in date order, top-coded cells as bounds, hybrid figures marked, breaks as nulls with the reason', () => {
    const facts = emptyFacts('software-developers', {
      wages: [
        { ...wage('May 2024', 1_654_440, 133_080), p90: 208_000, topCoded: { p90: true } },
        { ...wage('May 2020', 1_476_800, 110_140), mapped: { from: '15-1256', share: 0.878 } },
      ],
      wageBreaks: [{ source: 'bls-oews', period: 'May 2022', reason: 'hybrid code with no majority' }],
      salarySurveys: [survey(2023, 150_000.4), survey(2021, 120_000)],
    });
    const points = careerSeries(facts);
    const median = points.filter((p) => p.metric === 'salaryMedian');
    expect(median.map((p) => [p.period, p.periodStart, p.value])).toEqual([
      ['May 2020', '2020-05-01', 110_140],
      ['May 2022', '2022-05-01', null],
      ['May 2024', '2024-05-01', 133_080],
    ]);
    expect(median[0]!.note).toEqual({ mapped: { from: '15-1256', share: 0.878 } });
    expect(median[1]!.note).toEqual({ break: 'hybrid code with no majority' });
    expect(points.find((p) => p.metric === 'salaryP90' && p.period === 'May 2024')).toMatchObject({ value: 208_000, bound: 'at-least' });
    expect(points.filter((p) => p.metric === 'employment').map((p) => p.value)).toEqual([1_476_800, null, 1_654_440]);
    expect(points.filter((p) => p.metric === 'surveyMedian').map((p) => [p.series, p.period, p.value, p.note.count])).toEqual([
      ['ai-jobs.net', '2021', 120_000, 12],
      ['ai-jobs.net', '2023', 150_000, 12],
    ]);
  });

  it('summaries: change and CAGR between the first and last exact values, bounds and breaks skipped', () => {
    const s = summarizeSeries('oews', [
      { period: 'May 2020', value: 100, bound: null, note: {} },
      { period: 'May 2022', value: null, bound: null, note: { break: 'x' } },
      { period: 'May 2023', value: 133.1, bound: null, note: {} },
      { period: 'May 2024', value: 239_200, bound: 'at-least', note: {} },
    ]);
    expect(s).toEqual({
      series: 'oews',
      from: 'May 2020',
      to: 'May 2023',
      points: 2,
      cagr: 0.1,
      change: { abs: 33.1, pct: 33.1 },
      mapped: false,
      thinPoints: 0,
    });
    expect(summarizeSeries('x', [{ period: '2021', value: 5, bound: null, note: {} }])).toMatchObject({ points: 1, cagr: null, change: null });
  });

  it('prints data-table values in their unit (the tables read "133080" and "1654440")', () => {
    expect(formatSeriesValue(133_080, 'USD/yr')).toBe('$133,080');
    expect(formatSeriesValue(1_654_440, 'jobs')).toBe('1,654,440');
    expect(formatSeriesValue(115_200, 'openings a year')).toBe('115,200');
    expect(formatSeriesValue(69.06, '2020-02 = 100')).toBe('69.06');
    expect(formatSeriesValue(9.8, '0–10')).toBe('9.8');
  });

  it('writes no growth between survey medians of a handful of salaries (software developers: 3, 1 and 1 salaries read "fell 23.2 %")', () => {
    const survey = (period: string, value: number, count: number) => ({ period, value, bound: null, note: { count } });
    const thin = summarizeSeries('ai-jobs-salaries', [survey('2021', 70_000, 3), survey('2022', 150_000, 1), survey('2023', 53_789, 1)]);
    expect(thin).toMatchObject({ points: 0, change: null, cagr: null, thinPoints: 3 });
    const mixed = summarizeSeries('ai-jobs-salaries', [survey('2020', 100_000, 40), survey('2022', 121_000, 25), survey('2023', 53_789, 1)]);
    expect(mixed).toMatchObject({ from: '2020', to: '2022', points: 2, change: { abs: 21_000, pct: 21 }, thinPoints: 1 });
  });

  it('demand per OEWS period ranks each career among the careers with values then, naming its method', () => {
    const a = emptyFacts('a', { wages: [wage('May 2021', 100), wage('May 2024', 300)] });
    const b = emptyFacts('b', { wages: [wage('May 2021', 200), wage('May 2024', 250)] });
    const c = emptyFacts('c', { wages: [wage('May 2024', 50)] });
    const d = demandSeries([a, b, c]);
    expect(d.get('a')!.map((p) => p.period)).toEqual(['May 2021', 'May 2024']);
    expect(d.get('c')!.map((p) => p.period)).toEqual(['May 2024']);
    const at = (id: string, period: string) => d.get(id)!.find((p) => p.period === period)!.value!;
    // May 2021: employment only, b above a. May 2024: a is largest and grew most.
    expect(at('b', 'May 2021')).toBeGreaterThan(at('a', 'May 2021'));
    expect(at('a', 'May 2024')).toBeGreaterThan(at('b', 'May 2024'));
    expect(d.get('a')!.every((p) => p.note.method === DEMAND_PERIOD_METHOD && p.metric === 'demandScore')).toBe(true);
  });
});
