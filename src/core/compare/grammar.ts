/**
 * Subject–verb agreement for career names. O*NET names an occupation by its workers, in the
 * plural ("Data Scientists", "Clergy", "Transit and Railroad Police"); a career site names one
 * job, in the singular ("AI Model Routing Engineer"). The text writes every verb after a name
 * through `agree`, and the invariant checker reads the same table back.
 */
import type { CareerIdentity } from './types.js';

/** Third-person singular → plural form of every verb the text puts after a career name. */
export const VERB_FORMS: Readonly<Record<string, string>> = Object.freeze({
  has: 'have',
  is: 'are',
  offers: 'offer',
  scores: 'score',
  leads: 'lead',
  lists: 'list',
  earns: 'earn',
  pays: 'pay',
  needs: 'need',
});
const SINGULAR_OF = new Map(Object.entries(VERB_FORMS).map(([s, p]) => [p, s]));

/** The number of a title: by origin when known, else by its head word (the last before any comma). */
export function titleNumber(career: Pick<CareerIdentity, 'title' | 'origin'>): 'singular' | 'plural' {
  if (career.origin) return career.origin === 'onet' ? 'plural' : 'singular';
  const head = career.title.split(',')[0]!.trim().split(/\s+/).pop() ?? '';
  return /[^su]s$/i.test(head) ? 'plural' : 'singular';
}

/** `verb` (singular form, from VERB_FORMS) agreed with `number`. */
export function agree(verb: string, number: 'singular' | 'plural'): string {
  const plural = VERB_FORMS[verb];
  if (plural === undefined) throw new Error(`no plural form for "${verb}"; add it to VERB_FORMS`);
  return number === 'plural' ? plural : verb;
}

/** The number a verb form needs, or null when the word is not a verb of the table. */
export function numberOfVerb(word: string): 'singular' | 'plural' | null {
  if (word in VERB_FORMS) return 'singular';
  return SINGULAR_OF.has(word) ? 'plural' : null;
}
