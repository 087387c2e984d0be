/**
 * Job title → career, as a recruiter reads a title: the posting's words around the job
 * (seniority, place, team, contract) come off first (title-normalize), then the job is looked
 * up by name, then by its head noun phrase ("Healthcare Data Scientist" is a Data Scientist),
 * then by the field a generic title names ("Scientist, Toxicology"), and last by a fuzzy word
 * match whose names must use the title's role word. An alias several careers share goes to the
 * one the evidence separates; otherwise the title stays unmatched as ambiguous, with candidates.
 */
import { normalizeTitleWords } from './text-normalize.js';
import { CURATED_FIELDS, CURATED_TITLES } from './title-curated.js';
import { buildFieldVocabulary } from './title-fields.js';
import { buildWordIndex, scoreFuzzy } from './title-index.js';
import { aliasVariants, buildLookups, type Lookup } from './title-lookup.js';
import { normalizeJobTitle, type TitleAttributes, type TitleRejection } from './title-normalize.js';

export interface CareerTitles {
  id: string;
  title: string;
  aliases: string[];
  /** Per alias (same order), how strongly the source ties it to this career; 1 each when absent. */
  aliasEvidence?: number[];
  /** O*NET-SOC code, when the career has one: curated titles name careers by code. */
  code?: string | null;
  /** What the career does (O*NET's description): field evidence for generic titles ("Scientist, Toxicology"). */
  description?: string | null;
  /** The career's task statements: field evidence too. */
  tasks?: readonly string[] | null;
}
/** How a title reached its career; `pin` is an operator's pin (applied before the matcher, see ingest). */
export type MatchMethod = 'pin' | 'title' | 'alias' | 'curated' | 'head' | 'field' | 'fuzzy';
/** Why a title found no career: bad input (see normalizeJobTitle), several careers equally likely, or nothing close. */
export type UnmatchedReason = TitleRejection | 'ambiguous' | 'no-match';
export interface MatchCandidate {
  careerId: string;
  title: string;
  confidence: number;
  via: string;
}
export type TitleMatch =
  | {
      matched: true;
      careerId: string;
      title: string;
      confidence: number;
      method: MatchMethod;
      via: string;
      candidates: MatchCandidate[];
      attributes: TitleAttributes;
    }
  | { matched: false; reason: UnmatchedReason; candidates: MatchCandidate[]; attributes: TitleAttributes | null };

export interface TitleMatcherOptions {
  /** Lowest confidence (0..1) accepted as a match; below it the result is unmatched. Default 0.75. */
  threshold?: number;
  /**
   * Lowest word-overlap score accepted as a match when no name matched (default 0.9, never below
   * `threshold`): measured on the labelled titles, overlaps below it were wrong more often than right.
   */
  fuzzyThreshold?: number;
  /** How many candidates to return with a result. Default 3. */
  maxCandidates?: number;
  /** O*NET-SOC code → titles that mean it (default: CURATED_TITLES); codes no career has are ignored. */
  curated?: Record<string, string[]>;
  /** O*NET-SOC code → field words of research titles that name it (default: CURATED_FIELDS). */
  curatedFields?: Record<string, string[]>;
}

export interface TitleMatcher {
  /** Matches one free-text job title. */
  match(title: string): TitleMatch;
  readonly careerCount: number;
}

/** Fuzzy candidates below this score give way to a generic role's careers ranked by the title's field words. */
const ROLE_FIELD_BELOW = 0.5;
/** A name found only through an alternative (`X / Y`) is a little less certain. */
const ALTERNATIVE_FACTOR = 0.95;

/** Builds the matching index once (O*NET: 1,016 careers, ~60k names, about a second). */
export function buildTitleMatcher(careers: readonly CareerTitles[], options: TitleMatcherOptions = {}): TitleMatcher {
  const threshold = options.threshold ?? 0.75;
  const maxCandidates = options.maxCandidates ?? 3;
  const fuzzyThreshold = Math.max(threshold, options.fuzzyThreshold ?? 0.9);
  const byId = new Map(careers.map((c) => [c.id, c]));
  const names: { key: string; careerId: string; words: string[]; isTitle: boolean }[] = [];
  for (const career of careers) {
    names.push({ key: career.title, careerId: career.id, words: normalizeTitleWords(career.title), isTitle: true });
    for (const alias of career.aliases) {
      for (const variant of aliasVariants(alias)) names.push({ key: variant, careerId: career.id, words: normalizeTitleWords(variant), isTitle: false });
    }
  }
  const index = buildWordIndex(names);
  const fields = buildFieldVocabulary(
    careers.map((c) => ({ id: c.id, title: c.title, aliases: c.aliases, description: c.description ?? undefined, tasks: c.tasks ?? undefined })),
  );
  const lookups = buildLookups(careers, index, options.curated ?? CURATED_TITLES, fields, options.curatedFields ?? CURATED_FIELDS);

  function candidate(careerId: string, confidence: number, via: string): MatchCandidate {
    return { careerId, title: byId.get(careerId)!.title, confidence: round3(confidence), via };
  }
  function found(hit: Lookup, factor: number, attributes: TitleAttributes): TitleMatch {
    const confidence = round3(hit.confidence * factor);
    const candidates = hit.ranked.slice(0, maxCandidates).map((id) => candidate(id, confidence, hit.via));
    return {
      matched: true,
      careerId: hit.ranked[0]!,
      title: byId.get(hit.ranked[0]!)!.title,
      confidence,
      method: hit.method,
      via: hit.via,
      candidates,
      attributes,
    };
  }

  function match(raw: string): TitleMatch {
    const n = normalizeJobTitle(raw);
    if (!n.ok) return { matched: false, reason: n.reason, candidates: [], attributes: null };
    const { attributes } = n;
    let firstAmbiguous: Lookup | null = null;
    for (const [i, text] of [n.title, ...n.alternatives].entries()) {
      const words = normalizeTitleWords(text);
      const hit = lookups.byName(words) ?? lookups.byHead(words);
      if (hit?.kind === 'hit') return found(hit, i === 0 ? 1 : ALTERNATIVE_FACTOR, attributes);
      if (hit) firstAmbiguous ??= hit;
    }
    const titleWords = normalizeTitleWords(n.title);
    const field = lookups.byField(titleWords, attributes.qualifiers);
    if (field?.kind === 'hit') return found(field, 1, attributes);
    // The field's careers are more telling candidates than those of the bare generic title.
    if (field) firstAmbiguous = field;
    if (firstAmbiguous) {
      const candidates = firstAmbiguous.ranked.slice(0, maxCandidates).map((id) => candidate(id, firstAmbiguous!.confidence, firstAmbiguous!.via));
      return { matched: false, reason: 'ambiguous', candidates, attributes };
    }
    const scored = scoreFuzzy(index, titleWords, maxCandidates, titleWords.at(-1));
    const candidates = scored.map((s) => candidate(s.careerId, s.score, s.via));
    const best = candidates[0];
    if (best && best.confidence >= fuzzyThreshold) {
      return { matched: true, careerId: best.careerId, title: best.title, confidence: best.confidence, method: 'fuzzy', via: best.via, candidates, attributes };
    }
    // No name shares even half the title's weight: a generic role with field words ("Pharmacovigilance Scientist").
    const roleField = (best?.confidence ?? 0) < ROLE_FIELD_BELOW ? lookups.byRoleAndField(titleWords, attributes.qualifiers) : null;
    if (roleField?.kind === 'hit') return found(roleField, 1, attributes);
    if (roleField)
      return {
        matched: false,
        reason: 'ambiguous',
        candidates: roleField.ranked.slice(0, maxCandidates).map((id) => candidate(id, roleField.confidence, roleField.via)),
        attributes,
      };
    return { matched: false, reason: 'no-match', candidates, attributes };
  }

  return { match, careerCount: careers.length };
}

function round3(n: number): number {
  return Math.round(n * 1000) / 1000;
}
