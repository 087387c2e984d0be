/**
 * The word index behind title matching: every career name as weighted words, IDF, trigrams for
 * unknown words, per-career word profiles, and the IDF-weighted Dice score of fuzzy matches. Pure.
 */

export interface NameEntry {
  careerId: string;
  via: string;
  words: string[];
  weight: number;
  isTitle: boolean;
}
export interface WordIndex {
  entries: NameEntry[];
  postings: Map<string, number[]>;
  idf: Map<string, number>;
  trigrams: Map<string, string[]>;
  /** Per career: how often each word appears across its names (the title weighted up). */
  profiles: Map<string, Map<string, number>>;
  /** Unknown query word → its closest known word (or null): titles repeat words, so each is looked up once. */
  closest: Map<string, { word: string; sim: number } | null>;
}

/** Posting lists longer than this are only used to score, not to find candidates. */
const COMMON_WORD_POSTINGS = 2000;
/** Minimum trigram similarity for an unknown query word to stand for a known one. */
const MIN_WORD_SIMILARITY = 0.6;
/** A career's own title counts this many times more than one of its aliases. */
const TITLE_WEIGHT = 3;
/** Bound on the unknown-word memo: free text can bring any number of new words. */
const MAX_CLOSEST = 50_000;

export function buildWordIndex(names: { key: string; careerId: string; words: string[]; isTitle: boolean }[]): WordIndex {
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
  const profiles = new Map<string, Map<string, number>>();
  for (const e of entries) {
    const p = profiles.get(e.careerId) ?? profiles.set(e.careerId, new Map()).get(e.careerId)!;
    for (const w of e.words) p.set(w, (p.get(w) ?? 0) + (e.isTitle ? TITLE_WEIGHT : 1));
  }
  return { entries, postings, idf, trigrams, profiles, closest: new Map() };
}

/** How much a career's names use these words; squared IDF and log counts, so a rare shared word outweighs common ones. */
export function scoreAffinity(index: WordIndex, careerId: string, words: readonly string[]): number {
  const profile = index.profiles.get(careerId);
  if (!profile) return 0;
  return words.reduce((sum, w) => sum + (index.idf.get(w) ?? 0) ** 2 * Math.log1p(profile.get(w) ?? 0), 0);
}

function trigramsOf(word: string): Set<string> {
  const padded = `  ${word} `;
  const out = new Set<string>();
  for (let i = 0; i + 3 <= padded.length; i++) out.add(padded.slice(i, i + 3));
  return out;
}

/** Known word closest to an unknown one (typos, `engineering` vs `engineer`), with similarity. */
function closestWord(index: WordIndex, word: string): { word: string; sim: number } | null {
  const memo = index.closest.get(word);
  if (memo !== undefined) return memo;
  const grams = trigramsOf(word);
  const shared = new Map<string, number>();
  for (const g of grams) for (const w of index.trigrams.get(g) ?? []) shared.set(w, (shared.get(w) ?? 0) + 1);
  let best: { word: string; sim: number } | null = null;
  for (const [w, n] of shared) {
    // Dice over trigram sets; a word has at most length + 1 distinct padded trigrams.
    const sim = (2 * n) / (grams.size + w.length + 1);
    if (sim >= MIN_WORD_SIMILARITY && (!best || sim > best.sim)) best = { word: w, sim };
  }
  if (index.closest.size >= MAX_CLOSEST) index.closest.clear();
  index.closest.set(word, best);
  return best;
}

export interface FuzzyHit {
  careerId: string;
  score: number;
  via: string;
}

/**
 * Best-scoring careers for the words: IDF-weighted Dice between the words and each name. With
 * `role`, only names using that word count (the title's role word: a Data Scientist is not a
 * Data Entry Keyer), which also keeps the candidate set small.
 */
export function scoreFuzzy(index: WordIndex, queryWords: readonly string[], limit: number, role?: string): FuzzyHit[] {
  const query = new Map<string, number>();
  let queryWeight = 0;
  let mustHave: string | null = null;
  for (const raw of new Set(queryWords)) {
    const known = index.idf.has(raw) ? { word: raw, sim: 1 } : closestWord(index, raw);
    // An unknown word still counts against the match: it is part of what the title says.
    queryWeight += known ? index.idf.get(known.word)! : Math.log(1 + index.entries.length);
    if (known) query.set(known.word, Math.max(query.get(known.word) ?? 0, known.sim));
    if (raw === role) mustHave = known?.word ?? '';
  }
  if (!query.size || mustHave === '') return [];
  const words = [...query.keys()].sort((a, b) => index.postings.get(a)!.length - index.postings.get(b)!.length);
  const rare = words.filter((w, i) => (i === 0 && mustHave === null) || (w !== mustHave && index.postings.get(w)!.length <= COMMON_WORD_POSTINGS));
  const best = new Map<string, { score: number; via: string }>();
  const seen = new Set<number>();
  for (const w of rare) {
    for (const at of index.postings.get(w)!) {
      if (seen.has(at)) continue;
      seen.add(at);
      const e = index.entries[at]!;
      if (mustHave !== null && !e.words.includes(mustHave)) continue;
      let shared = 0;
      for (const x of e.words) shared += (query.get(x) ?? 0) * index.idf.get(x)!;
      const score = (2 * shared) / (queryWeight + e.weight);
      const prev = best.get(e.careerId);
      if (!prev || score > prev.score) best.set(e.careerId, { score, via: e.via });
    }
  }
  return [...best]
    .map(([careerId, v]) => ({ careerId, ...v }))
    .sort((a, b) => b.score - a.score || a.careerId.localeCompare(b.careerId))
    .slice(0, limit);
}
