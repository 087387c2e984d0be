/**
 * The text of a comparison, written only from its structured data (verdicts, shown values,
 * skills, transitions). A comparative appears only for a non-tie verdict, always with the
 * winner as subject and its value first; ties say "Both"/"They tie"; unknown values say so.
 * Because it is a pure function of the data, the reverse order's text is produced by
 * flipping the data and writing again (see flip.ts).
 */
import { formatMonths, formatRange, ratedElementName } from './display.js';
import { agree } from './grammar.js';
import { ATTRIBUTES, CODING_REASON, comparable, NO_CODING_REASON, NO_REMOTE_REASON, REMOTE_REASON, agreeLead, sideNames, tieValue, versus } from './phrases.js';
import { outlookReasons, outlookSentence } from './outlook-text.js';
import { profileReasons } from './reasons.js';
import { tasksSentence } from './tasks-text.js';
import type { ComparisonData, ComparisonSide, ComparisonText, SkillComparison, VerdictKey } from './types.js';
import { VERDICT_KEYS } from './types.js';

type Names = { a: string; b: string };

/** What the text says of the skills: how many in each list, the first related pair's concepts, the overlap. */
export interface SkillTally {
  onlyA: number;
  shared: number;
  onlyB: number;
  related: number;
  firstRelatedConcepts: readonly string[] | undefined;
  overlap: number;
}

/** Everything the text is written from: the comparison data with its skill lists tallied. */
export type TextInput = Pick<ComparisonData, 'a' | 'b' | 'verdicts' | 'transition'> & { skills: SkillTally };
type Sides = Pick<ComparisonData, 'a' | 'b' | 'verdicts'>;

export function tallySkills(s: SkillComparison): SkillTally {
  return {
    onlyA: s.onlyA.length,
    shared: s.shared.length,
    onlyB: s.onlyB.length,
    related: s.related.length,
    firstRelatedConcepts: s.related[0]?.concepts,
    overlap: s.overlap,
  };
}

function sideOf(data: Sides, who: 'a' | 'b'): [ComparisonSide, ComparisonSide] {
  return who === 'a' ? [data.a, data.b] : [data.b, data.a];
}

/** Names whose value for `key` is unknown: ['X'] or both. */
function unknownFor(data: Sides, names: Names, key: VerdictKey): string {
  const ua = ATTRIBUTES[key].value(data.a) === null;
  const ub = ATTRIBUTES[key].value(data.b) === null;
  return ua && ub ? 'either career' : ua ? names.a : names.b;
}

/** One sentence about one attribute: winner, tie, or missing data. */
export function attributeSentence(data: Sides, names: Names, key: VerdictKey): string {
  const p = ATTRIBUTES[key];
  const v = data.verdicts[key];
  if (v !== 'tie') {
    const [w, l] = sideOf(data, v);
    return `${names[v]} ${agreeLead(p.better, w.titleNumber)} ${versus(key, w, l)}.`;
  }
  if (p.value(data.a) === null || p.value(data.b) === null) {
    return `The ${p.label} is not known for ${unknownFor(data, names, key)}.`;
  }
  if (!comparable(key, data.a, data.b)) {
    return `The ${p.label} is not known exactly for either career: both are ${p.value(data.a)}, the highest wage BLS publishes.`;
  }
  return `Both have the same ${p.label} (${tieValue(key, data.a)}).`;
}

function pairs(n: number): string {
  return n === 1 ? '1 pair is' : `${n} pairs are`;
}

/** The skills sentence; never "0 overlap" when related pairs exist. */
export function skillsSentence(data: TextInput, names: Names): string {
  const { shared: S, related: M, overlap, onlyA, onlyB } = data.skills;
  const nA = onlyA + S;
  const nB = onlyB + S;
  if (nA === 0 && nB === 0) return 'Neither career lists its skills.';
  if (nA === 0 || nB === 0) {
    const who = nA === 0 ? 'a' : 'b';
    return `${names[who]} ${agree('lists', data[who].titleNumber)} no skills, so their overlap is unknown.`;
  }
  if (S === 0 && M === 0) return `They share no skills and none are closely related (0% skill overlap).`;
  if (S === 0) {
    const ex = data.skills.firstRelatedConcepts?.join(' and ');
    return `They have no identical skills, but ${pairs(M)} closely related (for example, both involve ${ex}); ${overlap}% skill overlap.`;
  }
  const rel = M > 0 ? ` and ${M} closely related ${M === 1 ? 'pair' : 'pairs'}` : '';
  return `They share ${S} ${S === 1 ? 'skill' : 'skills'}${rel}; ${overlap}% skill overlap.`;
}

function transitionSentence(data: TextInput, names: Names, from: 'a' | 'b'): string {
  const to = from === 'a' ? 'b' : 'a';
  const t = from === 'a' ? data.transition.aToB : data.transition.bToA;
  const time = t.months === null ? `time unknown` : t.months === 0 ? 'little extra time' : `about ${formatMonths(t.months)}`;
  if (t.basis === 'technology') return `Moving from ${names[from]} to ${names[to]}: ${t.skillGap}% of its skills are new to learn (${t.difficulty}, ${time}).`;
  // A hard move's reason already names its largest gaps.
  const first =
    t.learnFirst.length && !(t.difficulty === 'hard' && t.reason?.startsWith('the largest gaps'))
      ? `; learn first: ${t.learnFirst.map(ratedElementName).join(', ')}`
      : '';
  const why = t.reason ? `; ${t.reason}` : '';
  return `Moving from ${names[from]} to ${names[to]}: ${t.skillGap}% of the skill and knowledge level it needs is new (${t.difficulty}, ${time})${why}${first}.`;
}

function salarySentence(data: Sides, names: Names): string {
  const ra = formatRange(data.a);
  const rb = formatRange(data.b);
  const part = (n: string, side: ComparisonSide, r: string | null) =>
    r === null ? `${n} ${agree('has', side.titleNumber)} no published salary range` : `${n} ${agree('earns', side.titleNumber)} ${r}`;
  return `${part(names.a, data.a, ra)}, while ${part(names.b, data.b, rb)}.`;
}

function reasons(data: Sides, who: 'a' | 'b'): string[] {
  const [me, other] = sideOf(data, who);
  const out: string[] = [];
  for (const key of VERDICT_KEYS) {
    if (data.verdicts[key] === who) out.push(`${ATTRIBUTES[key].reason} ${versus(key, me, other)}`);
  }
  // Yes/no figures tell a reader something only where the sides differ, and both are known.
  if (me.remoteFriendly.value === true && other.remoteFriendly.value === false) out.push(REMOTE_REASON);
  if (me.remoteFriendly.value === false && other.remoteFriendly.value === true) out.push(NO_REMOTE_REASON);
  if (me.requiresCoding.value === true && other.requiresCoding.value === false) out.push(CODING_REASON);
  if (me.requiresCoding.value === false && other.requiresCoding.value === true) out.push(NO_CODING_REASON);
  out.push(...outlookReasons(me, other), ...profileReasons(me, other));
  return out;
}

function conclusion(data: Sides, names: Names): string {
  const out: string[] = [];
  const ties: string[] = [];
  for (const key of VERDICT_KEYS) {
    const v = data.verdicts[key];
    if (v !== 'tie' || !comparable(key, data.a, data.b)) out.push(attributeSentence(data, names, key));
    else ties.push(`${ATTRIBUTES[key].label} (${tieValue(key, data.a)})`);
  }
  if (ties.length > 0) {
    const list = ties.length === 1 ? ties[0] : `${ties.slice(0, -1).join(', ')} and ${ties[ties.length - 1]}`;
    out.push(`They tie on ${list}.`);
  }
  const wins = (w: 'a' | 'b') => VERDICT_KEYS.filter((k) => data.verdicts[k] === w).length;
  const [wa, wb] = [wins('a'), wins('b')];
  out.push(
    wa + wb === 0
      ? 'Neither career leads on any measure compared.'
      : `${names.a} ${agree('leads', data.a.titleNumber)} on ${wa} of ${VERDICT_KEYS.length} measures and ${names.b} on ${wb}.`,
  );
  return out.join(' ');
}

/** Writes summary, chooseA, chooseB and conclusion from structured comparison data. */
export function writeComparisonText(data: ComparisonData): ComparisonText {
  return writeText({ a: data.a, b: data.b, verdicts: data.verdicts, transition: data.transition, skills: tallySkills(data.skills) });
}

/** The text from the data with its skills tallied (the serving path builds no skill lists). */
export function writeText(data: TextInput): ComparisonText {
  const names = sideNames(data);
  const summary = [
    `${names.a} vs ${names.b}: salary, AI replacement risk, market demand, skills and learning curve compared.`,
    salarySentence(data, names),
    outlookSentence(data.a, data.b, names),
    tasksSentence(data.a, names.a),
    tasksSentence(data.b, names.b),
    skillsSentence(data, names),
    transitionSentence(data, names, 'a'),
    transitionSentence(data, names, 'b'),
  ].join(' ');
  return { summary, chooseA: reasons(data, 'a'), chooseB: reasons(data, 'b'), conclusion: conclusion(data, names) };
}
