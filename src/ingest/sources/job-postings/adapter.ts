/**
 * Job postings in three formats (option `format`, else detected): the Glassdoor CSV export,
 * a careers listing page whose linked posting pages are crawled (robots.txt honored), or a
 * Greenhouse job-board feed. Titles are matched to careers; per career one `postings` fact.
 * Options: `format`, `maxPages` (posting pages read from a listing, default 100), `period` (default: 2020 for the Glassdoor export, else the fetch month
 * `YYYY-MM`: a live board is a snapshot of the month it was read).
 */
import { decodeHtml } from '../../../core/html-decode.js';
import type { SkillTaxonomy } from '../../../core/skills.js';
import type { SalaryRange } from '../../../core/salary-text.js';
import { FACT_KEYS, SENIORITY_ORDER, type CountedTitle, type PostingsFact } from '../../../core/fact-keys.js';
import {
  IngestRejectedError,
  type AdapterContext,
  type FactInput,
  type NormalizedBatch,
  type Reject,
  type SourceAdapter,
  type SourceDocument,
} from '../../types.js';
import { buildDirectoryMatcher, fetchRequired, skillTaxonomyOf, fileNameOf, isNotFound, maxPagesOption, median, stringOption } from '../adapter-kit.js';
import { followableLink, forEachLimited } from '../links.js';
import { InputTooLargeError } from '../../../core/bounds.js';
import { SourceFormatError } from '../types.js';
import { parseGlassdoorPostings } from './parse-glassdoor.js';
import { parseGreenhouseJobs } from './parse-greenhouse.js';
import { parseCareersListing, parsePostingPage, postingSkills, siteBoilerplate, type PostingPage } from './parse-posting-html.js';

export type PostingsFormat = PostingsFact['format'];
const FORMATS: readonly PostingsFormat[] = ['glassdoor-csv', 'html-pages', 'greenhouse-json'];
const TOP_SKILLS = 20;
/** The widely mirrored Glassdoor export was scraped in 2020; other snapshots set `period`. */
const GLASSDOOR_DEFAULT_PERIOD = '2020';

/** One posting, whatever its format. */
interface Posting {
  title: string;
  occurrences: number;
  salary: SalaryRange | null;
  skills: string[];
}
interface Loaded {
  postings: Posting[];
  rejects: Reject[];
  parsed: number;
  documentUrl: string;
}

export const jobPostingsAdapter: SourceAdapter = {
  kind: 'job-postings',
  version: 7, // 2: skills leave out lines a site repeats on most pages; 3: only same-site posting links, at most maxPages; 4: CSV read by csv-parse; 5: titles normalized, curated titles, ambiguity left unmatched; 6: titles and skills transliterated, plurals folded (series, classes); 7: operators' pins, title attributes, postings by seniority
  async load(ctx) {
    const first = await fetchRequired(ctx, ctx.url, { robots: stringOption(ctx, 'format') === 'html-pages' || /\.html?$/i.test(ctx.url) });
    const format = readFormat(ctx, first);
    const taxonomy = skillTaxonomyOf(await ctx.technologySkills());
    const loaded = format === 'html-pages' ? await loadPages(ctx, first, taxonomy) : first.changed ? loadFile(format, first, taxonomy) : 'unchanged';
    if (loaded === 'unchanged') return 'unchanged';
    await ctx.progress(50, `read ${loaded.postings.length} postings; matching titles`);
    const period = stringOption(ctx, 'period') ?? (format === 'glassdoor-csv' ? GLASSDOOR_DEFAULT_PERIOD : new Date().toISOString().slice(0, 7));
    return summarize(ctx, loaded, format, period);
  },
};

function readFormat(ctx: AdapterContext, doc: SourceDocument): PostingsFormat {
  const option = stringOption(ctx, 'format');
  if (option) {
    if (!(FORMATS as readonly string[]).includes(option))
      throw new IngestRejectedError(`source "${ctx.sourceId}": option "format" must be one of ${FORMATS.join(', ')}`);
    return option as PostingsFormat;
  }
  const head = doc.body
    .subarray(0, 2048)
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart();
  if (head.startsWith('{')) return 'greenhouse-json';
  if (/^<(!doctype|html)/i.test(head)) return 'html-pages';
  if (/Salary Estimate/.test(head.split(/\r?\n/, 1)[0] ?? '')) return 'glassdoor-csv';
  throw new SourceFormatError(`${fileNameOf(doc.url)}: not a Glassdoor CSV, an HTML listing or a Greenhouse JSON feed; set option "format"`);
}

function loadFile(format: Exclude<PostingsFormat, 'html-pages'>, doc: SourceDocument, taxonomy: SkillTaxonomy): Loaded {
  const file = fileNameOf(doc.url);
  if (format === 'glassdoor-csv') {
    const { records, rejects } = parseGlassdoorPostings(doc.body, { file, taxonomy });
    const rows = records.reduce((n, r) => n + r.occurrences, 0);
    return { postings: records, rejects, parsed: rows + rejects.length, documentUrl: doc.url };
  }
  const { records, rejects } = parseGreenhouseJobs(doc.body, { file, taxonomy });
  return { postings: records.map((r) => ({ ...r, occurrences: 1 })), rejects, parsed: records.length + rejects.length, documentUrl: doc.url };
}

/** Posting pages fetched at once; the fetcher's host limiter still spaces them per host. */
const PAGE_LANES = 4;

/**
 * The listing page, then each posting page it links to on its own site (same scheme, host and
 * port; other links are rejects), at most `maxPages`, crawled politely through the fetcher's
 * host limiter (robots.txt is checked for every page; a disallowed page is a reject naming the
 * rule, not a failure).
 */
async function loadPages(ctx: AdapterContext, listing: SourceDocument, taxonomy: SkillTaxonomy): Promise<Loaded | 'unchanged'> {
  const found = parseCareersListing(decodeHtml(listing.body, listing.contentType), listing.url);
  if (found.length === 0) throw new SourceFormatError(`${listing.url}: no posting links (/careers/<slug>-<id>) on the listing page; has its layout changed?`);
  const rejects: Reject[] = [];
  const links: string[] = [];
  for (const link of found) {
    const verdict = followableLink(link.url, listing.url);
    if ('refused' in verdict) rejects.push({ line: null, file: listing.url, reason: verdict.reason });
    else links.push(verdict.url);
  }
  const maxPages = maxPagesOption(ctx);
  if (links.length > maxPages) {
    ctx.log.warn({ maxPages, left: links.length - maxPages }, 'the listing links to more posting pages than maxPages; raise it to read the rest');
    links.length = maxPages;
  }
  const pages: PostingPage[] = [];
  let changed = listing.changed;
  let done = 0;
  await forEachLimited(links, PAGE_LANES, async (url) => {
    const doc = await ctx.fetchDocument(url, { robots: true }).catch((err: unknown) => {
      if (isNotFound(err)) return null; // taken down since the listing was published: a reject, not a failure
      throw err;
    });
    if (doc === null) {
      rejects.push({ line: null, file: url, reason: 'posting page not found (404/410); skipped' });
      return;
    }
    if (++done % 10 === 0) await ctx.progress(Math.round((40 * done) / links.length), `fetched ${done} of ${links.length} posting pages`);
    if ('disallowed' in doc) {
      rejects.push({ line: null, file: url, reason: `disallowed by robots.txt (${doc.rule}); not fetched` });
      return;
    }
    changed ||= doc.changed;
    let page: ReturnType<typeof parsePostingPage>;
    try {
      page = parsePostingPage(decodeHtml(doc.body, doc.contentType), { url });
    } catch (err) {
      if (!(err instanceof InputTooLargeError)) throw err;
      rejects.push({ line: null, file: url, reason: err.message }); // one hostile posting page costs that page, not the run
      return;
    }
    rejects.push(...page.rejects);
    pages.push(...page.records);
  });
  if (!changed) return 'unchanged';
  // Skills are read once every page is in, without the lines the site repeats on most pages.
  const boilerplate = siteBoilerplate(pages.map((p) => p.description));
  const postings: Posting[] = pages.map((p) => ({ title: p.title, occurrences: 1, salary: null, skills: postingSkills(p, taxonomy, boilerplate) }));
  return { postings, rejects, parsed: found.length, documentUrl: listing.url };
}

/** Matches each posting's title to a career (once per distinct title) and sums up each career's postings. */
async function summarize(ctx: AdapterContext, loaded: Loaded, format: PostingsFormat, period: string): Promise<NormalizedBatch> {
  const matcher = buildDirectoryMatcher(await ctx.careerDirectory(), await ctx.titlePins());
  const groups = new Map<string, { postings: Posting[]; titles: Map<string, Omit<CountedTitle, 'title'>> }>();
  for (const p of loaded.postings) {
    for (let i = 1; i < p.occurrences; i++) matcher.match(p.title); // repeats count in the unmatched list too
    const m = matcher.match(p.title);
    if (!m) continue;
    const g = groups.get(m.slug) ?? groups.set(m.slug, { postings: [], titles: new Map() }).get(m.slug)!;
    g.postings.push(p);
    const t = g.titles.get(p.title) ?? g.titles.set(p.title, { count: 0, confidence: m.confidence, method: m.method, attributes: m.attributes }).get(p.title)!;
    t.count++;
  }
  const bySeniority = (g: { titles: Map<string, Omit<CountedTitle, 'title'>> }) =>
    SENIORITY_ORDER.map((seniority) => ({
      seniority,
      count: [...g.titles.values()].filter((t) => (t.attributes.seniority ?? 'unstated') === seniority).reduce((n, t) => n + t.count, 0),
    })).filter((b) => b.count > 0);
  const facts: FactInput[] = [...groups].map(([slug, g]) => ({
    career: { slug },
    key: FACT_KEYS.postings,
    period,
    documentUrl: loaded.documentUrl,
    value: {
      count: g.postings.length,
      occurrences: g.postings.reduce((n, p) => n + p.occurrences, 0),
      salary: summarizeSalary(g.postings),
      topSkills: countSkills(g.postings),
      format,
      titles: [...g.titles].map(([title, t]) => ({ title, ...t })).sort((a, b) => b.count - a.count || a.title.localeCompare(b.title)),
      bySeniority: bySeniority(g),
      remoteInTitle: [...g.titles.values()].filter((t) => t.attributes.remote !== null).reduce((n, t) => n + t.count, 0),
    } satisfies PostingsFact,
  }));
  return {
    careers: [],
    facts,
    rejects: loaded.rejects,
    parsed: loaded.parsed,
    ownedKeys: [FACT_KEYS.postings],
    // A snapshot is one period: later snapshots add to the series.
    periods: [period],
    unmatched: matcher.unmatched(),
  };
}

function summarizeSalary(postings: readonly Posting[]): PostingsFact['salary'] {
  const ranges = postings.map((p) => p.salary).filter((s): s is SalaryRange => s !== null);
  if (ranges.length === 0) return null;
  return {
    min: Math.min(...ranges.map((r) => r.min)),
    median: median(ranges.map((r) => (r.min + r.max) / 2)),
    max: Math.max(...ranges.map((r) => r.max)),
    postings: ranges.length,
  };
}

function countSkills(postings: readonly Posting[]): PostingsFact['topSkills'] {
  const counts = new Map<string, number>();
  for (const p of postings) for (const k of new Set(p.skills)) counts.set(k, (counts.get(k) ?? 0) + 1);
  return [...counts]
    .map(([key, count]) => ({ key, count }))
    .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key))
    .slice(0, TOP_SKILLS);
}
