/**
 * Prose invariants: verbs after a career name agree with its number ("Data Scientists earn",
 * never "Data Scientists pays"); no claim in the running text is made twice; a "choose if"
 * reason compares only figures both sides have, states them as they are, and says something
 * (a bare category name is not a reason). Sentences come with names as ⟨A⟩ / ⟨B⟩.
 */
import { numberOfVerb } from './grammar.js';
import { CODING_REASON, NO_CODING_REASON, NO_REMOTE_REASON, REMOTE_REASON } from './phrases.js';
import { estimateNote, INTEREST_REASON, RIASEC_MEANING, STYLE_REASON } from './reasons.js';
import type { Comparison, ComparisonSide } from './types.js';

/** Every "⟨A⟩ <verb>" / "⟨B⟩ <verb>" whose verb does not agree with that side's title. */
export function checkAgreement(c: Comparison, sentences: readonly string[], where: string, out: string[]): void {
  for (const s of sentences) {
    for (const m of s.matchAll(/⟨(A|B)⟩ (\w+)/g)) {
      const needs = numberOfVerb(m[2]!);
      const side = m[1] === 'A' ? c.a : c.b;
      if (needs !== null && needs !== side.titleNumber) {
        out.push(`${where}: grammar: "${m[2]}" after a ${side.titleNumber} title ("${side.title}"): "${s}"`);
      }
    }
  }
}

const normalize = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9%$⟨⟩]+/g, ' ')
    .trim();

/**
 * No sentence of the running text (summary and conclusion) repeats another, and no attribute is
 * judged (compared, tied or said unknown) in two sentences. `mentions` gives the attributes a
 * sentence judges.
 */
export function checkDuplicates(sentences: readonly string[], mentions: (s: string) => readonly string[], out: string[]): void {
  const seen = new Set<string>();
  const judged = new Map<string, string>();
  for (const s of sentences) {
    const n = normalize(s);
    if (seen.has(n)) out.push(`duplicate: the sentence "${s}" appears twice`);
    seen.add(n);
    for (const key of mentions(s)) {
      const first = judged.get(key);
      if (first !== undefined) out.push(`duplicate: ${key} is judged twice: "${first}" and "${s}"`);
      else judged.set(key, s);
    }
  }
}

const num = (x: string | undefined) => (x === undefined ? undefined : Number(x));

/** Checks one data-drawn reason; true when `item` is one (checked), false when it is not. */
export function checkProfileReason(me: ComparisonSide, other: ComparisonSide, item: string, where: string, out: string[]): boolean {
  const i = INTEREST_REASON.exec(item);
  if (i) {
    const area = i[2] as keyof typeof RIASEC_MEANING;
    const x = num(i[3])!;
    const y = num(i[4]);
    const mine = me.interests.value?.find((t) => t.area === area)?.score;
    const theirs = other.interests.value?.find((t) => t.area === area)?.score;
    if (RIASEC_MEANING[area] !== i[1]) out.push(`${where}: interest reason describes ${area} wrongly: "${item}"`);
    if (mine !== x) out.push(`${where}: ${area} interest is ${mine ?? 'unknown'}, not ${x}: "${item}"`);
    if (y === undefined && theirs !== undefined) out.push(`${where}: interest reason leaves out the other side's known score: "${item}"`);
    if (y !== undefined && theirs === undefined) out.push(`${where}: compares ${area} interest with a score the other side lacks: "${item}"`);
    if (y !== undefined && (theirs !== y || x <= y))
      out.push(`${where}: ${area} interest ${x} vs ${y} does not favour this side (other: ${theirs}): "${item}"`);
    checkEstimate(i[5], estimateNote(me.interests, y === undefined ? null : other.interests), item, where, out);
    return true;
  }
  const w = STYLE_REASON.exec(item);
  if (w) {
    const x = num(w[2])!;
    const y = num(w[3]);
    const mine = me.workStyles.value?.find((t) => t.name === w[1])?.importance;
    const theirs = other.workStyles.value?.find((t) => t.name === w[1])?.importance;
    if (mine !== x) out.push(`${where}: ${w[1]} importance is ${mine ?? 'unknown'}, not ${x}: "${item}"`);
    if (y === undefined && other.workStyles.value !== null) out.push(`${where}: work-style reason leaves out the other side's known ratings: "${item}"`);
    if (y !== undefined && theirs === undefined) out.push(`${where}: compares ${w[1]} with a rating the other side lacks: "${item}"`);
    if (y !== undefined && (theirs !== y || x <= y)) out.push(`${where}: ${w[1]} ${x} vs ${y} does not favour this side (other: ${theirs}): "${item}"`);
    checkEstimate(w[4], estimateNote(me.workStyles, y === undefined ? null : other.workStyles), item, where, out);
    return true;
  }
  return false;
}

/** A reason says "estimated from …" exactly when (and for whom) its figures are borrowed. */
function checkEstimate(said: string | undefined, expected: string, item: string, where: string, out: string[]): void {
  if ((said === undefined ? '' : `; ${said}`) !== expected) out.push(`${where}: reason should say "${expected.slice(2) || 'no estimate'}": "${item}"`);
}

/** The yes/no reasons: this side's flag must be known and the other side's known and opposite. */
export function checkFlagReason(me: ComparisonSide, other: ComparisonSide, item: string, where: string, out: string[]): boolean {
  const flag =
    item === REMOTE_REASON || item === NO_REMOTE_REASON ? 'remoteFriendly' : item === CODING_REASON || item === NO_CODING_REASON ? 'requiresCoding' : null;
  if (flag === null) return false;
  const want = item === REMOTE_REASON || item === CODING_REASON;
  const [x, y] = [me[flag].value, other[flag].value];
  if (x !== want) out.push(`${where}: "${item}" but this side's ${flag} is ${x === null ? 'unknown' : x}`);
  if (y !== !want) out.push(`${where}: "${item}" compares ${flag} with the other side's ${y === null ? 'unknown figure' : y}`);
  return true;
}

/** A reason that only names a category ("Are interested in Computer and Mathematical") says nothing. */
export function checkEmptyReason(me: ComparisonSide, item: string, where: string, out: string[]): void {
  if (me.category && item.endsWith(me.category)) out.push(`${where}: reason only names the category: "${item}"`);
}
