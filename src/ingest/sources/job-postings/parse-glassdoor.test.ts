import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildSkillTaxonomy } from '../../../core/skills.js';
import { SourceFormatError } from '../types.js';
import { parseGlassdoorPostings } from './parse-glassdoor.js';

const file = path.resolve(process.cwd(), '../shared/data/glassdoor-ds-job-postings/glassdoor_jobs.csv');
const taxonomy = buildSkillTaxonomy([
  { example: 'Python', commodityTitle: 'x', hot: true, inDemand: true },
  { example: 'Structured query language SQL', commodityTitle: 'x', hot: true, inDemand: true },
  { example: 'The MathWorks MATLAB', commodityTitle: 'x', hot: true, inDemand: true },
  { example: 'Tableau', commodityTitle: 'x', hot: true, inDemand: true },
]);
const { records, rejects } = parseGlassdoorPostings(readFileSync(file), { taxonomy });

describe('parseGlassdoorPostings on the real export', () => {
  it('keeps 600 distinct postings out of 956 rows, counting repeats', () => {
    expect(rejects).toEqual([]);
    expect(records).toHaveLength(600);
    expect(records.reduce((n, r) => n + r.occurrences, 0)).toBe(956);
    const most = records.reduce((a, b) => (b.occurrences > a.occurrences ? b : a));
    expect(most).toMatchObject({
      title: 'Pharmacovigilance Scientist (Senior Pharmacovigilance)',
      company: 'Greenwich Biosciences',
      occurrences: 4,
      line: expect.any(Number),
    });
  });
  it('reads the first row: company without its rating, -1 as null, multi-line description', () => {
    const first = records[0]!;
    expect(first).toMatchObject({
      line: 2,
      title: 'Data Scientist',
      company: 'Tecolote Research',
      rating: 3.8,
      location: 'Albuquerque, NM',
      founded: 1973,
      competitors: [],
      size: '501 to 1000 employees',
      revenue: '$50 to $100 million (USD)',
      salary: { min: 53_000, max: 91_000, period: 'year', source: 'glassdoor-estimate' },
      salaryText: '$53K-$91K (Glassdoor est.)',
    });
    expect(first.description.split('\n').length).toBeGreaterThan(10);
    expect(first.description.startsWith('Data Scientist\nLocation: Albuquerque')).toBe(true);
  });
  it('parses every salary format: 457 yearly, 10 hourly (annualized), 133 missing', () => {
    const kind = (r: (typeof records)[number]) => (r.salary ? r.salary.period : 'missing');
    const counts: Record<string, number> = {};
    for (const r of records) counts[kind(r)] = (counts[kind(r)] ?? 0) + 1;
    expect(counts).toEqual({ year: 457, hour: 10, missing: 133 });
    expect(records.filter((r) => r.salary?.source === 'employer')).toHaveLength(17);
    expect(records.find((r) => r.salaryText === 'Employer Provided Salary:$25-$28 Per Hour')).toMatchObject({
      company: 'Mcphail Associates',
      salary: { min: 52_000, max: 58_240, annualized: true },
    });
  });
  it('treats a rating of -1.0 as missing and keeps the bare company name', () => {
    const unrated = records.filter((r) => r.rating === null);
    expect(unrated.length).toBeGreaterThan(0);
    expect(unrated.every((r) => !r.company.includes('\n'))).toBe(true);
  });
  it('extracts skills from descriptions when given a taxonomy', () => {
    // "...proficient in the use of Power BI, Tableau, Python, MATLAB, Microsoft Word..."
    expect(records[0]!.skills).toEqual(['tableau', 'python', 'matlab']);
  });
});

describe('parseGlassdoorPostings on bad input', () => {
  it('refuses other files and rejects short rows by line', () => {
    expect(() => parseGlassdoorPostings('work_year,job_title\n2022,x', { file: 'salaries.csv' })).toThrowError(SourceFormatError);
    const header =
      'Job Title,Salary Estimate,Job Description,Rating,Company Name,Location,Headquarters,Size,Founded,Type of ownership,Industry,Sector,Revenue,Competitors';
    const out = parseGlassdoorPostings(`${header}\nData Scientist,Competitive pay,"Build\nmodels",4.1,"Acme\n4.1",NYC,-1,-1,-1,-1,-1,-1,-1,-1\nshort,row\n`, {
      file: 'g.csv',
    });
    expect(out.records).toHaveLength(1);
    expect(out.records[0]).toMatchObject({ company: 'Acme', description: 'Build\nmodels', salary: null, salaryText: 'Competitive pay', headquarters: null });
    expect(out.rejects).toEqual([
      { line: 2, file: 'g.csv', reason: 'unreadable salary text "Competitive pay" (posting kept without salary)' },
      { line: 5, file: 'g.csv', reason: 'expected 14 fields, found 2' }, // the first row spans lines 2-4
    ]);
  });
});
