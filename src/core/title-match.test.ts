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
  it('matches near titles fuzzily above the fuzzy threshold, with the name it came through', () => {
    const loose = buildTitleMatcher(careers, { fuzzyThreshold: 0.75 });
    const r = loose.match('Data Sciense Specialist');
    expect(r).toMatchObject({ matched: true, careerId: 'ds', method: 'fuzzy', via: 'Data Science Specialist' });
    if (r.matched) expect(r.confidence).toBeGreaterThanOrEqual(0.75);
    // Below the default fuzzy threshold the overlap is only a candidate.
    expect(matcher.match('Data Sciense Specialist')).toMatchObject({ matched: false, reason: 'no-match', candidates: [{ careerId: 'ds' }] });
  });
  it('leaves a nonsense title unmatched, and rejects bad input with its reason', () => {
    expect(matcher.match('Blorptastic Zingwhacker')).toMatchObject({ matched: false, reason: 'no-match', candidates: [] });
    expect(matcher.match('')).toEqual({ matched: false, reason: 'empty', candidates: [], attributes: null });
    expect(matcher.match('🚀🚀')).toMatchObject({ matched: false, reason: 'no-letters' });
    expect(matcher.match('データサイエンティスト')).toMatchObject({ matched: false, reason: 'unsupported-script' });
    expect(matcher.match(`Data Scientist ${'x'.repeat(10_000)}`)).toMatchObject({ matched: false, reason: 'too-long' });
  });
  it('returns the attributes the normalizer read off the title', () => {
    expect(matcher.match('Sr. ML Engineer II - Remote (US)')).toMatchObject({
      matched: true,
      careerId: 'mle',
      attributes: { seniority: 'senior', level: 'II', remote: 'remote', location: 'US' },
    });
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
  it('leaves an alias three careers share with equal evidence unmatched, with the three as candidates', () => {
    const a = onet.match('ML Engineer');
    expect(a).toMatchObject({ matched: false, reason: 'ambiguous' });
    expect(a.candidates.map((c) => c.careerId).sort()).toEqual(['15-1221.00', '15-1299.08', '15-2051.00']);
    expect(onet.match('Machine Learning Engineer').candidates).toEqual(a.candidates);
  });
  it('gives a shared alias to the career the evidence separates, and curated titles to their career', async () => {
    const { ONET_FILES, parseOnetFiles } = await import('../ingest/sources/onet-database/parse.js');
    const files = new Map(Object.values(ONET_FILES).map((f) => [f, readFileSync(path.join(dir, f), 'utf8')]));
    const occupations = parseOnetFiles(files).occupations;
    const weighted = buildTitleMatcher(occupations.map((o) => ({ id: o.code, title: o.title, aliases: o.aliases, aliasEvidence: o.aliasEvidence })));
    // Listed for Database Architects by two sources and reported by incumbents, once each elsewhere: first, but
    // not twice the runner-up's score, so without the curated titles it is left to operators.
    const engineer = weighted.match('Data Engineer');
    expect(engineer).toMatchObject({ matched: false, reason: 'ambiguous' });
    expect(engineer.candidates.map((c) => c.careerId)).toEqual(['15-1243.00', '15-2051.00', '15-2041.00']);
    expect(onet.match('Data Engineer')).toMatchObject({ matched: false, reason: 'ambiguous' }); // without evidence nothing separates them
    expect(weighted.match('Product Designer')).toMatchObject({ careerId: '27-1021.00' });
    expect(weighted.match('Hacker').candidates[0]).toMatchObject({ careerId: '15-1299.04' }); // first, but not clearly enough to attach
    expect(weighted.match('Machine Learning Engineer')).toMatchObject({ matched: false, reason: 'ambiguous' });
    // With O*NET-SOC codes the curated titles apply: the ML family is Data Scientists, managers of data teams are 11-3021.
    const curated = buildTitleMatcher(
      occupations.map((o) => ({ id: o.code, code: o.code, title: o.title, aliases: o.aliases, aliasEvidence: o.aliasEvidence })),
    );
    expect(curated.match('Staff ML Engineer')).toMatchObject({ careerId: '15-2051.00', method: 'curated' });
    expect(curated.match('Head of Data Science')).toMatchObject({ careerId: '11-3021.00', method: 'curated' });
    expect(curated.match('Director, Analytics')).toMatchObject({ careerId: '11-3021.00' });
    expect(curated.match('Healthcare Data Scientist')).toMatchObject({ careerId: '15-2051.00', method: 'head' });
  });

  it("ranks the careers of a generic title with a field on O*NET's own text, and matches only when the text separates them", async () => {
    const { ONET_FILES, onetTitleCareers, parseOnetFiles } = await import('../ingest/sources/onet-database/parse.js');
    const { OPTIONAL_ONET_FILES } = await import('../ingest/sources/onet-database/profile.js');
    const names = [...Object.values(ONET_FILES), OPTIONAL_ONET_FILES.tasks];
    const withText = buildTitleMatcher(onetTitleCareers(parseOnetFiles(new Map(names.map((f) => [f, readFileSync(path.join(dir, f), 'utf8')])))));
    // Toxicologist is an O*NET alias of medical scientists and of biochemists: candidates, medical scientists first.
    const tox = withText.match('Sr. Scientist, Toxicology');
    expect(tox).toMatchObject({ matched: false, reason: 'ambiguous' });
    expect(tox.candidates[0]).toMatchObject({ careerId: '19-1042.00', via: expect.stringContaining('toxicolog') });
    // A field only physicians' occupations name: the scientist whose work is about disease leads.
    expect(withText.match('Scientist, Immuno-Oncology').candidates[0]?.careerId).toBe('19-1042.00');
    // Neuroscientist is a medical scientists' alias and no other scientist's text is about it: a match.
    expect(withText.match('Senior Scientist - Neuroscience')).toMatchObject({ matched: true, careerId: '19-1042.00', method: 'field' });
    // A role word with field words no name has: the role's careers ranked by the field.
    expect(withText.match('Pharmacovigilance Scientist').candidates[0]?.careerId).toBe('19-1042.00');
    // Without the text, the same title still gets candidates from the names alone.
    expect(onet.match('Sr. Scientist, Toxicology').candidates.length).toBeGreaterThan(0);
  });

  it('reads curated field words of research titles (title-curated.ts) for the careers that answer to the role', async () => {
    const { ONET_FILES, onetTitleCareers, parseOnetFiles } = await import('../ingest/sources/onet-database/parse.js');
    const { OPTIONAL_ONET_FILES } = await import('../ingest/sources/onet-database/profile.js');
    const names = [...Object.values(ONET_FILES), OPTIONAL_ONET_FILES.tasks];
    const careers = onetTitleCareers(parseOnetFiles(new Map(names.map((f) => [f, readFileSync(path.join(dir, f), 'utf8')]))));
    const withFields = buildTitleMatcher(careers);
    // A word O*NET never uses: without the curated field only the bare "Scientist" ranks the candidates.
    expect(withFields.match('Senior Scientist, Autoimmunity').candidates[0]).toMatchObject({
      careerId: '19-1042.00',
      via: expect.stringContaining('autoimmun'),
    });
    expect(buildTitleMatcher(careers, { curatedFields: {} }).match('Senior Scientist, Autoimmunity').candidates[0]?.via).toBe('scientist');
    // An abbreviation of pharma research, after a role word; a PV engineer is not a medical scientist.
    expect(withFields.match('Senior PV Scientist').candidates[0]?.careerId).toBe('19-1042.00');
    expect(withFields.match('PV Engineer').candidates.map((c) => c.careerId)).not.toContain('19-1042.00');
    // Viruses are microbiologists' field; real-world evidence is epidemiology.
    expect(withFields.match('Scientist, Virology').candidates[0]?.careerId).toBe('19-1022.00');
    expect(withFields.match('Principal Scientist, Real World Evidence').candidates[0]?.careerId).toBe('19-1041.00');
  });

  it('does not read "AI Technician" (artificial insemination) as an AI job', () => {
    expect(onet.match('AI Technician')).not.toMatchObject({ careerId: '45-2021.00' });
    expect(onet.match('Artificial Insemination Technician')).toMatchObject({ careerId: '45-2021.00' });
  });
  it('leaves new careers and nonsense unmatched', () => {
    expect(onet.match('AI Model Routing Engineer').matched).toBe(false);
    expect(onet.match('Blorptastic Zingwhacker').matched).toBe(false);
  });
});
