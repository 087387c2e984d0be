import type { SearchRow } from '../db/queries/search.js';

/** Lowercase, accents and punctuation folded away, unicode compatibility forms unified. */
export function normalizeForSearch(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** pg_trgm-style trigrams: each word padded with two spaces before and one after. */
export function trigrams(normalized: string): Set<string> {
  const out = new Set<string>();
  for (const w of normalized.split(' ')) {
    if (!w) continue;
    const p = `  ${w} `;
    for (let i = 0; i + 3 <= p.length; i++) out.add(p.slice(i, i + 3));
  }
  return out;
}

export interface SearchHit {
  row: SearchRow;
  matched: string;
  score: number;
}

/** At least half the query's trigrams must be in a name, and its score this high. */
const MIN_CONTAINMENT = 0.5;
const MIN_SCORE = 0.4;

/**
 * A typo-tolerant index over career titles and aliases, built in memory from one query
 * (about a thousand careers and their aliases) and rebuilt when careers change. Scoring mixes
 * trigram similarity (whole-name likeness, as pg_trgm's `similarity`) with how much of the
 * query the name contains (so "software" finds "Software Developers").
 */
export class CareerSearchIndex {
  private names: { norm: string; text: string; row: number; grams: number }[] = [];
  private postings = new Map<string, number[]>();
  private counts: Int32Array | undefined;
  readonly categories: string[];
  readonly bySlug = new Map<string, SearchRow>();

  constructor(readonly rows: SearchRow[]) {
    rows.forEach((row, i) => {
      this.bySlug.set(row.slug, row);
      for (const text of [row.title, ...row.aliases]) this.addName(text, i);
    });
    this.categories = [...new Set(rows.map((r) => r.category))].sort();
  }

  private addName(text: string, row: number) {
    const norm = normalizeForSearch(text);
    if (!norm) return;
    const grams = trigrams(norm);
    const id = this.names.length;
    this.names.push({ norm, text, row, grams: grams.size });
    for (const g of grams) {
      const list = this.postings.get(g);
      if (list) list.push(id);
      else this.postings.set(g, [id]);
    }
  }

  /** Careers matching `q` (best first, one hit per career), optionally in one category. */
  search(q: string, category?: string): SearchHit[] {
    const cat = category?.toLowerCase();
    const inCategory = (r: SearchRow) => !cat || r.category.toLowerCase() === cat;
    const nq = normalizeForSearch(q);
    if (!nq) return this.rows.filter(inCategory).map((row) => ({ row, matched: row.title, score: 1 }));
    const qGrams = trigrams(nq);
    // Common-trigram counts per name, in a reused array (a query touches thousands of names).
    const counts = (this.counts ??= new Int32Array(this.names.length));
    const touched: number[] = [];
    for (const g of qGrams) {
      for (const id of this.postings.get(g) ?? []) {
        if (counts[id] === 0) touched.push(id);
        counts[id]!++;
      }
    }
    const best = new Map<number, SearchHit>();
    for (const id of touched) {
      const n = counts[id]!;
      counts[id] = 0;
      const name = this.names[id]!;
      const row = this.rows[name.row]!;
      const containment = n / qGrams.size;
      if (containment < MIN_CONTAINMENT || !inCategory(row)) continue;
      const similarity = n / (qGrams.size + name.grams - n);
      // How much of the query the name holds, and how much of the name is the query.
      let score = 0.55 * containment + 0.45 * similarity;
      if (name.norm === nq) score = 1;
      else if (name.norm.startsWith(nq)) score = Math.max(score, 0.85 + 0.1 * similarity);
      else if (name.norm.includes(nq)) score = Math.max(score, 0.8 + 0.1 * similarity);
      if (score < MIN_SCORE) continue;
      // Titles rank above aliases at equal score.
      if (name.text !== row.title) score *= 0.98;
      const prev = best.get(name.row);
      if (!prev || score > prev.score) best.set(name.row, { row, matched: name.text, score: Math.round(score * 1000) / 1000 });
    }
    return [...best.values()].sort((x, y) => y.score - x.score || x.row.title.localeCompare(y.row.title) || x.row.slug.localeCompare(y.row.slug));
  }

  /** The closest careers to a slug or text that matched nothing (for 404 answers). */
  closest(text: string, limit = 5): { slug: string; title: string }[] {
    return this.search(text.replace(/[-_.]+/g, ' '))
      .slice(0, limit)
      .map((h) => ({ slug: h.row.slug, title: h.row.title }));
  }
}
