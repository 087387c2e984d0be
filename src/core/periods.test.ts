import { describe, expect, it } from 'vitest';
import { cagr, comparePeriods, readPeriod } from './periods.js';

describe('periods', () => {
  it('reads the labels sources use', () => {
    expect(readPeriod('May 2021')).toEqual({ start: '2021-05-01', year: 2021, kind: 'month' });
    expect(readPeriod('2024-06')).toEqual({ start: '2024-06-01', year: 2024, kind: 'month' });
    expect(readPeriod('2022')).toEqual({ start: '2022-01-01', year: 2022, kind: 'year' });
    expect(readPeriod('2022-32')).toEqual({ start: '2022-01-01', year: 2022, kind: 'span', endYear: 2032 });
    expect(readPeriod('2024–2034')).toMatchObject({ year: 2024, endYear: 2034 });
    expect(readPeriod('site')).toBeNull();
    expect(readPeriod('O*NET 29.2')).toBeNull();
  });

  it('orders chronologically, not as text', () => {
    expect(['May 2024', 'May 2020', '2021', 'May 2022'].sort(comparePeriods)).toEqual(['May 2020', '2021', 'May 2022', 'May 2024']);
    expect(comparePeriods('Nov 2020', 'May 2021')).toBeLessThan(0); // "N" > "M" as text
  });

  it('CAGR over the years between two periods; none under a year or from zero', () => {
    expect(cagr({ period: 'May 2021', value: 100 }, { period: 'May 2024', value: 133.1 })).toBeCloseTo(0.1, 6);
    expect(cagr({ period: 'May 2021', value: 100 }, { period: 'Nov 2021', value: 120 })).toBeNull();
    expect(cagr({ period: '2020', value: 0 }, { period: '2022', value: 5 })).toBeNull();
  });
});
