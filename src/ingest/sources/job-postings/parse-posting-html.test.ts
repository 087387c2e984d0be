import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildSkillTaxonomy } from '../../../core/skills.js';
import { parseCareersListing, parsePostingPage, postingSkills, readSlug, siteBoilerplate, stripSiteSuffix } from './parse-posting-html.js';

const dir = path.resolve(process.cwd(), '../shared/data/vercel-careers-html');
const files = readdirSync(path.join(dir, 'careers'))
  .filter((f) => f.endsWith('.html'))
  .sort();
const taxonomy = buildSkillTaxonomy(
  ['Python', 'R', 'Julia', 'Go', 'Structured query language SQL', 'Tableau'].map((example) => ({ example, commodityTitle: 'x', hot: true, inDemand: true })),
);
const pages = new Map(files.map((f) => [f, parsePostingPage(readFileSync(path.join(dir, 'careers', f), 'utf8'), { file: f, taxonomy })]));

describe('parsePostingPage on the 43 real Vercel pages', () => {
  it('reads a title without the site suffix and the id from the file name on every page', () => {
    expect(files).toHaveLength(43);
    for (const [file, out] of pages) {
      expect(out.rejects).toEqual([]);
      const p = out.records[0]!;
      expect(p.title).not.toMatch(/Vercel|–|\s{2}/);
      expect(file).toBe(`${p.slug}-${p.externalId}.html`);
      expect(p.locations.length).toBeGreaterThan(0);
      expect(p.description.length).toBeGreaterThan(2000);
      expect(p.description).not.toMatch(/__NEXT_DATA__|function\(|\{"props"/);
    }
  });
  it('reads the data scientist page in full', () => {
    const p = pages.get('data-scientist-us-4554464004.html')!.records[0]!;
    expect(p).toMatchObject({
      externalId: '4554464004',
      slug: 'data-scientist-us',
      title: 'Data Scientist',
      locations: ['United States'],
      locationSource: 'page',
      department: 'Data',
      employmentType: 'Full Time',
    });
    expect(p.description.split('\n').slice(0, 2)).toEqual([
      'About Vercel:',
      'At Vercel, we believe that liberating the frontend unlocks creativity and open-source is the best way forward.',
    ]);
    expect(p.description).toContain('At least one general-purpose programming language (Python, R, Julia, Golang)');
    // Snowflake and dbt are built-in technologies (O*NET 29.2 lacks them).
    expect(p.skills).toEqual(['snowflake', 'dbt', 'sql', 'python', 'r', 'julia', 'go']);
  });
  it('lists every location the page names', () => {
    expect(pages.get('data-engineer-europe-uk-us-4674120004.html')!.records[0]).toMatchObject({
      title: 'Data Engineer, Europe',
      locations: ['United States', 'Germany', 'United Kingdom'],
    });
    expect(pages.get('analytics-engineer-amer-4486497004.html')!.records[0]!.title).toBe('Analytics Engineer');
  });
  it('falls back to <title> and to the slug regions when the page has no hero block', () => {
    const html = '<html><head><title>Customer Success Manager, Europe – Vercel</title></head><body><main><p>Help customers.</p></main></body></html>';
    expect(parsePostingPage(html, { url: 'https://vercel.com/careers/customer-success-manager-europe-uk-4215448004' }).records[0]).toMatchObject({
      title: 'Customer Success Manager, Europe',
      externalId: '4215448004',
      slug: 'customer-success-manager-europe-uk',
      locations: ['Europe', 'United Kingdom'],
      locationSource: 'slug',
      description: 'Help customers.',
    });
    expect(parsePostingPage('<html><body><p>x</p></body></html>', { file: 'a.html' })).toEqual({
      records: [],
      rejects: [{ line: null, file: 'a.html', reason: 'no job title (no <h1> or <title>) on the page' }],
    });
  });
  it('strips site suffixes and reads slugs', () => {
    expect(stripSiteSuffix('Analytics Engineer  – Vercel'.replace(/\s+/g, ' '))).toBe('Analytics Engineer');
    expect(stripSiteSuffix('Data Scientist | Acme')).toBe('Data Scientist');
    expect(readSlug('/careers/field-marketing-manager-west-us-4623565004')).toEqual({ slug: 'field-marketing-manager-west-us', externalId: '4623565004' });
  });
});

describe('site boilerplate on the 43 real Vercel pages', () => {
  const records = [...pages.values()].map((p) => p.records[0]!);
  const boilerplate = siteBoilerplate(records.map((r) => r.description));
  const react = buildSkillTaxonomy(['React', 'Python', 'Go'].map((example) => ({ example, commodityTitle: 'x', hot: true, inDemand: true })));
  const skillsOf = (slug: string) => {
    const r = records.find((x) => x.slug === slug)!;
    return postingSkills(r, react, boilerplate);
  };

  it('finds the lines repeated on most pages, the company blurb among them, and no line of one job', () => {
    expect([...boilerplate].some((l) => l.includes('lead the React ecosystem'))).toBe(true);
    expect(boilerplate.has('About Vercel:')).toBe(true);
    expect([...boilerplate].some((l) => /Next\.js, React, or Svelte/.test(l))).toBe(false);
    expect(siteBoilerplate(records.slice(0, 2).map((r) => r.description)).size).toBe(0);
  });

  it('reads skills from the job only: a sales posting gets no React, a content engineer asking for it does', () => {
    const sales = records.find((r) => r.slug === 'enterprise-account-executive-apac')!;
    expect(postingSkills(sales, react)).toContain('react'); // with the blurb
    expect(skillsOf('enterprise-account-executive-apac')).not.toContain('react');
    expect(skillsOf('content-engineer-us')).toContain('react');
  });
});

describe('parseCareersListing on the real listing page', () => {
  const links = parseCareersListing(readFileSync(path.join(dir, 'vercel_careers_clone.html'), 'utf8'), 'https://vercel.com');
  it('finds 54 postings (the 43 saved pages and 11 more), each with its card title and locations', () => {
    expect(links).toHaveLength(54);
    expect(links.find((l) => l.externalId === '4674120004')).toEqual({
      url: 'https://vercel.com/careers/data-engineer-europe-uk-us-4674120004',
      slug: 'data-engineer-europe-uk-us',
      externalId: '4674120004',
      title: 'Data Engineer, Europe',
      locations: ['United States', 'Germany', 'United Kingdom'],
    });
  });
  it('agrees with each saved page on title and locations', () => {
    for (const [, out] of pages) {
      const p = out.records[0]!;
      const link = links.find((l) => l.externalId === p.externalId);
      expect(link).toMatchObject({ title: p.title, locations: p.locations });
    }
  });
});
