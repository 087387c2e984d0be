/**
 * Career pages of a career site (profile and `/compare/<a>-vs-<b>` pages), crawled politely:
 * the source URL, or the pages listed in option `pages` (resolved against it), and with option
 * `follow` the site's pages they link to (a listing such as `/compare` leads to every
 * comparison), breadth first, at most `maxPages` in all. Each page's
 * careers become careers of their own (no O*NET code) with a `declared` fact holding the
 * figures and skills the page states. A page whose layout is not recognised is a reject, so
 * a site redesign fails the run (past the reject threshold) instead of writing empty careers.
 */
import { decodeHtml } from '../../../core/html-decode.js';
import { FACT_KEYS, type DeclaredFact } from '../../../core/fact-keys.js';
import { IngestRejectedError, type AdapterContext, type CareerInput, type FactInput, type Reject, type SourceAdapter } from '../../types.js';
import { isNotFound, maxPagesOption, stringListOption } from '../adapter-kit.js';
import { careerPageLinks, loadCareerPage, parseCareerPage, type DeclaredCareer } from './parse.js';

/** Paths a crawl follows with `follow: true`: comparison pages, `/compare/<a>-vs-<b>`. */
export const DEFAULT_FOLLOW = /^\/compare\/[^/]+-vs-[^/]+\/?$/;

/** Which links to follow (option `follow`: true for comparison pages, or a regular expression over paths) and how far. */
function crawlOptions(ctx: AdapterContext): { follow: RegExp | null; maxPages: number } {
  const { follow } = ctx.options;
  let pattern: RegExp | null = null;
  if (follow === true) pattern = DEFAULT_FOLLOW;
  else if (typeof follow === 'string' && follow !== '') {
    try {
      pattern = new RegExp(follow);
    } catch (err) {
      throw new IngestRejectedError(`source "${ctx.sourceId}": option "follow" is not a valid regular expression: ${(err as Error).message}`);
    }
  } else if (follow !== undefined && follow !== null && follow !== false) {
    throw new IngestRejectedError(`source "${ctx.sourceId}": option "follow" must be true, false or a regular expression over link paths`);
  }
  return { follow: pattern, maxPages: maxPagesOption(ctx) };
}

function configuredPage(ctx: AdapterContext, page: string): string {
  if (!URL.canParse(page, ctx.url))
    throw new IngestRejectedError(`source "${ctx.sourceId}": option "pages" holds ${JSON.stringify(page.slice(0, 200))}, which is not a URL`);
  return new URL(page, ctx.url).toString();
}

/**
 * Career pages carry no date, and a fetch date would make every run a new fact: the period is
 * the constant `site`, and the content hash tells when a page's figures changed.
 */
export const DECLARED_PERIOD = 'site';

export const careerPagesAdapter: SourceAdapter = {
  kind: 'career-pages',
  version: 3, // 2: malformed links are rejects; links of file: pages are not followed; 3: slugs transliterate (any-ascii)
  async load(ctx) {
    const { follow, maxPages } = crawlOptions(ctx);
    const pages = (stringListOption(ctx, 'pages') ?? [ctx.url]).map((p) => configuredPage(ctx, p));
    const queue = [...pages];
    const queued = new Set(queue);
    const rejects: Reject[] = [];
    const found: { career: DeclaredCareer; url: string }[] = [];
    let changed = false;
    let read = 0;
    // maxPages bounds what a crawl adds: the configured pages are always read.
    const limit = Math.max(maxPages, pages.length);
    while (queue.length > 0 && read < limit) {
      const url = queue.shift()!;
      read++;
      const doc = await ctx.fetchDocument(url, { robots: true }).catch((err: unknown) => {
        // A followed link to a page taken down is a reject; a configured page that is gone fails the run.
        if (isNotFound(err) && !pages.includes(url)) return null;
        throw err;
      });
      if (doc === null) {
        rejects.push({ line: null, file: url, reason: 'linked page not found (404/410); skipped' });
        continue;
      }
      if ('disallowed' in doc) {
        rejects.push({ line: null, file: url, reason: `disallowed by robots.txt (${doc.rule}); not fetched` });
        continue;
      }
      changed ||= doc.changed;
      const $ = loadCareerPage(decodeHtml(doc.body, doc.contentType), doc.url);
      const { links, refused } = follow ? careerPageLinks($, url, follow) : { links: [], refused: [] };
      rejects.push(...refused.map((reason) => ({ line: null, file: url, reason })));
      const page = parseCareerPage($, { url });
      for (const link of links) {
        if (!queued.has(link)) {
          queued.add(link);
          queue.push(link);
        }
      }
      // A listing (no careers of its own, links to career pages) is not a page the site redesigned.
      if (page.records.length === 0 && links.length > 0) continue;
      rejects.push(...page.rejects);
      for (const career of page.records) found.push({ career, url });
    }
    if (queue.length > 0) ctx.log.warn({ maxPages: limit, left: queue.length }, 'the crawl stopped at maxPages; raise it to read the rest of the site');
    if (!changed && rejects.length === 0) return 'unchanged';
    // A career on an O*NET slug keeps its O*NET row: the page adds its declared figures only.
    const onetSlugs = new Set((await ctx.careerDirectory()).filter((c) => c.onetCode !== null).map((c) => c.slug));
    const careers = new Map<string, CareerInput>();
    const facts = new Map<string, FactInput>();
    for (const { career, url } of found) {
      const value: DeclaredFact = { ...career.declared, currency: 'USD', category: career.category, skills: career.skills, pageUrl: url };
      const seen = facts.get(career.slug);
      if (seen) {
        // The same career on several pages (A vs B, A vs C): the first page's figures stand.
        const { pageUrl: _a, ...before } = seen.value as DeclaredFact;
        const { pageUrl: _b, ...now } = value;
        if (JSON.stringify(before) !== JSON.stringify(now))
          ctx.log.warn(
            { url, career: career.title, kept: (seen.value as DeclaredFact).pageUrl },
            'a career page states other figures than an earlier page; the earlier ones are kept',
          );
        continue;
      }
      facts.set(career.slug, { career: { slug: career.slug }, key: FACT_KEYS.declared, period: DECLARED_PERIOD, value, documentUrl: url });
      if (!onetSlugs.has(career.slug)) {
        careers.set(career.slug, {
          onetCode: null,
          slug: career.slug,
          title: career.title,
          description: '',
          category: career.category ?? 'Uncategorized',
          origin: 'career-page',
          aliases: [],
        });
      }
    }
    // Records read: each page, and each figure and skill on it (so one unreadable figure is one reject among many).
    const parsed = read + found.reduce((n, f) => n + 8 + f.career.skills.length, 0);
    // Careers no page states any more lose their figures only when every page was read: a
    // crawl cut short by maxPages, or a page that could not be read, may hold the rest.
    const complete = queue.length === 0 && rejects.length === 0;
    return { careers: [...careers.values()], facts: [...facts.values()], rejects, parsed, ownedKeys: complete ? [FACT_KEYS.declared] : [] };
  },
};
