import { describe, expect, it } from 'vitest';
import { HOURS_PER_YEAR, isMissingSalaryText, parseSalaryText } from './salary-text.js';

describe('parseSalaryText', () => {
  it('reads a Glassdoor estimate in thousands', () => {
    expect(parseSalaryText('$53K-$91K (Glassdoor est.)')).toEqual({
      min: 53_000,
      max: 91_000,
      period: 'year',
      annualized: false,
      source: 'glassdoor-estimate',
      text: '$53K-$91K (Glassdoor est.)',
    });
  });
  it('reads an employer estimate written without a space', () => {
    expect(parseSalaryText('$110K-$150K(Employer est.)')).toMatchObject({
      min: 110_000,
      max: 150_000,
      period: 'year',
      source: 'employer',
    });
  });
  it('reads an employer-provided annual range', () => {
    expect(parseSalaryText('Employer Provided Salary:$150K-$160K')).toMatchObject({
      min: 150_000,
      max: 160_000,
      period: 'year',
      annualized: false,
      source: 'employer',
    });
  });
  it('annualizes employer-provided hourly pay at 2,080 hours', () => {
    expect(HOURS_PER_YEAR).toBe(2080);
    expect(parseSalaryText('Employer Provided Salary:$25-$28 Per Hour')).toMatchObject({
      min: 52_000,
      max: 58_240,
      period: 'hour',
      annualized: true,
      source: 'employer',
    });
  });
  it('annualizes a Glassdoor hourly estimate', () => {
    expect(parseSalaryText('$17-$24 Per Hour(Glassdoor est.)')).toMatchObject({
      min: 35_360,
      max: 49_920,
      period: 'hour',
      annualized: true,
      source: 'glassdoor-estimate',
    });
  });
  it("reads the career page's comma-grouped yearly range", () => {
    expect(parseSalaryText('$120,000-$200,000/yr')).toEqual({
      min: 120_000,
      max: 200_000,
      period: 'year',
      annualized: false,
      source: null,
      text: '$120,000-$200,000/yr',
    });
  });
  it('reads en-dash ranges and a single figure', () => {
    expect(parseSalaryText('$135,000 – $210,000')).toMatchObject({ min: 135_000, max: 210_000 });
    expect(parseSalaryText('$90K')).toMatchObject({ min: 90_000, max: 90_000 });
  });
  it('returns null for the -1 marker and for text without a range', () => {
    expect(parseSalaryText('-1')).toBeNull();
    expect(isMissingSalaryText('-1')).toBe(true);
    expect(parseSalaryText('Competitive')).toBeNull();
    expect(isMissingSalaryText('Competitive')).toBe(false);
    expect(parseSalaryText('$200K-$100K')).toBeNull();
  });
});
