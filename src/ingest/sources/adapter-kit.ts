/**
 * Small pieces every source adapter uses: fetching a required document, reading options, and
 * matching free-text titles against the career directory once per run.
 */
import { buildSkillTaxonomy, type SkillTaxonomy, type TechSkillRow } from '../../core/skills.js';
import { normalizeText } from '../../core/text-normalize.js';
import { buildTitleMatcher, type MatchMethod, type TitleMatcher } from '../../core/title-match.js';
import type { TitleAttributes } from '../../core/title-normalize.js';
import type { TitleFacts } from '../../core/fact-keys.js';
import { FetchError } from '../fetch/index.js';
import { IngestRejectedError, type AdapterContext, type DirectoryCareer, type SourceDocument, type UnmatchedTitle } from '../types.js';

/**
 * Fetches a document the source cannot do without. A robots.txt refusal of a data file is a
 * permanent failure of the run (retrying will not help), with the rule in the message.
 */
export async function fetchRequired(ctx: AdapterContext, url: string, opts: { robots?: boolean } = {}): Promise<SourceDocument> {
  const doc = await ctx.fetchDocument(url, opts);
  if ('disallowed' in doc) throw new IngestRejectedError(`${url} is disallowed by robots.txt (${doc.rule}); the run stops`);
  return doc;
}

/** True when the server said the document does not exist (404/410): an optional file is absent. */
export function isNotFound(err: unknown): boolean {
  return err instanceof FetchError && err.code === 'http-status' && (err.status === 404 || err.status === 410);
}

/** A string option, or undefined; anything else set under that name is a configuration error. */
export function stringOption(ctx: AdapterContext, name: string): string | undefined {
  const v = ctx.options[name];
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v !== 'string') throw new IngestRejectedError(`source "${ctx.sourceId}": option "${name}" must be a string`);
  return v;
}

/** A list-of-strings option (e.g. `pages`), or undefined. */
export function stringListOption(ctx: AdapterContext, name: string): string[] | undefined {
  const v = ctx.options[name];
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v) || !v.every((x) => typeof x === 'string'))
    throw new IngestRejectedError(`source "${ctx.sourceId}": option "${name}" must be an array of URLs`);
  return v as string[];
}

/** Pages a crawl reads by default, and the most an operator may set (option `maxPages`). */
export const DEFAULT_MAX_PAGES = 100;
const MAX_PAGES_LIMIT = 5_000;

/** Option `maxPages`: how many pages a crawl may add to the configured ones. */
export function maxPagesOption(ctx: AdapterContext): number {
  const { maxPages } = ctx.options;
  if (maxPages !== undefined && (!Number.isInteger(maxPages) || (maxPages as number) < 1 || (maxPages as number) > MAX_PAGES_LIMIT)) {
    throw new IngestRejectedError(`source "${ctx.sourceId}": option "maxPages" must be a whole number from 1 to ${MAX_PAGES_LIMIT}`);
  }
  return (maxPages as number | undefined) ?? DEFAULT_MAX_PAGES;
}

/** The last path segment of a URL, decoded (`…/national_M2021_dl.csv` → `national_M2021_dl.csv`). */
export function fileNameOf(url: string): string {
  try {
    return decodeURIComponent(new URL(url).pathname.split('/').pop() ?? '') || url;
  } catch {
    return url;
  }
}

export interface CareerMatch {
  slug: string;
  confidence: number;
  method: MatchMethod;
  attributes: TitleFacts;
}

/** Title → career, built once per run from the directory; each distinct title is matched once. */
export interface DirectoryMatcher {
  match(title: string): CareerMatch | null;
  /** Titles that found no career, with their counts and best candidates, most frequent first. */
  unmatched(): UnmatchedTitle[];
}

/** The title index of a career directory: the runner reuses the directory while careers are unchanged. */
const titleIndexes = new WeakMap<readonly DirectoryCareer[], TitleMatcher>();
const taxonomies = new WeakMap<readonly TechSkillRow[], SkillTaxonomy>();

/** The skill taxonomy of a run's technology skills, built once per list (the list is reused across runs until it changes). */
export function skillTaxonomyOf(rows: readonly TechSkillRow[]): SkillTaxonomy {
  let taxonomy = taxonomies.get(rows);
  if (!taxonomy) taxonomies.set(rows, (taxonomy = buildSkillTaxonomy(rows)));
  return taxonomy;
}

/**
 * Builds the run's title matcher: an operator's pin first (the title as normalizeText writes it),
 * then the matcher (src/core/title-match.ts) with its default thresholds.
 */
export function buildDirectoryMatcher(careers: readonly DirectoryCareer[], pins: ReadonlyMap<string, string> = new Map()): DirectoryMatcher {
  let matcher = titleIndexes.get(careers);
  if (!matcher) {
    matcher = buildTitleMatcher(
      careers.map((c) => ({
        id: c.slug,
        code: c.onetCode,
        title: c.title,
        aliases: c.aliases,
        aliasEvidence: c.aliasEvidence,
        description: c.description,
        tasks: c.tasks,
      })),
    );
    titleIndexes.set(careers, matcher);
  }
  const cache = new Map<string, CareerMatch | null>();
  const misses = new Map<string, UnmatchedTitle>();
  return {
    match(title) {
      const hit = cache.get(title);
      if (hit !== undefined) {
        if (hit === null) misses.get(title)!.count++;
        return hit;
      }
      const m = matcher.match(title);
      const pinned = pins.get(normalizeText(title));
      const attributes = titleFacts(m.attributes);
      const out: CareerMatch | null = pinned
        ? { slug: pinned, confidence: 1, method: 'pin', attributes }
        : m.matched
          ? { slug: m.careerId, confidence: m.confidence, method: m.method, attributes }
          : null;
      cache.set(title, out);
      if (!out) misses.set(title, { title, count: 1, candidates: m.candidates.map((c) => ({ slug: c.careerId, confidence: c.confidence })) });
      return out;
    },
    unmatched: () => [...misses.values()].sort((a, b) => b.count - a.count || a.title.localeCompare(b.title)),
  };
}

function titleFacts(a: TitleAttributes | null): TitleFacts {
  return {
    seniority: a?.seniority ?? null,
    level: a?.level ?? null,
    location: a?.location ?? null,
    remote: a?.remote ?? null,
    employment: a?.employment ?? null,
  };
}

/** Median of numbers (mean of the two middle values for an even count). */
export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}
