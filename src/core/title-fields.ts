/**
 * What each career's own text says it works on: a TF-IDF vocabulary over O*NET's words for the
 * occupation (its title and other names, description and task statements), so a generic title
 * with a field ("Scientist, Toxicology") can rank the careers that answer to its role word by
 * how much their work is about that field. Built once per matcher. Pure.
 */
import { normalizeText, singularizeWord } from './text-normalize.js';

export interface CareerText {
  id: string;
  title: string;
  aliases: readonly string[];
  /** O*NET's description of the occupation. */
  description?: string | null;
  /** O*NET's task statements of the occupation. */
  tasks?: readonly string[] | null;
}

export interface FieldScore {
  careerId: string;
  score: number;
}

export interface FieldVocabulary {
  /** Field text → its terms (stemmed, function words and numbers dropped). */
  terms(text: string): string[];
  /**
   * The careers among `candidates` whose text is most about the terms, best first. Each term
   * (weighted by its rarity) counts the career's own use of it plus the closeness of the
   * career's text to the texts of the careers that use it most: a field O*NET names only under
   * physicians ("hematology") still tells a medical scientist from a chemist. The sum is
   * multiplied by `prior(id)` (how strongly the career answers to the title's role). Careers with
   * no evidence, and terms no career uses, are left out.
   */
  rank(terms: readonly string[], candidates: Iterable<string>, prior?: (id: string) => number): FieldScore[];
}

/** Words that say nothing about a field. */
const STOP = new Set(
  `a an and or of the to for in on at by with from as into onto over under about within without via per than
then such other others including include includes related e g i ie etc use using used may can must also all any each both
more most less least some not no nor its it their them they this that these those who whom which what when where how
new non based level levels type types area areas various specific general`.split(/\s+/),
);

/** Names count this many times their words: an occupation's names say its field most directly. */
const NAME_WEIGHT = 2;
/** Shortest beginning two terms must share to stand for each other. */
const MIN_SHARED_PREFIX = 5;
/** Two terms sharing a beginning stand for each other when one is the other's beginning, or they share this much of the shorter (and 7 letters). */
const SHARED_SHARE = 0.85;
const MIN_SHARED_LETTERS = 7;
/** A field's profile is read from at most this many careers using the term most, and keeps its strongest terms. */
const PROFILE_CAREERS = 50;
const PROFILE_TERMS = 200;
/** Bound on remembered term expansions and field profiles (free text brings any number of words). */
const MAX_REMEMBERED = 10_000;

/** Derivational endings folded so a field and its practitioner meet: toxicology, toxicologist → toxicolog. */
const ENDINGS: [RegExp, string][] = [
  [/olog(?:y|ist|ists|ical|ically|ic|ies)$/, 'olog'],
  [/omet(?:rics|ric|rist|rician|ry)$/, 'omet'],
  [/ograph(?:y|er|ers|ic|ical)$/, 'ograph'],
  [/(?:istry|ist|ism)$/, ''],
  [/(?:ically|ical|ician|ic)$/, ''],
  [/(?:ations|ation)$/, ''],
  [/(?:ments|ment)$/, ''],
  [/(?:ities|ity)$/, ''],
  [/(?:ing|ed)$/, ''],
  [/(?:al|ally)$/, ''],
  [/(?:ive|ous)$/, ''],
  [/[ey]$/, ''],
];

const stems = new Map<string, string>();

/** A word's stem for field evidence: plural folded, then derivational endings while at least 4 letters remain. Memoized. */
export function fieldStem(word: string): string {
  let stem = stems.get(word);
  if (stem === undefined) {
    if (stems.size >= MAX_REMEMBERED * 5) stems.clear();
    stems.set(word, (stem = stemOf(word)));
  }
  return stem;
}

function stemOf(word: string): string {
  let w = singularizeWord(word);
  for (let changed = true; changed && w.length > 4; ) {
    changed = false;
    for (const [re, to] of ENDINGS) {
      const m = re.exec(w);
      if (!m) continue;
      const next = w.slice(0, m.index) + to;
      if (next.length >= 4 && next !== w) {
        w = next;
        changed = true;
      }
      break;
    }
  }
  return w;
}

function textTerms(text: string): string[] {
  const out: string[] = [];
  for (const w of normalizeText(text).split(' ')) if (w.length >= 2 && !STOP.has(w) && /[a-z]/.test(w)) out.push(fieldStem(w));
  return out;
}

type Vector = Map<string, number>;

function normalize(v: Vector): Vector {
  let norm = 0;
  for (const x of v.values()) norm += x * x;
  norm = Math.sqrt(norm) || 1;
  for (const [t, x] of v) v.set(t, x / norm);
  return v;
}

export function buildFieldVocabulary(careers: readonly CareerText[]): FieldVocabulary {
  const counts = careers.map((c) => {
    const tf = new Map<string, number>();
    const add = (text: string, weight: number) => {
      for (const t of textTerms(text)) tf.set(t, (tf.get(t) ?? 0) + weight);
    };
    add(c.title, NAME_WEIGHT);
    for (const a of c.aliases) add(a, NAME_WEIGHT);
    if (c.description) add(c.description, 1);
    for (const t of c.tasks ?? []) add(t, 1);
    return tf;
  });
  const df = new Map<string, number>();
  for (const tf of counts) for (const t of tf.keys()) df.set(t, (df.get(t) ?? 0) + 1);
  const idf = new Map<string, number>();
  for (const [t, d] of df) idf.set(t, Math.log(careers.length / d));
  // Unit vectors of log-scaled, IDF-weighted counts; postings term → (career, weight).
  const vectors: Vector[] = counts.map((tf) => {
    const v: Vector = new Map();
    for (const [t, c] of tf) {
      const w = (1 + Math.log(c)) * idf.get(t)!;
      if (w > 0) v.set(t, w);
    }
    return normalize(v);
  });
  const postings = new Map<string, [number, number][]>();
  vectors.forEach((v, i) => {
    for (const [t, w] of v) (postings.get(t) ?? postings.set(t, []).get(t)!).push([i, w]);
  });
  const sorted = [...postings.keys()].sort();
  const indexOf = new Map(careers.map((c, i) => [c.id, i]));

  const expanded = new Map<string, [string, number][]>();
  /** The vocabulary terms a term stands for, each with how fully: itself, and terms sharing most of a long beginning with it (toxic, toxicolog; bacteria, bacteriolog). */
  function expand(term: string): [string, number][] {
    let out = expanded.get(term);
    if (out) return out;
    out = postings.has(term) ? [[term, 1]] : [];
    if (term.length >= MIN_SHARED_PREFIX) {
      const start = term.slice(0, MIN_SHARED_PREFIX);
      let lo = 0;
      let hi = sorted.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (sorted[mid]! < start) lo = mid + 1;
        else hi = mid;
      }
      for (let i = lo; i < sorted.length && sorted[i]!.startsWith(start); i++) {
        const v = sorted[i]!;
        let k = MIN_SHARED_PREFIX;
        while (k < v.length && k < term.length && v[k] === term[k]) k++;
        const shorter = Math.min(v.length, term.length);
        if (v !== term && (k === shorter || (k >= MIN_SHARED_LETTERS && k >= SHARED_SHARE * shorter))) out.push([v, k / Math.max(v.length, term.length)]);
      }
    }
    if (expanded.size >= MAX_REMEMBERED) expanded.clear();
    expanded.set(term, out);
    return out;
  }

  const closeness = new Map<string, Float64Array>();
  /**
   * Every career's closeness to the term: its text against the field's profile (the vectors of the
   * careers using the term, each weighted by its use of it, summed to a unit vector). Computed once
   * per term through the postings, so ranking costs one lookup per candidate.
   */
  function near(term: string): Float64Array {
    let out = closeness.get(term);
    if (out) return out;
    // The careers using the term most, and the profile's strongest terms: bounded work per new term.
    const users = expand(term)
      .flatMap(([t, factor]) => postings.get(t)!.map(([i, w]): [number, number] => [i, factor * w]))
      .sort((a, b) => b[1] - a[1])
      .slice(0, PROFILE_CAREERS);
    const sum: Vector = new Map();
    for (const [i, w] of users) for (const [u, x] of vectors[i]!) sum.set(u, (sum.get(u) ?? 0) + w * x);
    const p = normalize(new Map([...sum].sort((a, b) => b[1] - a[1]).slice(0, PROFILE_TERMS)));
    out = new Float64Array(careers.length);
    for (const [u, x] of p) for (const [i, w] of postings.get(u)!) out[i]! += x * w;
    if (closeness.size >= MAX_REMEMBERED) closeness.clear();
    closeness.set(term, out);
    return out;
  }

  function rank(terms: readonly string[], candidates: Iterable<string>, prior?: (id: string) => number): FieldScore[] {
    const known = [...new Set(terms)].filter((t) => expand(t).length);
    if (!known.length) return [];
    const weight = new Map(known.map((t) => [t, Math.max(...expand(t).map(([u, f]) => f * idf.get(u)!))]));
    const out: FieldScore[] = [];
    for (const id of new Set(candidates)) {
      const i = indexOf.get(id);
      if (i === undefined) continue;
      const v = vectors[i]!;
      let score = 0;
      for (const t of known) {
        let own = 0;
        for (const [u, f] of expand(t)) own = Math.max(own, f * (v.get(u) ?? 0));
        score += weight.get(t)! * (own + near(t)[i]!);
      }
      if (prior) score *= prior(id);
      if (score > 0) out.push({ careerId: id, score });
    }
    return out.sort((a, b) => b.score - a.score || a.careerId.localeCompare(b.careerId));
  }

  return { terms: textTerms, rank };
}
