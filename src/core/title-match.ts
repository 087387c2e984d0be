/**
 * Job title → career matching over a list of careers with aliases (O*NET: 1,016 careers,
 * ~57k alternate titles). The index is built once; one lookup is two map reads plus, for
 * fuzzy matches, a weighted word-overlap score over the few entries sharing a rare word.
 */
import { hasTitleAbbreviation, normalizeTitle, normalizeTitleWords, stripTitleQualifiers } from './text-normalize.js';

export interface CareerTitles {
  id: string;
  title: string;
  aliases: string[];
  /** Per alias (same order), how strongly the source ties it to this career; 1 each when absent. */
  aliasEvidence?: number[];
}
export type MatchMethod = 'title' | 'alias' | 'fuzzy';
export interface MatchCandidate { careerId: string; title: string; confidence: number; via: string }
export type TitleMatch =
  | { matched: true; careerId: string; title: string; confidence: number; method: MatchMethod; via: string; candidates: MatchCandidate[] }
  | { matched: false; candidates: MatchCandidate[] };

export interface TitleMatcherOptions {
  /** Lowest confidence (0..1) accepted as a match; below it the result is unmatched. Default 0.75. */
  threshold?: number;
  /** How many candidates to return with a result. Default 3. */
  maxCandidates?: number;
}

export interface TitleMatcher {
  /** Matches one free-text job title. */
  match(title: string): TitleMatch;
  readonly careerCount: number;
}

/** Confidence of an exact title hit and of an alias hit (lower when the alias is shared). */
const TITLE_CONFIDENCE = 1;
const ALIAS_CONFIDENCE = 0.95;
const SHARED_ALIAS_CONFIDENCE = 0.9;

/**
 * Builds the matching index once. Order of lookup: exact career title → exact alias → fuzzy
 * (IDF-weighted word overlap with typo-tolerant words), each on the full title and then on
 * the title without qualifiers ("Data Scientist – Vercel" → "Data Scientist"). An alias
 * several careers share goes to the career whose names use its words most, weighed by the
 * evidence for the alias (see `pick`).
 */
export function buildTitleMatcher(careers: readonly CareerTitles[], options: TitleMatcherOptions = {}): TitleMatcher {
  const threshold = options.threshold ?? 0.75;
  const maxCandidates = options.maxCandidates ?? 3;
  const byId = new Map(careers.map((c) => [c.id, c]));
  const titles = new Map<string, string[]>();
  const aliases = new Map<string, string[]>();
  const evidence = new Map<string, Map<string, number>>();
  const names: { key: string; careerId: string; words: string[]; isTitle: boolean }[] = [];
  for (const career of careers) {
    const titleWords = normalizeTitleWords(career.title);
    addKey(titles, titleWords.join(' '), career.id);
    names.push({ key: career.title, careerId: career.id, words: titleWords, isTitle: true });
    for (const [i, alias] of career.aliases.entries()) {
      const weight = career.aliasEvidence?.[i] ?? 1;
      for (const variant of aliasVariants(alias)) {
        // The exact-lookup key is these words joined (normalizeTitle): normalized once.
        const words = normalizeTitleWords(variant);
        const key = words.join(' ');
        addKey(aliases, key, career.id);
        if (key) {
          const byCareer = evidence.get(key) ?? evidence.set(key, new Map()).get(key)!;
          byCareer.set(career.id, Math.max(byCareer.get(career.id) ?? 0, weight));
        }
        names.push({ key: variant, careerId: career.id, words, isTitle: false });
      }
    }
  }
  const index = buildWordIndex(names);
  const profiles = buildCareerProfiles(index);

  function candidate(careerId: string, confidence: number, via: string): MatchCandidate {
    return { careerId, title: byId.get(careerId)!.title, confidence: round3(confidence), via };
  }

  function exact(text: string): TitleMatch | null {
    const key = normalizeTitle(text);
    if (!key) return null;
    const hitTitle = titles.get(key);
    if (hitTitle) return pick(hitTitle, TITLE_CONFIDENCE, 'title', key);
    const hitAlias = aliases.get(key);
    if (hitAlias) return pick(hitAlias, hitAlias.length > 1 ? SHARED_ALIAS_CONFIDENCE : ALIAS_CONFIDENCE, 'alias', key);
    return null;
  }

  /**
   * Several careers share a name (O*NET lists "Data Analyst" under nine): prefer the career
   * whose own title and other names use the name's words most (rare words weigh more), scaled
   * by the square root of the evidence for the name (sources listing it, incumbents reporting
   * it). Evidence alone would send "Developers" to photographic film developers; words alone
   * send "Data Engineer" to Data Scientists where O*NET's own evidence says Database Architects.
   */
  function pick(ids: string[], confidence: number, method: MatchMethod, key: string): TitleMatch {
    const words = key.split(' ');
    const weight = method === 'alias' ? evidence.get(key) : undefined;
    const score = new Map(ids.map((id) => [id, scoreAffinity(index, profiles.get(id), words) * Math.sqrt(Math.max(1, weight?.get(id) ?? 1))]));
    const ranked = [...ids].sort((a, b) => score.get(b)! - score.get(a)! || a.localeCompare(b));
    const best = ranked[0]!;
    const candidates = ranked.slice(0, maxCandidates).map((id) => candidate(id, confidence, key));
    return { matched: true, careerId: best, title: byId.get(best)!.title, confidence, method, via: key, candidates };
  }

  function match(title: string): TitleMatch {
    const core = stripTitleQualifiers(title);
    const hit = exact(title) ?? (core !== title.trim() ? exact(core) : null);
    if (hit) return hit;
    const scored = scoreFuzzy(index, normalizeTitleWords(core || title), maxCandidates);
    const candidates = scored.map((s) => candidate(s.careerId, s.score, s.via));
    const best = candidates[0];
    if (best && best.confidence >= threshold) {
      return { matched: true, careerId: best.careerId, title: best.title, confidence: best.confidence, method: 'fuzzy', via: best.via, candidates };
    }
    return { matched: false, candidates };
  }

  return { match, careerCount: careers.length };
}

/**
 * O*NET writes "AI Engineer (Artificial Intelligence Engineer)": index both spellings, but
 * when they disagree after our abbreviation expansion trust the spelled-out one
 * ("Artificial Insemination Technician (AI Technician)" must not become an AI job).
 */
function aliasVariants(alias: string): string[] {
  const inner = /\(([^)]+)\)/.exec(alias)?.[1]?.trim();
  const outer = alias.replace(/\([^)]*\)/g, ' ').trim();
  if (!inner || !outer) return [alias];
  if (normalizeTitle(outer) === normalizeTitle(inner)) return [outer];
  const plain = [outer, inner].filter((v) => !hasTitleAbbreviation(v));
  return plain.length ? plain : [outer, inner];
}

function addKey(map: Map<string, string[]>, key: string, id: string): void {
  if (!key) return;
  const list = map.get(key);
  if (!list) map.set(key, [id]);
  else if (!list.includes(id)) list.push(id);
}

/** A career's own title counts this many times more than one of its aliases. */
const TITLE_WEIGHT = 3;

/** Per career: how often each word appears across its names (the title weighted up). */
function buildCareerProfiles(index: WordIndex): Map<string, Map<string, number>> {
  const profiles = new Map<string, Map<string, number>>();
  for (const e of index.entries) {
    const p = profiles.get(e.careerId) ?? profiles.set(e.careerId, new Map()).get(e.careerId)!;
    for (const w of e.words) p.set(w, (p.get(w) ?? 0) + (e.isTitle ? TITLE_WEIGHT : 1));
  }
  return profiles;
}

function scoreAffinity(index: WordIndex, profile: Map<string, number> | undefined, words: string[]): number {
  if (!profile) return 0;
  // Squared IDF and log counts: a rare shared word ("machine") outweighs many common ones ("engineer").
  return words.reduce((sum, w) => sum + (index.idf.get(w) ?? 0) ** 2 * Math.log1p(profile.get(w) ?? 0), 0);
}

function round3(n: number): number {
  return Math.round(n * 1000) / 1000;
}

// ---- fuzzy scoring: IDF-weighted Dice over words, with trigram lookup for unknown words ----

interface NameEntry { careerId: string; via: string; words: string[]; weight: number; isTitle: boolean }
interface WordIndex {
  entries: NameEntry[];
  postings: Map<string, number[]>;
  idf: Map<string, number>;
  trigrams: Map<string, string[]>;
}

/** Posting lists longer than this are only used to score, not to find candidates. */
const COMMON_WORD_POSTINGS = 2000;
/** Minimum trigram similarity for an unknown query word to stand for a known one. */
const MIN_WORD_SIMILARITY = 0.6;

function buildWordIndex(names: { key: string; careerId: string; words: string[]; isTitle: boolean }[]): WordIndex {
  const entries: NameEntry[] = [];
  const postings = new Map<string, number[]>();
  for (const n of names) {
    const words = [...new Set(n.words)];
    if (!words.length) continue;
    const at = entries.push({ careerId: n.careerId, via: n.key, words, weight: 0, isTitle: n.isTitle }) - 1;
    for (const w of words) (postings.get(w) ?? postings.set(w, []).get(w)!).push(at);
  }
  const idf = new Map<string, number>();
  for (const [w, list] of postings) idf.set(w, Math.log(1 + entries.length / list.length));
  for (const e of entries) e.weight = e.words.reduce((sum, w) => sum + idf.get(w)!, 0);
  const trigrams = new Map<string, string[]>();
  for (const w of postings.keys()) for (const g of trigramsOf(w)) (trigrams.get(g) ?? trigrams.set(g, []).get(g)!).push(w);
  return { entries, postings, idf, trigrams };
}

function trigramsOf(word: string): Set<string> {
  const padded = `  ${word} `;
  const out = new Set<string>();
  for (let i = 0; i + 3 <= padded.length; i++) out.add(padded.slice(i, i + 3));
  return out;
}

/** Known word closest to an unknown one (typos, `engineering` vs `engineer`), with similarity. */
function closestWord(index: WordIndex, word: string): { word: string; sim: number } | null {
  const grams = trigramsOf(word);
  const shared = new Map<string, number>();
  for (const g of grams) for (const w of index.trigrams.get(g) ?? []) shared.set(w, (shared.get(w) ?? 0) + 1);
  let best: { word: string; sim: number } | null = null;
  for (const [w, n] of shared) {
    const sim = (2 * n) / (grams.size + trigramsOf(w).size);
    if (sim >= MIN_WORD_SIMILARITY && (!best || sim > best.sim)) best = { word: w, sim };
  }
  return best;
}

function scoreFuzzy(index: WordIndex, queryWords: string[], limit: number): { careerId: string; score: number; via: string }[] {
  const query = new Map<string, number>();
  let queryWeight = 0;
  for (const raw of new Set(queryWords)) {
    const known = index.idf.has(raw) ? { word: raw, sim: 1 } : closestWord(index, raw);
    // An unknown word still counts against the match: it is part of what the title says.
    queryWeight += known ? index.idf.get(known.word)! : Math.log(1 + index.entries.length);
    if (known) query.set(known.word, Math.max(query.get(known.word) ?? 0, known.sim));
  }
  if (!query.size) return [];
  const words = [...query.keys()].sort((a, b) => index.postings.get(a)!.length - index.postings.get(b)!.length);
  const rare = words.filter((w, i) => i === 0 || index.postings.get(w)!.length <= COMMON_WORD_POSTINGS);
  const found = new Set<number>();
  for (const w of rare) for (const at of index.postings.get(w)!) found.add(at);
  const best = new Map<string, { score: number; via: string }>();
  for (const at of found) {
    const e = index.entries[at]!;
    let shared = 0;
    for (const w of e.words) shared += (query.get(w) ?? 0) * index.idf.get(w)!;
    const score = (2 * shared) / (queryWeight + e.weight);
    const prev = best.get(e.careerId);
    if (!prev || score > prev.score) best.set(e.careerId, { score, via: e.via });
  }
  return [...best]
    .map(([careerId, v]) => ({ careerId, ...v }))
    .sort((a, b) => b.score - a.score || a.careerId.localeCompare(b.careerId))
    .slice(0, limit);
}
