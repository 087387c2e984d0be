/**
 * The exact lookups of title matching: a name as a whole (management titles, curated titles,
 * career titles, aliases), its head noun phrase, the field a generic title names, and the
 * role-word check on fuzzy hits. Pure; built once per matcher.
 */
import { hasTitleAbbreviation, normalizeTitle, normalizeTitleWords } from './text-normalize.js';
import { COMPUTING_FIELDS, MANAGEMENT_CODE, MANAGEMENT_RANKS } from './title-curated.js';
import { fieldStem, type FieldVocabulary } from './title-fields.js';
import { scoreAffinity, type WordIndex } from './title-index.js';
import type { CareerTitles, MatchMethod } from './title-match.js';

export interface Lookup {
  kind: 'hit' | 'ambiguous';
  /** Career ids, best first (one for a clear hit). */
  ranked: string[];
  confidence: number;
  /** The name that matched, normalized. */
  via: string;
  method: MatchMethod;
}

export interface Lookups {
  /** The words as a whole name. */
  byName(words: readonly string[]): Lookup | null;
  /** The head noun phrase: the longest ending ("Healthcare Data Scientist" → data scientist), else a beginning ending in a role word. */
  byHead(words: readonly string[]): Lookup | null;
  /** A generic title made specific by a qualifier: "Scientist, Toxicology" → Toxicologist, if that career answers to "scientist". */
  byField(titleWords: readonly string[], qualifiers: readonly string[]): Lookup | null;
  /** A title no name matched, made of a generic role and field words ("Pharmacovigilance Scientist"): careers answering to the role, ranked by the field. */
  byRoleAndField(titleWords: readonly string[], qualifiers: readonly string[]): Lookup | null;
}

const CURATED_CONFIDENCE = 0.97;
const TITLE_CONFIDENCE = 1;
const ALIAS_CONFIDENCE = 0.95;
const SHARED_ALIAS_CONFIDENCE = 0.9;
/**
 * A shared alias goes to the best career only when its score is at least this multiple of the
 * runner-up's. Calibrated on the labelled titles like a threshold: at 1.5 the evidence sent
 * "Data Specialist" to Data Entry Keyers and "Financial Systems Analyst" to investment analysts.
 */
const SEPARATION = 2;
const HEAD_FACTOR = 0.9;
const PREFIX_FACTOR = 0.85;
const FIELD_CONFIDENCE = 0.8;
/**
 * A generic title's field goes to the best career only when its score is at least this multiple
 * of the runner-up's; calibrated on the labelled titles: at 3 "Principal Scientist, Chemistry &
 * Immunology" went to chemists (the label, and O*NET's description, make it a medical scientist).
 */
const FIELD_SEPARATION = 4;
/** How much more a career counts when a part of the field names it ("Chemistry" → Chemists), times the root of O*NET's evidence for that name. */
const NAMED_FIELD_FACTOR = 1.5;
/**
 * How much a curated field word (title-curated.ts) counts for its career, in the units of a named
 * field (the root of 1 + O*NET's evidence, 2 for a name three sources list). Calibrated on the
 * labelled titles: at 2 the text still put chemists first for "Chemistry & Immunology" and
 * remote-sensing scientists for "PV"; at 4 one more title comes first and none goes wrong.
 */
const CURATED_FIELD_WEIGHT = 3;
/** Bound on remembered name lookups (free text brings any number of new names). */
const MAX_REMEMBERED = 100_000;
/** Words that end a role ("scientist", "engineer", "manager"...), for the beginning-of-title rule. */
const ROLE_WORD = /(?:ist|yst|ian|er|or|ant|ent|ect|ive|ee|lead|officer|nurse|clerk|aide)$/;
/** Role words too general to name a career on their own. */
const GENERIC_ROLES = new Set(
  `director manager officer executive president associate assistant consultant specialist analyst
engineer scientist developer technician technologist coordinator administrator representative supervisor advisor partner
principal intern trainee operator worker agent planner designer architect researcher programmer lead head member officer
owner founder expert professional generalist contractor`.split(/\s+/),
);
/** Words that rank a job without naming it: "Data Science Associate" is a data scientist, "Data Science Analyst" is not. */
const RANKS = new Set(['associate', 'intern', 'trainee', 'expert', 'professional', 'member', 'principal', 'technical', 'lead', 'head', 'generalist', 'fellow']);
/** Words that make a title the manager of what precedes them. */
const MANAGING = new Set(['manager', 'director', 'head', 'supervisor', 'president', 'chief', 'officer']);
/** The field words a team or title names, and who practises them. */
const FIELD_PRACTITIONER = new Map([
  ['science', 'scientist'],
  ['analytics', 'analyst'],
  ['engineering', 'engineer'],
]);
/** Field → practitioner endings: toxicology → toxicologist, chemistry → chemist, statistics → statistician, neuroscience → neuroscientist. */
const PRACTITIONER: [RegExp, string][] = [
  [/ology$/, 'ologist'],
  [/ography$/, 'ographer'],
  [/istry$/, 'ist'],
  [/ics$/, 'ician'],
  [/science$/, 'scientist'],
  [/omy$/, 'omist'],
];

export function buildLookups(
  careers: readonly CareerTitles[],
  index: WordIndex,
  curated: Record<string, string[]>,
  fields: FieldVocabulary,
  curatedFields: Record<string, string[]>,
): Lookups {
  const titles = new Map<string, string[]>();
  const aliases = new Map<string, string[]>();
  const evidence = new Map<string, Map<string, number>>();
  const byCode = new Map<string, string>();
  for (const career of careers) {
    if (career.code) byCode.set(career.code, career.id);
    add(titles, normalizeTitle(career.title), career.id);
    for (const [i, alias] of career.aliases.entries()) {
      for (const variant of aliasVariants(alias)) {
        const k = normalizeTitle(variant);
        if (!k) continue;
        add(aliases, k, career.id);
        const byCareer = evidence.get(k) ?? evidence.set(k, new Map()).get(k)!;
        byCareer.set(career.id, Math.max(byCareer.get(career.id) ?? 0, career.aliasEvidence?.[i] ?? 1));
      }
    }
  }
  const chosen = new Map<string, string>();
  for (const [code, list] of Object.entries(curated)) {
    const id = byCode.get(code);
    if (id) for (const name of list) chosen.set(normalizeTitle(name), id);
  }
  const manager = byCode.get(MANAGEMENT_CODE);
  if (manager) {
    for (const field of COMPUTING_FIELDS)
      for (const rank of MANAGEMENT_RANKS) {
        const [f, r] = [normalizeTitle(field), normalizeTitle(rank)];
        if (!chosen.has(`${f} ${r}`)) chosen.set(`${f} ${r}`, manager);
        chosen.set(`${r} of ${f}`, manager);
        chosen.set(`${r} ${f}`, manager);
      }
    for (const field of COMPUTING_FIELDS) chosen.set(`chief ${normalizeTitle(field)} officer`, manager);
  }

  /** Curated field words (title-curated.ts): each entry's stems and its career. */
  const fieldWords: { terms: string[]; id: string }[] = [];
  for (const [code, list] of Object.entries(curatedFields)) {
    const id = byCode.get(code);
    if (id)
      for (const name of list) {
        const terms = fields.terms(name);
        if (terms.length) fieldWords.push({ terms, id });
      }
  }

  /** Adds the careers that curated field words among `terms` name, when they answer to the role, as named fields. */
  function curatedNamed(terms: readonly string[], role: string, named: Map<string, number>): void {
    const have = new Set(terms);
    for (const { terms: need, id } of fieldWords) {
      if (need.every((t) => have.has(t)) && answersTo(id, role)) named.set(id, Math.max(named.get(id) ?? 0, CURATED_FIELD_WEIGHT));
    }
  }

  const namedWith = new Map<string, Set<string>>();

  function pick(ids: string[], words: readonly string[], key: string, method: 'title' | 'alias'): Lookup {
    const base = method === 'title' ? TITLE_CONFIDENCE : ALIAS_CONFIDENCE;
    if (ids.length === 1) return { kind: 'hit', ranked: ids, confidence: base, via: key, method };
    // Several careers share the name: the one whose names use its words most (rare words weigh
    // more), scaled by the square root of the evidence for the name (sources, incumbent reports).
    const weight = method === 'alias' ? evidence.get(key) : undefined;
    const score = new Map(ids.map((id) => [id, scoreAffinity(index, id, words) * Math.sqrt(Math.max(1, weight?.get(id) ?? 1))]));
    const ranked = [...ids].sort((a, b) => score.get(b)! - score.get(a)! || a.localeCompare(b));
    const separated = score.get(ranked[0]!)! >= SEPARATION * score.get(ranked[1]!)!;
    return { kind: separated ? 'hit' : 'ambiguous', ranked, confidence: SHARED_ALIAS_CONFIDENCE, via: key, method };
  }

  /** Name → lookup, remembered: a shared name ranks its careers once, not for every title that uses it. */
  const named = new Map<string, Lookup | null>();

  function byName(words: readonly string[]): Lookup | null {
    const key = words.join(' ');
    if (!key) return null;
    let hit = named.get(key);
    if (hit === undefined) {
      if (named.size >= MAX_REMEMBERED) named.clear();
      named.set(key, (hit = lookupName(words, key)));
    }
    return hit;
  }

  function lookupName(words: readonly string[], key: string): Lookup | null {
    const cur = chosen.get(key);
    if (cur) return { kind: 'hit', ranked: [cur], confidence: CURATED_CONFIDENCE, via: key, method: 'curated' };
    const t = titles.get(key);
    if (t) return pick(t, words, key, 'title');
    const a = aliases.get(key);
    return a ? pick(a, words, key, 'alias') : null;
  }

  function byHead(words: readonly string[]): Lookup | null {
    for (let i = 1; i < words.length; i++) {
      const hit = byName(words.slice(i));
      // One word alone names a career only when it is a role word naming exactly one ("chemist",
      // not "director", "scientist" or the "intelligence" of "Artificial Intelligence").
      if (!hit || (words.length - i === 1 && !isSpecificRole(words[i]!, hit))) continue;
      return { ...hit, confidence: hit.confidence * HEAD_FACTOR, method: 'head' };
    }
    // A beginning names the job only when no rank follows it: a "Sales Development Representative Manager" manages them.
    for (let j = words.length - 1; j >= 2 && !words.slice(j).some((w) => MANAGING.has(w)); j--) {
      if (!ROLE_WORD.test(words[j - 1]!)) continue;
      const hit = byName(words.slice(0, j));
      if (hit?.kind === 'hit') return { ...hit, confidence: hit.confidence * PREFIX_FACTOR, method: 'head' };
    }
    return byPractitioner(words);
  }

  /** A field for its practitioner: "Data Science (Associate)" → data scientist, "Data Analytics" → data analyst. */
  function byPractitioner(words: readonly string[]): Lookup | null {
    // "Analytics Consulting Consultant": a word restating the role names nothing more.
    const role = words.at(-1)!;
    const plain = words.filter((w, i) => i === words.length - 1 || !sameStem(w, role));
    if (plain.length < words.length && plain.length > 1) {
      const hit = byName(plain);
      if (hit?.kind === 'hit') return { ...hit, confidence: hit.confidence * PREFIX_FACTOR, method: 'head' };
    }
    let k = words.length - 1;
    while (k > 0 && RANKS.has(words[k]!)) k--;
    const field = FIELD_PRACTITIONER.get(words[k]!);
    if (!field && k >= 2 && FIELD_PRACTITIONER.has(words[k - 1]!) && ROLE_WORD.test(words[k]!)) {
      // "Data Science Analyst" is an analyst of data: the field word between names no one.
      const hit = byName([...words.slice(0, k - 1), ...words.slice(k)]);
      return hit?.kind === 'hit' ? { ...hit, confidence: hit.confidence * PREFIX_FACTOR, method: 'head' } : null;
    }
    if (!field || k === 0) return null;
    const name = [...words.slice(0, k), field];
    const hit = byName(name) ?? (name.length > 2 ? byHead(name) : null);
    return hit?.kind === 'hit' ? { ...hit, confidence: hit.confidence * HEAD_FACTOR, method: 'head' } : null;
  }

  function isSpecificRole(word: string, hit: Lookup): boolean {
    if (!ROLE_WORD.test(word) || GENERIC_ROLES.has(word) || hit.kind !== 'hit') return false;
    // A career's own title ("Chemists") names it even when other careers list the word as an alias.
    return titles.get(word)?.length === 1 || (!titles.has(word) && aliases.get(word)?.length === 1);
  }

  function answersTo(id: string, role: string): boolean {
    return (index.profiles.get(id)?.get(role) ?? 0) > 0;
  }

  function byField(titleWords: readonly string[], qualifiers: readonly string[]): Lookup | null {
    const role = titleWords.at(-1);
    if (!role || titleWords.length > 2 || !ROLE_WORD.test(role)) return null;
    const terms: string[] = [];
    for (const q of qualifiers) for (const t of fields.terms(q)) if (!terms.includes(t)) terms.push(t);
    const named = new Map<string, number>();
    for (const q of qualifiers) {
      const qw = normalizeTitleWords(q);
      // "Consultant - Analytics Consulting": the field's words without the one restating the role.
      const field = qw.filter((w) => !sameStem(w, role));
      const whole = [[...qw, ...titleWords], ...(field.length < qw.length && field.length ? [[...field, ...titleWords]] : [])];
      const parts = qw
        .map((w) => practitioner(w))
        .filter((p): p is string => p !== null)
        .map((p) => [p]);
      for (const [i, t] of [...whole, ...parts].entries()) {
        const exact = byName(t);
        const hit = exact ?? (t.length > 1 ? byHead(t) : null);
        // A curated title names the role by choice; O*NET's careers must answer to the role word.
        const fitting = hit?.method === 'curated' ? hit.ranked : (hit?.ranked.filter((id) => answersTo(id, role)) ?? []);
        if (!hit || !fitting.length || hit.via === titleWords.join(' ') || (hit.kind === 'hit' && fitting[0] !== hit.ranked[0])) continue;
        if (exact && i < whole.length) {
          // The job's own name ("Product Development Scientist"): its careers, ranked by the field when it names several.
          const ranked = fitting.length > 1 ? byFieldText(fitting, titleWords, terms) : null;
          return { ...hit, kind: ranked?.kind ?? 'ambiguous', ranked: ranked?.ranked ?? fitting, method: 'field' };
        }
        // A part of the field names careers ("Chemistry" → chemists): candidates the rest of the field can outweigh.
        const ev = evidence.get(hit.via);
        for (const id of fitting) named.set(id, Math.max(named.get(id) ?? 0, Math.sqrt(1 + (ev?.get(id) ?? (titles.get(hit.via)?.includes(id) ? 2 : 0)))));
      }
    }
    curatedNamed(terms, role, named);
    if (!terms.length)
      return named.size ? { kind: 'ambiguous', ranked: [...named.keys()], confidence: FIELD_CONFIDENCE, via: titleWords.join(' '), method: 'field' } : null;
    return byFieldText([...new Set([...careersAnswering(titleWords), ...named.keys()])], titleWords, terms, named);
  }

  /** Careers whose names use every word of the title. */
  function careersAnswering(titleWords: readonly string[]): string[] {
    const pools = titleWords.map(careersNamedWith);
    const [first, ...rest] = [...pools].sort((a, b) => a.size - b.size);
    return [...(first ?? [])].filter((id) => rest.every((p) => p.has(id)));
  }

  /**
   * The pool ranked by the field's terms in the careers' own text (title-fields.ts), each score
   * times how strongly the career answers to the title's role: its names' use of the title's
   * words and O*NET's evidence for the title itself as its alias ("Scientist" is listed for
   * medical scientists by two sources and reported by incumbents, for molecular biologists once).
   * A match only when the best clearly leads; otherwise candidates for operators.
   */
  function byFieldText(
    pool: readonly string[],
    titleWords: readonly string[],
    terms: readonly string[],
    named: ReadonlyMap<string, number> = new Map(),
  ): Lookup | null {
    const role = titleWords.join(' ');
    const roleEvidence = evidence.get(role);
    const prior = (id: string) =>
      Math.sqrt(scoreAffinity(index, id, titleWords) * (1 + (roleEvidence?.get(id) ?? 0))) * (named.has(id) ? NAMED_FIELD_FACTOR * named.get(id)! : 1);
    let scored = fields.rank(terms, pool, prior);
    // Field words O*NET never uses ("Autoimmune") leave only what curated field words name.
    if (!scored.length)
      scored = [...named].map(([careerId, w]) => ({ careerId, score: w })).sort((a, b) => b.score - a.score || a.careerId.localeCompare(b.careerId));
    if (!scored.length) return null;
    const separated = scored.length === 1 || scored[0]!.score >= FIELD_SEPARATION * scored[1]!.score;
    return {
      kind: separated ? 'hit' : 'ambiguous',
      ranked: scored.map((s) => s.careerId),
      confidence: FIELD_CONFIDENCE,
      via: `${terms.join(' ')} ${role}`,
      method: 'field',
    };
  }

  function careersNamedWith(word: string): Set<string> {
    let set = namedWith.get(word);
    if (!set) namedWith.set(word, (set = new Set((index.postings.get(word) ?? []).map((at) => index.entries[at]!.careerId))));
    return set;
  }

  function byRoleAndField(titleWords: readonly string[], qualifiers: readonly string[]): Lookup | null {
    let at = titleWords.length - 1;
    while (at >= 0 && !(GENERIC_ROLES.has(titleWords[at]!) && !RANKS.has(titleWords[at]!))) at--;
    if (at < 0 || titleWords.length < 2) return null;
    const role = titleWords[at]!;
    const terms: string[] = [];
    for (const text of [titleWords.filter((w, i) => i !== at && !RANKS.has(w)).join(' '), ...qualifiers]) {
      for (const t of fields.terms(text)) if (!terms.includes(t)) terms.push(t);
    }
    if (!terms.length) return null;
    const named = new Map<string, number>();
    curatedNamed(terms, role, named);
    return byFieldText([...new Set([...careersNamedWith(role), ...named.keys()])], [role], terms, named);
  }

  /** Field lookups, remembered like names: a generic title and its field rank their careers once. */
  const fielded = new Map<string, Lookup | null>();
  function remembered(kind: string, titleWords: readonly string[], qualifiers: readonly string[], look: typeof byField): Lookup | null {
    const key = `${kind}\u0000${titleWords.join(' ')}\u0000${qualifiers.join('\u0000')}`;
    let hit = fielded.get(key);
    if (hit === undefined) {
      if (fielded.size >= MAX_REMEMBERED) fielded.clear();
      fielded.set(key, (hit = look(titleWords, qualifiers)));
    }
    return hit;
  }

  return {
    byName,
    byHead,
    byField: (titleWords, qualifiers) => remembered('field', titleWords, qualifiers, byField),
    byRoleAndField: (titleWords, qualifiers) => remembered('role', titleWords, qualifiers, byRoleAndField),
  };
}

/**
 * O*NET writes "AI Engineer (Artificial Intelligence Engineer)": index both spellings, but
 * when they disagree after our abbreviation expansion trust the spelled-out one
 * ("Artificial Insemination Technician (AI Technician)" must not become an AI job).
 */
export function aliasVariants(alias: string): string[] {
  const inner = /\(([^)]+)\)/.exec(alias)?.[1]?.trim();
  const outer = alias.replace(/\([^)]*\)/g, ' ').trim();
  if (!inner || !outer) return [alias];
  if (normalizeTitle(outer) === normalizeTitle(inner)) return [outer];
  const plain = [outer, inner].filter((v) => !hasTitleAbbreviation(v));
  return plain.length ? plain : [outer, inner];
}

/** Two forms of one word ("consulting", "consultant"): one begins with the other's stem. */
function sameStem(a: string, b: string): boolean {
  const [x, y] = [fieldStem(a), fieldStem(b)];
  return x.length >= 5 && y.length >= 5 && (x.startsWith(y) || y.startsWith(x));
}

function practitioner(word: string): string | null {
  for (const [re, to] of PRACTITIONER) if (re.test(word)) return word.replace(re, to);
  return null;
}

function add(map: Map<string, string[]>, key: string, id: string): void {
  if (!key) return;
  const list = map.get(key);
  if (!list) map.set(key, [id]);
  else if (!list.includes(id)) list.push(id);
}
