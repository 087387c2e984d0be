/**
 * Text and job-title normalization shared by title matching and skill extraction. Pure.
 */
import anyAscii from 'any-ascii';

/** Abbreviations expanded in titles; applied to both sides of a match so they agree. */
const ABBREVIATIONS = new Map<string, string>(
  Object.entries({
    ml: 'machine learning',
    ai: 'artificial intelligence',
    nlp: 'natural language processing',
    cv: 'computer vision',
    bi: 'business intelligence',
    swe: 'software engineer',
    sde: 'software development engineer',
    eng: 'engineer',
    engr: 'engineer',
    dev: 'developer',
    mgr: 'manager',
    mgmt: 'management',
    qa: 'quality assurance',
    ux: 'user experience',
    ui: 'user interface',
    hr: 'human resources',
    it: 'information technology',
    vp: 'vice president',
    svp: 'vice president',
    dba: 'database administrator',
    ops: 'operations',
    admin: 'administrator',
    assoc: 'associate',
    dir: 'director',
    sw: 'software',
    sys: 'systems',
    tech: 'technical',
    lab: 'laboratory',
    labs: 'laboratory',
  }),
);

const ABBREVIATION_WORDS = new Map([...ABBREVIATIONS].map(([k, v]) => [k, v.split(' ')]));

/** Seniority and level words: they say how senior a job is, not which career it is. */
const LEVEL_WORDS = new Set([
  'senior',
  'sr',
  'snr',
  'junior',
  'jr',
  'lead',
  'principal',
  'staff',
  'intern',
  'trainee',
  'entry',
  'level',
  'mid',
  'i',
  'ii',
  'iii',
  'iv',
  'v',
  'experienced',
]);

/** A level word, or a bare number (`Data Engineer 5`, `Analyst 3`): grades, not careers. */
function isLevelWord(w: string): boolean {
  return LEVEL_WORDS.has(w) || /^\d+$/.test(w);
}

/** Word endings left alone by singularization (their trailing s is not a plural). */
const KEEP_S = /(ss|us|is|ics|ous|ys)$/;
/** Words ending in s that are not plurals, beyond what {@link KEEP_S} catches. */
const NOT_PLURAL = new Set([
  'series',
  'species',
  'news',
  'means',
  'lens',
  'canvas',
  'alias',
  'bias',
  'atlas',
  'gas',
  'kubernetes',
  'diabetes',
  'chaos',
  'ethos',
]);
/** Plurals whose singular is not the word less its s. */
const IRREGULAR_PLURALS = new Map<string, string>([
  ...['analysis', 'diagnosis', 'prognosis', 'hypothesis', 'synthesis', 'thesis', 'crisis'].map((w) => [`${w.slice(0, -2)}es`, w] as const),
  ...['status', 'virus', 'bonus', 'campus', 'census', 'focus', 'alias', 'bias', 'lens', 'atlas', 'canvas', 'gas'].map((w) => [`${w}es`, w] as const),
]);
/** Plurals made with -es (classes, boxes, coaches, dishes), but not cache + s and the like. */
const ES_PLURAL = /(?:sses|xes|ches|shes)$/;
const E_PLUS_S = /(?:caches|niches|headaches)$/;

/**
 * Transliterates to ASCII with any-ascii (é → e, ß → ss, ø → o, Ł → L, Æ → Ae, – → -), so no
 * letter is silently dropped from a title or a public slug. Plain ASCII (most titles) is
 * returned as it is without a lookup.
 */
export function foldToAscii(text: string): string {
  return /^\p{ASCII}*$/u.test(text) ? text : anyAscii(text);
}

/**
 * Lowercases, transliterates to ASCII ({@link foldToAscii}), turns dashes (en/em/hyphen), slashes and punctuation into
 * spaces, `&` into "and", and collapses whitespace. `C++`/`C#`/`.NET` keep their symbols.
 */
export function normalizeText(text: string): string {
  return foldToAscii(text)
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9+#]+/g, ' ')
    .replace(/(^|\s)[+#]+(?=\s|$)/g, ' ')
    .trim()
    .replace(/\s+/g, ' ');
}

/** Splits normalized text into words. */
export function tokenizeText(text: string): string[] {
  const n = normalizeText(text);
  return n ? n.split(' ') : [];
}

/**
 * Drops a plural ending (`scientists` → `scientist`, `technologies` → `technology`, `classes`
 * → `class`, `analyses` → `analysis`), leaving words whose s is not a plural (`series`, `news`).
 */
export function singularizeWord(word: string): string {
  if (word.length <= 3 || !word.endsWith('s') || KEEP_S.test(word) || NOT_PLURAL.has(word)) return word;
  const irregular = IRREGULAR_PLURALS.get(word);
  if (irregular) return irregular;
  if (word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (ES_PLURAL.test(word) && !E_PLUS_S.test(word)) return word.slice(0, -2);
  return word.slice(0, -1);
}

/**
 * Removes text that qualifies a posting rather than naming the job: parentheticals
 * (`(Remote)`), and anything after an en/em dash, ` - `, `|` or `@` (`Data Scientist – Vercel`).
 */
export function stripTitleQualifiers(title: string): string {
  return title
    .replace(/\([^)]*\)|\[[^\]]*\]/g, ' ')
    .split(/\s[–—-]\s|[–—|@]/)[0]!
    .trim();
}

/**
 * Title → comparable words: normalized, abbreviations expanded (ML → machine learning),
 * level words (Senior, Sr, Lead, II...) dropped unless nothing else is left, plurals folded.
 */
export function normalizeTitleWords(title: string): string[] {
  const text = normalizeText(title).replace(/\bdev ops\b/g, 'devops');
  if (!text) return [];
  // One pass, no intermediate arrays: the title index normalizes ~60,000 O*NET names at start.
  const words: string[] = [];
  let levels = 0;
  for (const w of text.split(' ')) {
    const expanded = ABBREVIATION_WORDS.get(w);
    if (expanded) words.push(...expanded);
    else words.push(w);
  }
  for (const w of words) if (isLevelWord(w)) levels++;
  const out: string[] = [];
  for (const w of words) if (levels === words.length || !isLevelWord(w)) out.push(singularizeWord(w));
  return out;
}

/** True when the text uses an abbreviation that title normalization would expand. */
export function hasTitleAbbreviation(text: string): boolean {
  return tokenizeText(text).some((w) => ABBREVIATIONS.has(w));
}

/** {@link normalizeTitleWords} joined with single spaces: the key used for exact lookups. */
export function normalizeTitle(title: string): string {
  return normalizeTitleWords(title).join(' ');
}

/** Lowercase, hyphen-separated slug (`AI Model Routing Engineer` → `ai-model-routing-engineer`). */
export function slugify(text: string): string {
  return normalizeText(text).replace(/\+/g, 'p').replace(/#/g, 'sharp').replace(/\s+/g, '-');
}
