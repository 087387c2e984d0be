import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputTooLargeError } from '../../../core/bounds.js';
import { buildSkillTaxonomy } from '../../../core/skills.js';
import { SourceFormatError } from '../types.js';
import { htmlToText, parseGreenhouseJobs } from './parse-greenhouse.js';

const fixture = readFileSync(path.resolve(process.cwd(), 'test/fixtures/greenhouse/jobs.json'));
const taxonomy = buildSkillTaxonomy(
  ['Python', 'PyTorch', 'C++', 'Amazon Web Services AWS software', 'Go', 'R', 'Structured query language SQL', 'Tableau', 'Rust programming language'].map(
    (example) => ({ example, commodityTitle: 'x', hot: true, inDemand: true }),
  ),
);
const { records, rejects } = parseGreenhouseJobs(fixture, { file: 'jobs.json', taxonomy });

describe('parseGreenhouseJobs', () => {
  it('reads jobs with ids, locations, departments, offices and metadata; rejects a job without title', () => {
    expect(records.map((r) => r.externalId)).toEqual(['4554464004', '4674120004', '4656326004']);
    expect(rejects).toEqual([{ line: 4, file: 'jobs.json', reason: 'job #4 has no title' }]);
    expect(records[0]).toMatchObject({
      title: 'Senior Machine Learning Engineer',
      updatedAt: '2024-11-04T13:02:51-05:00',
      url: 'https://boards.greenhouse.io/careerlensdemo/jobs/4554464004',
      location: 'Remote - United States',
      departments: ['Machine Learning'],
      offices: ['United States'],
      metadata: { 'Salary Range': '$150,000 - $190,000', 'Employment Type': 'Full-time' },
    });
    expect(records[1]).toMatchObject({ departments: ['Data'], offices: ['London', 'Europe'], metadata: {} });
  });
  it('unescapes the content, strips tags and scripts, one line per block', () => {
    expect(records[0]!.description).toBe(
      [
        'About the role',
        'You will train, compress and serve models used by millions of people. Our stack is Python, PyTorch and C++/CUDA kernels on AWS.',
        'What you will do',
        'Benchmark inference latency and cut cost per request',
        'Apply quantization & knowledge distillation to production models',
        'The base salary range for this role is $150,000 – $190,000.',
      ].join('\n'),
    );
    expect(records[1]!.description).not.toContain('trackView');
    expect(htmlToText('&lt;p&gt;a &amp;amp; b&lt;/p&gt;&lt;p&gt;&amp;lt;script&amp;gt;x&lt;/p&gt;')).toBe('a & b\n<script>x');
  });
  it('takes salary from pay metadata, else from a dollar range in the text', () => {
    expect(records[0]!.salary).toMatchObject({ min: 150_000, max: 190_000, period: 'year' });
    expect(records[1]!.salary).toBeNull();
    expect(records[2]!.salary).toMatchObject({ min: 58_240, max: 70_720, period: 'hour', annualized: true });
  });
  it('extracts skills with word boundaries (no Go in "go far", no R in "R&D")', () => {
    expect(records[0]!.skills).toEqual(['python', 'pytorch', 'cpp', 'cuda', 'aws', 'benchmarking', 'latency', 'quantization', 'knowledge-distillation']);
    expect(records[1]!.skills).toEqual(['sql', 'python', 'tableau']);
    expect(records[2]!.skills).toEqual(['go', 'rust']);
  });
  it('refuses a body of more JSON values than a worker holds once parsed, before parsing it', () => {
    // 8 MB of {} is 4 million objects (about 220 MB parsed); 64 MiB, within the body limit, would be 22 million.
    const hostile = `{"jobs":[${'{},'.repeat(4_000_000)}{}]}`;
    expect(() => parseGreenhouseJobs(hostile, { file: 'jobs.json' })).toThrowError(/^jobs\.json: more than 4000000 values/);
    expect(() => parseGreenhouseJobs(hostile, { file: 'jobs.json' })).toThrowError(InputTooLargeError);
  });
  it('refuses non-JSON and bodies without jobs, and reports a total mismatch', () => {
    expect(() => parseGreenhouseJobs('{"jobs": [', { file: 'cut.json' })).toThrowError(SourceFormatError);
    expect(() => parseGreenhouseJobs('{"data": []}', { file: 'x.json' })).toThrowError(/x\.json: no "jobs" array/);
    expect(parseGreenhouseJobs('{"jobs": [], "meta": {"total": 2}}').rejects).toEqual([
      { line: null, file: 'greenhouse jobs.json', reason: 'meta.total is 2 but 0 jobs were listed' },
    ]);
  });
});
