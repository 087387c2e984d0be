/**
 * Career profile and comparison pages (like futurevocation.pages.dev `/compare/<a>-vs-<b>`) →
 * declared career figures and skills. Pure: HTML in, records out. Fields are read by the
 * meaning of their labels in tables, definition lists or cards; career titles come from the
 * "X vs Y" heading, never from a table header (the seed page's header names the wrong career).
 */
import * as cheerio from 'cheerio';
import { followableLink } from '../links.js';
import { assertHtmlTags } from '../../../core/bounds.js';
import { cleanSkillName } from '../../../core/skills.js';
import { slugify } from '../../../core/text-normalize.js';
import type { ParseResult, Reject } from '../types.js';
import { applyValue, emptyFigures, recognizeLabel, type DeclaredFigures } from './fields.js';
import { collectLabeledRows, collectSkillLists } from './layout.js';

export interface DeclaredCareer {
  title: string;
  slug: string;
  category: string | null;
  declared: DeclaredFigures;
  /** The career's skills as the page writes them (its own list, then the shared list). */
  skills: string[];
}
export interface CareerPageOptions {
  url?: string;
  file?: string;
}

/** A page must carry at least this many of the 8 figures per career to count as recognised. */
const MIN_FIGURES = 5;
const FIGURE_COUNT = 8;

/**
 * Reads a profile page (one record) or a comparison page (two, in heading order), from its
 * HTML or from a document already loaded (a crawl reads its links from the same one). A page
 * whose layout is not recognised yields no records and one reject saying why.
 */
export function parseCareerPage(page: string | cheerio.CheerioAPI, options: CareerPageOptions = {}): ParseResult<DeclaredCareer> {
  const file = options.url ?? options.file;
  const reject = (reason: string): ParseResult<DeclaredCareer> => ({
    records: [],
    rejects: [{ line: null, file, reason: `layout not recognised: ${reason}` }],
  });
  const $ = typeof page === 'string' ? loadCareerPage(page, file) : page;
  $('script, style, noscript, template').remove();
  const titles = readTitles($);
  if (!titles.length) return reject('no career title heading (an <h1>, or "X vs Y" for a comparison)');
  const n = titles.length;
  const figures = titles.map(() => emptyFigures());
  const categories: (string | null)[] = titles.map(() => null);
  const rejects: Reject[] = [];
  const seen = new Set<string>();
  for (const row of collectLabeledRows($)) {
    const field = recognizeLabel(row.label);
    if (!field || seen.has(field) || row.values.length < n) continue;
    seen.add(field);
    row.values.slice(0, n).forEach((value, i) => {
      if (field === 'category') {
        categories[i] = value || null;
        return;
      }
      if (!applyValue(figures[i]!, field, value)) rejects.push({ line: null, file, reason: `${titles[i]}: "${row.label}" value "${value}" is not readable` });
    });
  }
  const found = figures.map(countFigures);
  if (Math.min(...found) < MIN_FIGURES) {
    return reject(
      `found ${Math.min(...found)} of ${FIGURE_COUNT} labelled figures (salary, demand, AI risk, learning curve, difficulty, entry barrier, remote, coding)`,
    );
  }
  fillCategories($, categories);
  const skills = readSkills($, titles);
  const records = titles.map((title, i) => ({
    title,
    slug: slugify(title),
    category: categories[i]!,
    declared: figures[i]!,
    skills: skills[i]!,
  }));
  return { records, rejects };
}

/** Titles from the first heading reading "X vs Y" (comparison), else the first <h1> (profile). */
function readTitles($: cheerio.CheerioAPI): string[] {
  const headings = $('h1, h2, h3')
    .toArray()
    .map((h) => cleanSkillName($(h).text()));
  for (const h of headings) {
    const m = /^(.+?)\s+(?:vs\.?|versus)\s+(.+)$/i.exec(h);
    if (m) return [m[1]!.trim(), m[2]!.trim()];
  }
  const h1 = cleanSkillName($('h1').first().text());
  return h1 ? [h1] : [];
}

function countFigures(f: DeclaredFigures): number {
  return [f.salaryMin, f.demandScore, f.aiRiskPct, f.learningCurveMonths, f.difficulty, f.entryBarrier, f.remoteFriendly, f.requiresCoding].filter(
    (v) => v !== null,
  ).length;
}

/** Without a "Category" row, use category badges: one per career, or one shared by all. */
function fillCategories($: cheerio.CheerioAPI, categories: (string | null)[]): void {
  if (categories.some((c) => c !== null)) return;
  const badges = $('[class*="category"], [class*="badge"]')
    .toArray()
    .map((el) => cleanSkillName($(el).text()))
    .filter(Boolean);
  if (badges.length === categories.length)
    badges.forEach((b, i) => {
      categories[i] = b;
    });
  else if (badges.length === 1) categories.fill(badges[0]!);
}

/** Skill lists by heading: "<title> Only" per career, "Shared"/"Common" for both, "Skills" on a profile. */
function readSkills($: cheerio.CheerioAPI, titles: string[]): string[][] {
  const own = titles.map(() => [] as string[]);
  const shared: string[] = [];
  const byLength = titles.map((t, i) => ({ t: t.toLowerCase(), i })).sort((a, b) => b.t.length - a.t.length);
  for (const { heading, items } of collectSkillLists($)) {
    const h = heading.toLowerCase();
    const real = items.filter((s) => !/^no (shared |common )?skills\b/i.test(s));
    if (/\b(shared|common|both|overlap)\b/.test(h) && /\bskill|\bshared\b/.test(h)) {
      shared.push(...real);
      continue;
    }
    if (!/\bonly\b|\bskills?\b/.test(h)) continue;
    const who = titles.length === 1 ? { i: 0 } : byLength.find(({ t }) => h.includes(t));
    if (who) own[who.i]!.push(...real);
  }
  return own.map((list) => [...new Set([...list, ...shared])]);
}

/** Loads a page once for `careerPageLinks` and `parseCareerPage`; a page of more than MAX_HTML_TAGS tags throws InputTooLargeError. */
export function loadCareerPage(html: string, what?: string): cheerio.CheerioAPI {
  assertHtmlTags(html, what);
  return cheerio.load(html);
}

/**
 * Links of a page to other pages of the same site whose path `pattern` matches (absolute,
 * without fragment or query), in page order, each once: what a crawl of a career site follows.
 * Links to other sites, other schemes or from a non-http page are not followed; malformed
 * links whose path matches come back in `refused` with their reason (a reject, not a failure).
 */
export function careerPageLinks($: cheerio.CheerioAPI, pageUrl: string, pattern: RegExp): { links: string[]; refused: string[] } {
  const out = new Set<string>();
  const refused = new Set<string>();
  $('a[href]').each((_, el) => {
    const href = $(el).attr('href') ?? '';
    const verdict = followableLink(href, pageUrl);
    if ('refused' in verdict) {
      // Only links the crawl was asked to follow are worth a reject; a page links to many other things.
      if (verdict.refused === 'malformed' && pattern.test(pathOf(href))) refused.add(verdict.reason);
      return;
    }
    const url = new URL(verdict.url);
    if (!pattern.test(url.pathname)) return;
    url.search = '';
    out.add(url.toString());
  });
  return { links: [...out], refused: [...refused] };
}

/** The path part of an href, for matching a link that cannot be resolved. */
function pathOf(href: string): string {
  return href.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, '').replace(/[?#].*$/, '');
}
