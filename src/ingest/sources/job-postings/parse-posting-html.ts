/**
 * Saved job-posting pages (Greenhouse-backed company career sites such as Vercel's, Next.js
 * rendered) and their listing page → postings. Pure: HTML string in, records out.
 */
import * as cheerio from 'cheerio';
import type { AnyNode } from 'domhandler';
import { assertHtmlTags } from '../../../core/bounds.js';
import { extractSkills, type SkillTaxonomy } from '../../../core/skills.js';
import type { ParseResult } from '../types.js';

export interface PostingPage {
  /** The board's job id: the trailing number of the file name or URL. */
  externalId: string | null;
  /** File name or URL path segment without the id (`data-scientist-us`). */
  slug: string | null;
  title: string;
  /** Countries or regions; from the page when it lists them, else decoded from the slug. */
  locations: string[];
  locationSource: 'page' | 'slug' | null;
  department: string | null;
  employmentType: string | null;
  /** Visible description text, one paragraph or list item per line. */
  description: string;
  /** Canonical skill keys mentioned in the title and description. */
  skills: string[];
}
export interface PostingOptions {
  file?: string;
  url?: string;
  taxonomy?: SkillTaxonomy;
}

/** Region codes used in career-site slugs (`-us-`, `-europe-uk-`, `-apac-`, `-uk-us-`). */
const SLUG_REGIONS: Record<string, string> = {
  us: 'United States',
  uk: 'United Kingdom',
  europe: 'Europe',
  apac: 'APAC',
  amer: 'Americas',
  emea: 'EMEA',
  latam: 'Latin America',
  remote: 'Remote',
};
const EMPLOYMENT = /\b(full[- ]time|part[- ]time|contract(or)?|intern(ship)?|temporary)\b/i;

/** Reads one posting page; a page without a job title is a reject, not a record. */
export function parsePostingPage(html: string, options: PostingOptions = {}): ParseResult<PostingPage> {
  const source = options.url ?? options.file ?? null;
  assertHtmlTags(html, source ?? 'the posting page');
  const $ = cheerio.load(html);
  $('script, style, noscript, svg, template').remove();
  const title = tidy($('h1').first().text()) || stripSiteSuffix(tidy($('title').first().text()));
  if (!title) return { records: [], rejects: [{ line: null, file: options.file, reason: 'no job title (no <h1> or <title>) on the page' }] };
  const { slug, externalId } = readSlug(source);
  const features = $('h1')
    .first()
    .parent()
    .find('[class*="feature"]')
    .toArray()
    .map((el) => $(el));
  const located = features.find((f) => f.find('[class*="location"]').length > 0);
  const pageLocations = located
    ? located
        .find('[class*="location"] span')
        .toArray()
        .map((el) => tidy($(el).text()))
        .filter(Boolean)
    : [];
  const slugLocations = slug ? regionsOf(slug) : [];
  const others = features.filter((f) => f !== located).map((f) => tidy(f.text()));
  const description = readDescription($);
  return {
    records: [
      {
        externalId,
        slug,
        title,
        locations: pageLocations.length ? pageLocations : slugLocations,
        locationSource: pageLocations.length ? 'page' : slugLocations.length ? 'slug' : null,
        department: others.find((t) => !EMPLOYMENT.test(t)) ?? null,
        employmentType: others.find((t) => EMPLOYMENT.test(t)) ?? null,
        description,
        skills: options.taxonomy ? postingSkills({ title, description }, options.taxonomy) : [],
      },
    ],
    rejects: [],
  };
}

/**
 * Lines a site repeats on most of its posting pages (the company blurb, benefits, the equal
 * opportunity statement): any line on more than half of at least three pages. They describe
 * the employer, not the job, so skills are not read from them ("…lead the React ecosystem"
 * is on every Vercel posting, sales roles included).
 */
export function siteBoilerplate(descriptions: readonly string[]): Set<string> {
  if (descriptions.length < 3) return new Set();
  const pages = new Map<string, number>();
  for (const d of descriptions) for (const line of new Set(d.split('\n'))) pages.set(line, (pages.get(line) ?? 0) + 1);
  return new Set([...pages].filter(([, n]) => n * 2 > descriptions.length).map(([line]) => line));
}

/** Canonical skills of a posting from its title and description, leaving out `boilerplate` lines. */
export function postingSkills(
  page: Pick<PostingPage, 'title' | 'description'>,
  taxonomy: SkillTaxonomy,
  boilerplate: ReadonlySet<string> = new Set(),
): string[] {
  const own = page.description
    .split('\n')
    .filter((line) => !boilerplate.has(line))
    .join('\n');
  return extractSkills(`${page.title}\n${own}`, taxonomy);
}

/** `Data Scientist – Vercel` → `Data Scientist` (en dash, em dash, ` - ` or `|` before the site). */
export function stripSiteSuffix(title: string): string {
  return title.replace(/\s*(?:[–—|]|\s-\s)\s*[^–—|]*$/, '').trim() || title;
}

/** `…/data-engineer-europe-uk-us-4674120004.html` → slug `data-engineer-europe-uk-us`, id `4674120004`. */
export function readSlug(source: string | null): { slug: string | null; externalId: string | null } {
  const base =
    source
      ?.split(/[/\\?#]/)
      .filter(Boolean)
      .pop()
      ?.replace(/\.html?$/i, '') ?? '';
  const m = /^(.*?)-?(\d{5,})$/.exec(base);
  return { slug: (m ? m[1] : base) || null, externalId: m?.[2] ?? null };
}

/** Trailing region codes of a slug, in order: `data-engineer-europe-uk-us` → Europe, United Kingdom, United States. */
function regionsOf(slug: string): string[] {
  const parts = slug.split('-');
  let at = parts.length;
  while (at > 1 && SLUG_REGIONS[parts[at - 1]!]) at--;
  return parts.slice(at).map((p) => SLUG_REGIONS[p]!);
}

/** The description block: the element holding most paragraphs and list items, read line by line. */
function readDescription($: cheerio.CheerioAPI): string {
  const container = $('[data-testid*="details"], article, main').first();
  const root = container.length ? container : $('body');
  const lines: string[] = [];
  root.find('h2, h3, h4, p, li').each((_, el: AnyNode) => {
    const node = $(el);
    if (node.is('li') && node.find('p').length) return;
    const text = tidy(node.text());
    if (text) lines.push(text);
  });
  return lines.join('\n');
}

export interface ListingLink {
  url: string;
  slug: string | null;
  externalId: string | null;
  title: string;
  locations: string[];
}

/**
 * Posting links on a careers listing page: anchors to `/careers/<slug>-<id>`, with the card's
 * heading as title and its location line split on commas. `baseUrl` makes links absolute.
 */
export function parseCareersListing(html: string, baseUrl?: string): ListingLink[] {
  assertHtmlTags(html, baseUrl ?? 'the listing page');
  const $ = cheerio.load(html);
  const byId = new Map<string, ListingLink>();
  $('a[href*="/careers/"]').each((_, el) => {
    const a = $(el);
    const href = a.attr('href') ?? '';
    const { slug, externalId } = readSlug(href);
    if (!externalId || byId.has(externalId)) return;
    const title = tidy(a.find('h3, h2, h4').first().text()) || tidy(a.text());
    const where = tidy(a.find('h4').first().text());
    byId.set(externalId, {
      url: baseUrl && URL.canParse(href, baseUrl) ? new URL(href, baseUrl).toString() : href,
      slug,
      externalId,
      title,
      locations: where
        ? where
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean)
        : [],
    });
  });
  return [...byId.values()];
}

function tidy(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
