import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCsvTable } from './csv.js';
import { normalizeTitle, stripTitleQualifiers } from './text-normalize.js';
import { buildTitleMatcher, type CareerTitles } from './title-match.js';

const careers: CareerTitles[] = [
  { id: 'mle', title: 'Machine Learning Engineers', aliases: ['Applied ML Engineer', 'Deep Learning Engineer'] },
  { id: 'ds', title: 'Data Scientists', aliases: ['Data Science Specialist', 'Quantitative Analyst'] },
  { id: 'swe', title: 'Software Developers', aliases: ['Software Engineer', 'Dev Ops Engineer'] },
  { id: 'ba', title: 'Business Intelligence Analysts', aliases: ['BI Analyst'] },
];

describe('normalizeTitle', () => {
  it('expands abbreviations, drops level words and plurals, and handles dashes', () => {
    expect(normalizeTitle('Sr. ML Engineer II')).toBe('machine learning engineer');
    expect(normalizeTitle('Lead Data Scientists')).toBe('data scientist');
    expect(normalizeTitle('DevOps Engineer')).toBe(normalizeTitle('Dev Ops Engineer'));
    expect(normalizeTitle('Senior')).toBe('senior');
    expect(normalizeTitle('Data Engineer 5')).toBe('data engineer');
    expect(normalizeTitle('911 Dispatcher')).toBe('dispatcher');
    expect(normalizeTitle('2')).toBe('2');
    expect(stripTitleQualifiers('Data Scientist – Vercel')).toBe('Data Scientist');
    expect(stripTitleQualifiers('Data Engineer (Remote) - NYC')).toBe('Data Engineer');
  });
});

describe('buildTitleMatcher (hand-made careers)', () => {
  const matcher = buildTitleMatcher(careers);
  it('matches "ML Engineer" and "Machine Learning Engineer" to the same career by title', () => {
    const a = matcher.match('ML Engineer');
    const b = matcher.match('Machine Learning Engineer');
    expect(a).toMatchObject({ matched: true, careerId: 'mle', method: 'title', confidence: 1 });
    expect(b).toMatchObject({ matched: true, careerId: 'mle', method: 'title', confidence: 1 });
  });
  it('matches aliases, including abbreviated ones, ignoring seniority', () => {
    expect(matcher.match('Senior Software Engineer')).toMatchObject({ matched: true, careerId: 'swe', method: 'alias', confidence: 0.95 });
    expect(matcher.match('Business Intelligence Analyst')).toMatchObject({ careerId: 'ba', method: 'title' });
    expect(matcher.match('Applied Machine Learning Engineer')).toMatchObject({ careerId: 'mle', method: 'alias' });
  });
  it('matches near titles fuzzily with a confidence and the name it came through', () => {
    const r = matcher.match('Data Sciense Specialist');
    expect(r).toMatchObject({ matched: true, careerId: 'ds', method: 'fuzzy', via: 'Data Science Specialist' });
    if (r.matched) expect(r.confidence).toBeGreaterThanOrEqual(0.75);
  });
  it('leaves a nonsense title unmatched, and honours a stricter threshold', () => {
    expect(matcher.match('Blorptastic Zingwhacker')).toEqual({ matched: false, candidates: [] });
    const strict = buildTitleMatcher(careers, { threshold: 0.99 });
    const r = strict.match('Data Sciense Specialist');
    expect(r.matched).toBe(false);
    expect(r.candidates[0]?.careerId).toBe('ds');
  });
});

describe('buildTitleMatcher (real O*NET 29.2 titles)', () => {
  const dir = path.resolve(process.cwd(), '../shared/data/onet-29.2');
  const read = (f: string) => parseCsvTable(readFileSync(path.join(dir, f), 'utf8'), { delimiter: '\t', quoted: false });
  const byId = new Map<string, CareerTitles>();
  for (const r of read('Occupation Data.txt').rows) byId.set(r.fields[0]!, { id: r.fields[0]!, title: r.fields[1]!, aliases: [] });
  for (const r of read('Alternate Titles.txt').rows) byId.get(r.fields[0]!)?.aliases.push(r.fields[1]!);
  const onet = buildTitleMatcher([...byId.values()]);

  it('indexes 1,016 careers and matches well-known titles to their O*NET-SOC codes', () => {
    expect(onet.careerCount).toBe(1016);
    expect(onet.match('Data Scientist')).toMatchObject({ careerId: '15-2051.00', method: 'title' });
    expect(onet.match('Software Engineer')).toMatchObject({ careerId: '15-1252.00', method: 'alias', confidence: 0.95 });
    expect(onet.match('Data Scientist – Vercel')).toMatchObject({ careerId: '15-2051.00' });
    expect(onet.match('NLP Engineer')).toMatchObject({ careerId: '15-1221.00', method: 'alias' });
  });
  it('gives "ML Engineer" and "Machine Learning Engineer" the same career, flagged as a shared alias', () => {
    const a = onet.match('ML Engineer');
    const b = onet.match('Machine Learning Engineer');
    expect(a.matched && b.matched && a.careerId === b.careerId).toBe(true);
    expect(a).toMatchObject({ method: 'alias', confidence: 0.9 });
    expect(a.candidates.map((c) => c.careerId).sort()).toEqual(['15-1221.00', '15-1299.08', '15-2051.00']);
  });
  it('gives a shared alias to the career with the most evidence for it', async () => {
    const { ONET_FILES, parseOnetFiles } = await import('../ingest/sources/onet-database/parse.js');
    const files = new Map(Object.values(ONET_FILES).map((f) => [f, readFileSync(path.join(dir, f), 'utf8')]));
    const weighted = buildTitleMatcher(parseOnetFiles(files).occupations.map((o) => ({ id: o.code, title: o.title, aliases: o.aliases, aliasEvidence: o.aliasEvidence })));
    // Listed for Database Architects by two sources and reported by incumbents; once each elsewhere.
    expect(weighted.match('Data Engineer')).toMatchObject({ careerId: '15-1243.00', method: 'alias', confidence: 0.9 });
    expect(onet.match('Data Engineer')).toMatchObject({ careerId: '15-2051.00' }); // words alone favour Data Scientists
    expect(weighted.match('Product Designer')).toMatchObject({ careerId: '27-1021.00' });
    // Evidence weighs the words, it does not replace them: film developers list "Developer" more often.
    expect(weighted.match('Developers')).toMatchObject({ careerId: '15-1252.00' });
    expect(weighted.match('Hacker')).toMatchObject({ careerId: '15-1299.04' });
    // Equal evidence: the career whose names use the words most, as before.
    expect(weighted.match('Machine Learning Engineer')).toMatchObject({ careerId: '15-2051.00' });
    expect(onet.match('Machine Learning Engineer')).toMatchObject({ careerId: '15-2051.00' });
  });

  it('does not read "AI Technician" (artificial insemination) as an AI job', () => {
    expect(onet.match('AI Technician')).not.toMatchObject({ careerId: '45-2021.00' });
    expect(onet.match('Artificial Insemination Technician')).toMatchObject({ careerId: '45-2021.00' });
  });
  it('leaves new careers and nonsense unmatched, and matches one title in under a millisecond', () => {
    expect(onet.match('AI Model Routing Engineer').matched).toBe(false);
    expect(onet.match('Blorptastic Zingwhacker').matched).toBe(false);
    const titles = ['Machine Learning Infrastructure Engineer', 'Head of Data Science', 'Cloud Data Architect', 'Lead Data Analyst'];
    const t0 = performance.now();
    for (let i = 0; i < 250; i++) for (const t of titles) onet.match(t);
    expect((performance.now() - t0) / 1000).toBeLessThan(1);
  });
});
