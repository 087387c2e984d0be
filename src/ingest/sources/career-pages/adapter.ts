/**
 * Career pages of a career site (profile and `/compare/<a>-vs-<b>` pages), crawled politely:
 * the source URL, or the pages listed in option `pages` (resolved against it). Each page's
 * careers become careers of their own (no O*NET code) with a `declared` fact holding the
 * figures and skills the page states. A page whose layout is not recognised is a reject, so
 * a site redesign fails the run (past the reject threshold) instead of writing empty careers.
 */
import { FACT_KEYS, type DeclaredFact } from '../../fact-keys.js';
import type { CareerInput, FactInput, Reject, SourceAdapter } from '../../types.js';
import { stringListOption } from '../adapter-kit.js';
import { parseCareerPage, type DeclaredCareer } from './parse.js';

/**
 * Career pages carry no date, and a fetch date would make every run a new fact: the period is
 * the constant `site`, and the content hash tells when a page's figures changed.
 */
export const DECLARED_PERIOD = 'site';

export const careerPagesAdapter: SourceAdapter = {
  kind: 'career-pages',
  version: 1,
  async load(ctx) {
    const pages = (stringListOption(ctx, 'pages') ?? [ctx.url]).map((p) => new URL(p, ctx.url).toString());
    const rejects: Reject[] = [];
    const found: { career: DeclaredCareer; url: string }[] = [];
    let changed = false;
    for (const url of pages) {
      const doc = await ctx.fetchDocument(url, { robots: true });
      if ('disallowed' in doc) { rejects.push({ line: null, file: url, reason: `disallowed by robots.txt (${doc.rule}); not fetched` }); continue; }
      changed ||= doc.changed;
      const page = parseCareerPage(doc.body.toString('utf8'), { url });
      rejects.push(...page.rejects);
      for (const career of page.records) found.push({ career, url });
    }
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
        if (JSON.stringify(before) !== JSON.stringify(now)) ctx.log.warn({ url, career: career.title, kept: (seen.value as DeclaredFact).pageUrl }, 'a career page states other figures than an earlier page; the earlier ones are kept');
        continue;
      }
      facts.set(career.slug, { career: { slug: career.slug }, key: FACT_KEYS.declared, period: DECLARED_PERIOD, value, documentUrl: url });
      if (!onetSlugs.has(career.slug)) {
        careers.set(career.slug, {
          onetCode: null, slug: career.slug, title: career.title, description: '', category: career.category ?? 'Uncategorized', origin: 'career-page', aliases: [],
        });
      }
    }
    // Records read: each page, and each figure and skill on it (so one unreadable figure is one reject among many).
    const parsed = pages.length + found.reduce((n, f) => n + 8 + f.career.skills.length, 0);
    return { careers: [...careers.values()], facts: [...facts.values()], rejects, parsed, ownedKeys: [FACT_KEYS.declared] };
  },
};
