import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsvTable } from '../../src/core/csv.js';
import { FACT_KEYS, type DeclaredFact, type PostingsFact } from '../../src/core/fact-keys.js';
import { loadCareerDirectory } from '../../src/db/queries/ingest.js';
import { fixturesDir, sharedDataDir } from '../helpers/static-server.js';
import { codesOf, factOf, startIngestHarness, type IngestHarness } from './harness.js';

const glassdoorCsv = readFileSync(path.join(sharedDataDir, 'glassdoor-ds-job-postings/glassdoor_jobs.csv'), 'utf8');
const fixture = (name: string): string => readFileSync(path.join(fixturesDir, 'career-pages', name), 'utf8');

describe('job-postings and career-pages over HTTP', () => {
  let h: IngestHarness;
  const sql = () => h.tdb.db.$client;
  const postingsOf = async (sourceId: string) => sql()<{ code: string; value: PostingsFact }[]>`
    select coalesce(c.onet_code, c.slug) as code, f.value from facts f join careers c on c.id = f.career_id
    where f.source_id = ${sourceId} and f.key = 'postings' order by 1`;

  beforeAll(async () => {
    h = await startIngestHarness();
    await h.define({ id: 'onet', kind: 'onet-database', url: `${h.server.url}/data/onet-29.2/` });
    expect((await h.run('onet')).status).toBe('succeeded');
  });
  afterAll(async () => {
    await h?.close();
  });

  it('Glassdoor CSV: distinct postings per matched career, repeats counted once, unmatched titles listed', async () => {
    await h.define({
      id: 'glassdoor',
      kind: 'job-postings',
      url: `${h.server.url}/data/glassdoor-ds-job-postings/glassdoor_jobs.csv`,
      options: { format: 'glassdoor-csv', period: '2020' },
    });
    const out = await h.run('glassdoor');
    expect(out.status).toBe('succeeded');
    expect(out.stats).toMatchObject({ parsed: 956, rejected: 0 });
    const facts = await postingsOf('glassdoor');
    const [unmatched] = await sql()<{ n: number }[]>`select coalesce(sum(count), 0)::int as n from unmatched_titles where source_id = 'glassdoor'`;
    // every row is either counted in a career's occurrences or listed as unmatched
    expect(facts.reduce((n, f) => n + f.value.occurrences, 0) + unmatched!.n).toBe(956);
    const ds = facts.find((f) => f.code === '15-2051.00')!.value;
    expect(ds.count).toBeLessThan(ds.occurrences); // the export repeats postings
    expect(ds.topSkills[0]).toEqual({ key: 'python', count: expect.any(Number) });
    expect(ds.salary!.min).toBeLessThan(ds.salary!.median);
    expect((await h.run('glassdoor')).status).toBe('unchanged');
  });

  it('generic titles with a field reach their career through the O*NET text the career directory carries', async () => {
    // The directory the matcher is built from holds each occupation's description and task statements.
    const directory = await loadCareerDirectory(sql(), FACT_KEYS.tasks);
    const medical = directory.find((c) => c.onetCode === '19-1042.00')!;
    expect(medical.description).toMatch(/human diseases/);
    expect(medical.tasks).toContain('Evaluate effects of drugs, gases, pesticides, parasites, and microorganisms at various levels.');
    // "Senior Scientist - Neuroscience": no O*NET name, but only medical scientists' text (their Neuroscientist alias) is about it.
    await h.define({
      id: 'glassdoor',
      kind: 'job-postings',
      url: `${h.server.url}/data/glassdoor-ds-job-postings/glassdoor_jobs.csv`,
      options: { format: 'glassdoor-csv', period: '2020' },
    });
    expect(['succeeded', 'unchanged']).toContain((await h.run('glassdoor')).status);
    const fact = (await postingsOf('glassdoor')).find((f) => f.code === '19-1042.00')!.value;
    expect(fact.titles).toContainEqual(expect.objectContaining({ title: 'Senior Scientist - Neuroscience', method: 'field' }));
  });

  it('every Glassdoor salary format becomes annual USD (hourly × 2080), -1 is missing', async () => {
    const { header, rows } = parseCsvTable(glassdoorCsv);
    const at = header.indexOf('Salary Estimate');
    const pick = (salary: string) => rows.find((r) => r.fields[at] === salary)!.fields;
    const titleAt = header.indexOf('Job Title');
    // Real rows, one per salary format, each retitled to a distinct O*NET title so each lands on its own career.
    const formats: [salary: string, title: string, code: string, expected: PostingsFact['salary']][] = [
      ['Employer Provided Salary:$25-$28 Per Hour', 'Software Developers', '15-1252.00', { min: 52_000, median: 55_120, max: 58_240, postings: 1 }],
      ['$18-$25 Per Hour(Glassdoor est.)', 'Statisticians', '15-2041.00', { min: 37_440, median: 44_720, max: 52_000, postings: 1 }],
      ['Employer Provided Salary:$100K-$140K', 'Actuaries', '15-2011.00', { min: 100_000, median: 120_000, max: 140_000, postings: 1 }],
      ['$110K-$150K(Employer est.)', 'Economists', '19-3011.00', { min: 110_000, median: 130_000, max: 150_000, postings: 1 }],
      ['$53K-$91K (Glassdoor est.)', 'Mathematicians', '15-2021.00', { min: 53_000, median: 72_000, max: 91_000, postings: 1 }],
      ['-1', 'Data Scientists', '15-2051.00', null],
    ];
    const chosen = formats.map(([salary, title]) => pick(salary).map((f, i) => (i === titleAt ? title : f)));
    const quote = (f: string) => `"${f.replace(/"/g, '""')}"`;
    const subset = `${[header, ...chosen].map((r) => r.map(quote).join(',')).join('\n')}\n`;
    h.server.override((req, res) => {
      if (req.url !== '/glassdoor/subset.csv') return false;
      res.writeHead(200, { 'content-type': 'text/csv' }).end(subset);
      return true;
    });
    try {
      await h.define({ id: 'glassdoor-formats', kind: 'job-postings', url: `${h.server.url}/glassdoor/subset.csv`, options: { period: '2020' } });
      const out = await h.run('glassdoor-formats');
      expect(out.status).toBe('succeeded');
      const facts = await postingsOf('glassdoor-formats');
      expect(facts.map((f) => [f.code, f.value.salary])).toEqual(
        formats.map(([, , code, salary]) => [code, salary]).sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
      );
      expect(facts.every((f) => f.value.count === 1 && f.value.format === 'glassdoor-csv')).toBe(true);
    } finally {
      h.server.override(null);
    }
  });

  it('HTML pages: the listing, then each posting page crawled under robots.txt (a disallowed page is a reject)', async () => {
    const seen = h.server.requests.length;
    h.server.override(async (req, res) => {
      if (req.url === '/robots.txt') {
        res.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: *\nDisallow: /careers/content-engineer-us-4534477004\n');
        return true;
      }
      const m = /^\/careers\/([a-z0-9-]+)$/.exec(req.url ?? '');
      if (!m) return false;
      const file = path.join(sharedDataDir, 'vercel-careers-html/careers', `${m[1]}.html`);
      if (!existsSync(file)) return false; // 11 of the listing's 54 pages are not in ../shared/data: 404
      res.writeHead(200, { 'content-type': 'text/html' }).end(readFileSync(file));
      return true;
    });
    try {
      await h.define({
        id: 'vercel',
        kind: 'job-postings',
        url: `${h.server.url}/data/vercel-careers-html/vercel_careers_clone.html`,
        options: { format: 'html-pages', period: '2022-12', maxRejectRatio: 0.25 },
      });
      const out = await h.run('vercel');
      expect(out.status).toBe('succeeded');
      // 54 links: 42 pages read, 1 disallowed by robots.txt, 11 missing from the local copy (404)
      expect(out.stats).toMatchObject({ fetched: 43, parsed: 54, rejected: 12 });
      expect(out.stats.rejects!.filter((r) => r.reason.startsWith('disallowed'))).toEqual([
        {
          line: null,
          file: `${h.server.url}/careers/content-engineer-us-4534477004`,
          reason: expect.stringMatching(/^disallowed by robots\.txt \(.*\/careers\/content-engineer-us-4534477004.*\); not fetched$/),
        },
      ]);
      expect(out.stats.rejects!.filter((r) => r.reason.startsWith('posting page not found'))).toHaveLength(11);
      const requests = h.server.requests.slice(seen);
      expect(requests.filter((r) => r.path === '/robots.txt')).toHaveLength(1);
      expect(requests.some((r) => r.path === '/careers/content-engineer-us-4534477004')).toBe(false);
      const facts = await postingsOf('vercel');
      const ds = facts.find((f) => f.code === '15-2051.00')!.value;
      expect(ds).toMatchObject({ format: 'html-pages', salary: null });
      expect(ds.titles).toContainEqual(expect.objectContaining({ title: 'Data Scientist' }));
      expect(ds.count).toBe(1);
      expect(ds.topSkills.map((t) => t.key)).toEqual(expect.arrayContaining(['python', 'sql']));
      const architects = facts.find((f) => f.code === '15-1243.00')!.value;
      expect(architects.titles).toContainEqual(expect.objectContaining({ title: 'Data Engineer' }));
      expect(architects.topSkills.map((t) => t.key)).toEqual(expect.arrayContaining(['python', 'snowflake', 'sql']));
      // The company blurb on every page ("…lead the React ecosystem") gives no career React.
      const react = facts.filter((f) => f.value.topSkills.some((t) => t.key === 'react')).map((f) => f.code);
      expect(react.length).toBeLessThan(facts.length / 2);
      expect(facts.reduce((n, f) => n + f.value.count, 0)).toBeLessThanOrEqual(42);
      expect((await h.run('vercel')).status).toBe('unchanged');
    } finally {
      h.server.override(null);
    }
  });

  it('Greenhouse job-board JSON: the same facts, salary from the pay field', async () => {
    // The fixture's 4th job has no title (one reject of four records): allow it for this source.
    await h.define({
      id: 'greenhouse',
      kind: 'job-postings',
      url: `${h.server.url}/fixtures/greenhouse/jobs.json`,
      options: { period: '2024-11', maxRejectRatio: 0.3 },
    });
    const out = await h.run('greenhouse');
    expect(out.status).toBe('succeeded');
    expect(out.stats.rejects).toEqual([{ line: 4, file: 'jobs.json', reason: 'job #4 has no title' }]);
    const facts = await postingsOf('greenhouse');
    const ml = facts.find((f) => f.code === '15-2051.00')!.value;
    expect(ml).toMatchObject({ count: 2, format: 'greenhouse-json', salary: { min: 150_000, median: 170_000, max: 190_000, postings: 1 } });
    // The ML engineer through the curated ML family, "Data Scientist, Growth" once its team is split off.
    const none = { seniority: null, level: null, location: null, remote: null, employment: null };
    expect(ml.titles).toEqual([
      { title: 'Data Scientist, Growth', count: 1, method: 'title', confidence: 1, attributes: none },
      { title: 'Senior Machine Learning Engineer', count: 1, method: 'curated', confidence: 0.97, attributes: { ...none, seniority: 'senior' } },
    ]);
    expect(ml.bySeniority).toEqual([
      { seniority: 'unstated', count: 1 },
      { seniority: 'senior', count: 1 },
    ]);
    expect(ml.remoteInTitle).toBe(0);
    expect(ml.topSkills.map((t) => t.key)).toEqual(expect.arrayContaining(['pytorch', 'cuda', 'quantization', 'knowledge-distillation']));
    expect(await factOf(h, '15-2051.00', 'postings', '2024-11')).toBeDefined();
    expect((await h.run('greenhouse')).status).toBe('unchanged');
  });

  it("career pages: the seed's two careers with their declared figures and skills", async () => {
    await h.define({
      id: 'site',
      kind: 'career-pages',
      url: `${h.server.url}/fixtures/career-pages/compare-table.html`,
      options: { pages: ['compare-table.html', 'profile-routing.html'] },
    });
    const out = await h.run('site');
    expect(out.status).toBe('succeeded');
    expect(out.stats.rejected).toBe(0);
    const careers = await sql()`select slug, title, category, origin, onet_code from careers where origin = 'career-page' order by slug`;
    expect(careers).toEqual([
      { slug: 'ai-model-compression-engineer', title: 'AI Model Compression Engineer', category: 'AI Engineering', origin: 'career-page', onet_code: null },
      { slug: 'ai-model-routing-engineer', title: 'AI Model Routing Engineer', category: 'AI Engineering', origin: 'career-page', onet_code: null },
    ]);
    expect(await codesOf(h, out.changedCareerIds)).toEqual(['ai-model-compression-engineer', 'ai-model-routing-engineer']);
    const compression = (await factOf<DeclaredFact>(h, 'ai-model-compression-engineer', 'declared', 'site'))!;
    expect(compression).toEqual({
      salaryMin: 120_000,
      salaryMax: 200_000,
      currency: 'USD',
      demandScore: 9,
      aiRiskPct: 20,
      learningCurveMonths: 12,
      difficulty: 'Advanced',
      entryBarrier: 'High',
      remoteFriendly: true,
      requiresCoding: true,
      category: 'AI Engineering',
      pageUrl: `${h.server.url}/fixtures/career-pages/compare-table.html`,
      skills: expect.arrayContaining(['Knowledge Distillation', 'ONNX and Model Conversion']),
    });
    expect(compression.skills).toHaveLength(8);
    expect(await factOf<DeclaredFact>(h, 'ai-model-routing-engineer', 'declared')).toMatchObject({
      salaryMin: 135_000,
      salaryMax: 210_000,
      aiRiskPct: 15,
      learningCurveMonths: 8,
    });
    expect((await h.run('site')).status).toBe('unchanged');
  });

  it('career pages: the same content as cards or a definition list changes nothing; a script in a skill name is stripped', async () => {
    const serveAs = (file: string) =>
      h.server.override((req, res) => {
        if (req.url !== '/fixtures/career-pages/compare-table.html') return false;
        res.writeHead(200, { 'content-type': 'text/html' }).end(fixture(file));
        return true;
      });
    try {
      for (const file of ['compare-cards.html', 'compare-dl.html', 'compare-script-in-skill.html']) {
        serveAs(file);
        const out = await h.run('site');
        expect(out.stats.fetched).toBe(1);
        expect(out.status).toBe('unchanged'); // new documents, same facts
        expect(out.changedCareerIds).toEqual([]);
      }
      const skills = (await factOf<DeclaredFact>(h, 'ai-model-compression-engineer', 'declared'))!.skills.join(' ');
      expect(skills).not.toMatch(/script|alert|<|onerror/i);
    } finally {
      h.server.override(null);
    }
  });

  it('career pages: with "follow", a listing leads to the comparison pages it links to, up to maxPages', async () => {
    const compare = '/site/compare/ai-model-compression-engineer-vs-ai-model-routing-engineer';
    let listing = `<html><body><h1>All comparisons</h1><ul>
      <li><a href="${compare}#top">Compression vs Routing</a></li>
      <li><a href="/site/compare/gone-engineer-vs-missing-engineer">Taken down</a></li>
      <li><a href="https://example.org/site/compare/a-vs-b">Elsewhere</a></li>
      <li><a href="/site/roadmap/ai-model-routing-engineer">Not a comparison</a></li>
      <li><a href="${compare}?ref=list">The same page again</a></li>
    </ul></body></html>`;
    h.server.override((req, res) => {
      if (req.url === '/site/compare') {
        res.writeHead(200, { 'content-type': 'text/html' }).end(listing);
        return true;
      }
      if (req.url === compare) {
        res.writeHead(200, { 'content-type': 'text/html' }).end(fixture('compare-table.html'));
        return true;
      }
      return false;
    });
    try {
      const seen = h.server.requests.length;
      await h.define({ id: 'crawl', kind: 'career-pages', url: `${h.server.url}/site/compare`, options: { follow: '^/site/compare/[^/]+-vs-[^/]+$' } });
      const out = await h.run('crawl');
      expect(out.error).toBeUndefined();
      expect(out.stats.rejects).toEqual([
        { line: null, file: `${h.server.url}/site/compare/gone-engineer-vs-missing-engineer`, reason: 'linked page not found (404/410); skipped' },
      ]);
      const paths = h.server.requests
        .slice(seen)
        .map((r) => r.path)
        .filter((p) => p !== '/robots.txt');
      expect(paths).toEqual(['/site/compare', compare, '/site/compare/gone-engineer-vs-missing-engineer']);
      const declared = await sql()<{ slug: string; page: string }[]>`
        select c.slug, f.value->>'pageUrl' as page from facts f join careers c on c.id = f.career_id where f.source_id = 'crawl' order by c.slug`;
      expect(declared).toEqual([
        { slug: 'ai-model-compression-engineer', page: `${h.server.url}${compare}` },
        { slug: 'ai-model-routing-engineer', page: `${h.server.url}${compare}` },
      ]);
      // maxPages bounds the crawl: the listing alone (changed, so the run reads it and writes a batch).
      listing = listing.replace('All comparisons', 'Every comparison');
      await h.define({
        id: 'crawl',
        kind: 'career-pages',
        url: `${h.server.url}/site/compare`,
        options: { follow: '^/site/compare/[^/]+-vs-[^/]+$', maxPages: 1 },
      });
      const before = h.server.requests.length;
      await h.run('crawl');
      expect(
        h.server.requests
          .slice(before)
          .map((r) => r.path)
          .filter((p) => p !== '/robots.txt'),
      ).toEqual(['/site/compare']);
      // A crawl cut short removes nothing it did not reach.
      expect(await sql()`select count(*)::int as n from facts where source_id = 'crawl'`).toEqual([{ n: 2 }]);
      // The configured pages are always read: maxPages bounds only what following adds.
      await h.define({
        id: 'crawl',
        kind: 'career-pages',
        url: `${h.server.url}/fixtures/career-pages/compare-table.html`,
        options: { pages: ['compare-table.html', 'profile-routing.html'], maxPages: 1 },
      });
      const listed = h.server.requests.length;
      expect((await h.run('crawl')).error).toBeUndefined();
      expect(
        h.server.requests
          .slice(listed)
          .map((r) => r.path)
          .filter((p) => p !== '/robots.txt'),
      ).toEqual(['/fixtures/career-pages/compare-table.html', '/fixtures/career-pages/profile-routing.html']);
      await h.define({ id: 'crawl', kind: 'career-pages', url: `${h.server.url}/site/compare`, options: { follow: '([' } });
      expect((await h.run('crawl')).error).toMatch(/option "follow" is not a valid regular expression/);
    } finally {
      h.server.override(null);
    }
  });

  it('career pages: a layout that no longer matches fails the run with the reason; earlier data stays', async () => {
    const before = await sql()`select career_id, hash from facts where source_id = 'site' order by 1`;
    h.server.override((req, res) => {
      if (req.url !== '/fixtures/career-pages/compare-table.html') return false;
      res.writeHead(200, { 'content-type': 'text/html' }).end(fixture('compare-layout-changed.html'));
      return true;
    });
    try {
      await h.define({ id: 'site', kind: 'career-pages', url: `${h.server.url}/fixtures/career-pages/compare-table.html` });
      const out = await h.run('site');
      expect(out.status).toBe('failed');
      expect(out.error).toMatch(/1 of 1 records rejected .*layout not recognised: found 0 of 8 labelled figures/);
    } finally {
      h.server.override(null);
    }
    expect(await sql()`select career_id, hash from facts where source_id = 'site' order by 1`).toEqual(before);
  });

  it('career pages: a windows-1252 page is read by its declared charset (Content-Type header or <meta>), not as UTF-8', async () => {
    const CP1252: Record<string, number> = { '–': 0x96, '—': 0x97, '›': 0x9b, '€': 0x80 };
    const encode = (text: string) => Buffer.from([...text].map((ch) => CP1252[ch] ?? (ch.charCodeAt(0) < 256 ? ch.charCodeAt(0) : 0x3f)));
    const page = fixture('profile-routing.html')
      .replace('charset="utf-8"', 'charset="windows-1252"')
      .replace(/✅ /g, '')
      .replace(/AI Model Routing Engineer/g, 'Café Routing Engineer – Ærø');
    for (const [id, contentType] of [
      ['cp1252-meta', 'text/html'],
      ['cp1252-header', 'text/html; charset=windows-1252'],
    ] as const) {
      h.server.override((req, res) => {
        if (req.url !== `/${id}/profile.html`) return false;
        res
          .writeHead(200, { 'content-type': contentType })
          .end(encode(contentType.includes('charset') ? page.replace('charset="windows-1252"', 'charset="utf-8"') : page));
        return true;
      });
      try {
        await h.define({ id, kind: 'career-pages', url: `${h.server.url}/${id}/profile.html` });
        const out = await h.run(id);
        expect(out.status).toBe('succeeded');
      } finally {
        h.server.override(null);
      }
    }
    const careers = await sql()`select slug, title from careers where title like 'Caf%'`;
    expect(careers).toEqual([{ slug: 'cafe-routing-engineer-aero', title: 'Café Routing Engineer – Ærø' }]);
  });
  it('skills follow O*NET: a run after the technology skills changed reads postings with the new list, not a kept copy', async () => {
    const url = `${h.server.url}/data/glassdoor-ds-job-postings/glassdoor_jobs.csv`;
    const pythonCount = async (id: string) => {
      await h.define({ id, kind: 'job-postings', url, options: { format: 'glassdoor-csv', period: '2020' } });
      expect((await h.run(id)).status).toBe('succeeded');
      const ds = (await postingsOf(id)).find((f) => f.code === '15-2051.00')!.value;
      return ds.topSkills.find((s) => s.key === 'python')?.count ?? 0;
    };
    expect(await pythonCount('skills-before')).toBeGreaterThan(0);
    const saved = await sql()<
      { careerId: number; value: string }[]
    >`select career_id as "careerId", value::text as value from facts where key = 'tech-skills' and source_id = 'onet'`;
    try {
      // O*NET drops Python from every occupation's technology list (a new release, as the next O*NET run would write it).
      await sql()`update facts set fetched_at = now(), value = (select coalesce(jsonb_agg(s), '[]'::jsonb) from jsonb_array_elements(value) s where s->>'example' <> 'Python')
        where key = 'tech-skills' and source_id = 'onet'`;
      expect(await pythonCount('skills-after')).toBe(0);
    } finally {
      for (const row of saved)
        await sql()`update facts set value = ${row.value}::jsonb, fetched_at = now() where key = 'tech-skills' and source_id = 'onet' and career_id = ${row.careerId}`;
    }
  });
});
