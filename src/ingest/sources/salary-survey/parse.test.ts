import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildTitleMatcher } from '../../../core/title-match.js';
import { SourceFormatError } from '../types.js';
import { parseSalarySurvey } from './parse.js';
import { percentile, summarizeSalaries } from './summarize.js';

const file = path.resolve(process.cwd(), '../shared/data/ai-jobs-net-salaries/salaries.csv');
const real = parseSalarySurvey(readFileSync(file));

describe('parseSalarySurvey on the real ai-jobs.net file', () => {
  it('reads every row with its line number and the exact counts per work year', () => {
    expect(real.rejects).toEqual([]);
    expect(real.records).toHaveLength(2532);
    const perYear: Record<number, number> = {};
    for (const r of real.records) perYear[r.workYear] = (perYear[r.workYear] ?? 0) + 1;
    expect(perYear).toEqual({ 2020: 75, 2021: 229, 2022: 1649, 2023: 579 });
    expect(real.records[0]).toEqual({
      line: 2,
      workYear: 2023,
      experienceLevel: 'EN',
      employmentType: 'FT',
      jobTitle: 'Data Analyst',
      salaryInUsd: 50000,
      remoteRatio: 50,
      companyLocation: 'US',
      companySize: 'L',
    });
  });
});

describe('parseSalarySurvey on bad input', () => {
  const header =
    'work_year,experience_level,employment_type,job_title,salary,salary_currency,salary_in_usd,employee_residence,remote_ratio,company_location,company_size';
  it('rejects bad rows by line and keeps good ones', () => {
    const text = [
      header,
      '2022,SE,FT,Data Scientist,1,USD,150000,US,100,US,M',
      '2022,XX,FT,Data Scientist,1,USD,1,US,100,US,M',
      '2022,SE,FT,Data Scientist,1,USD,-5,US,100,US,M',
      '2022,SE,FT',
      '2022,SE,FT,,1,USD,1,US,100,US,M',
    ].join('\n');
    const out = parseSalarySurvey(text, 'x.csv');
    expect(out.records.map((r) => r.line)).toEqual([2]);
    expect(out.rejects).toEqual([
      { line: 3, file: 'x.csv', reason: 'experience_level "XX" is not one of EN/MI/SE/EX' },
      { line: 4, file: 'x.csv', reason: 'salary_in_usd "-5" is not a positive amount' },
      { line: 5, file: 'x.csv', reason: 'expected 11 fields, found 3' },
      { line: 6, file: 'x.csv', reason: 'job_title is empty' },
    ]);
  });
  it('rejects a row whose quote never closes (a download cut mid-field) and keeps reading after it', () => {
    const text = [
      header,
      '2022,SE,FT,"Data Scientist,1,USD,150000,US,100,US,M',
      '2022,SE,FT,Data Scientist,1,USD,150000,US,100,US,M',
      '2022,SE,FT,Data Scientist,1,USD,150000,US,100,US,"M',
    ].join('\n');
    const out = parseSalarySurvey(text, 'x.csv');
    expect(out.records.map((r) => r.line)).toEqual([3]);
    expect(out.rejects).toEqual([
      { line: 2, file: 'x.csv', reason: expect.stringMatching(/^unreadable record: Invalid Closing Quote/) },
      { line: 4, file: 'x.csv', reason: expect.stringMatching(/^unreadable record: Quote Not Closed/) },
    ]);
  });
  it('refuses a file with the wrong columns as a whole', () => {
    expect(() => parseSalarySurvey('Job Title,Salary Estimate\nx,y', 'glassdoor.csv')).toThrowError(SourceFormatError);
    expect(() => parseSalarySurvey('', 'empty.csv')).toThrowError(/empty\.csv: not an ai-jobs\.net salaries file, missing columns work_year/);
  });
});

describe('summarizeSalaries', () => {
  const matcher = buildTitleMatcher([
    { id: 'mle', title: 'Machine Learning Engineer', aliases: [] },
    { id: 'ds', title: 'Data Scientist', aliases: [] },
  ]);
  const match = (t: string) => {
    const m = matcher.match(t);
    return m.matched && m.method !== 'fuzzy' ? m.careerId : null;
  };
  const summary = summarizeSalaries(real.records, match);
  it('pools ML / Machine Learning / Lead / Principal ML Engineer (15+107+3+1 in 2022) with exact figures', () => {
    expect(summary.distributions.find((d) => d.careerId === 'mle' && d.workYear === 2022)).toEqual({
      careerId: 'mle',
      workYear: 2022,
      count: 126,
      min: 12000,
      p25: 115143.25,
      median: 148650,
      p75: 193900,
      max: 255000,
      mean: 150545,
    });
    // Data Scientist 401 + Lead Data Scientist 4 + Data Scientist Lead 2 + Principal Data Scientist 1, and by their
    // head noun phrase Applied Data Scientist 5 + Product Data Scientist 1, and Data Science Lead (a data scientist).
    expect(summary.distributions.find((d) => d.careerId === 'ds' && d.workYear === 2022)).toMatchObject({
      count: 418,
      min: 8000,
      p25: 100000,
      median: 141000,
      p75: 179400,
      max: 380000,
      mean: 136835,
    });
  });
  it('lists unmatched titles with counts, most frequent first', () => {
    expect(summary.unmatched[0]).toEqual({ title: 'Data Engineer', count: 703 });
    const total = summary.distributions.reduce((n, d) => n + d.count, 0) + summary.unmatched.reduce((n, u) => n + u.count, 0);
    expect(total).toBe(2532);
  });
  it('interpolates percentiles linearly', () => {
    expect(percentile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(percentile([10, 20, 30, 40, 50], 0.25)).toBe(20);
  });
});

describe('parseSalarySurvey on the wrong kind of file', () => {
  it('refuses a zip and UTF-16 text as a whole', () => {
    expect(() => parseSalarySurvey(Buffer.from('PK\u0003\u0004rest', 'latin1'), 's.zip')).toThrowError(/s\.zip: is a zip/);
    expect(() => parseSalarySurvey(Buffer.from('\ufeffwork_year', 'utf16le'), 's.csv')).toThrowError(SourceFormatError);
  });
});
