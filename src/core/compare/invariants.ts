/**
 * `checkComparisonInvariants`: every claim the text makes, checked against the numbers.
 * It reads text independently of how it was written (so it also flags the seed page's
 * errors): names are replaced by ⟨A⟩/⟨B⟩, each sentence's attributes and comparatives are
 * found by keyword, and each claim is checked against verdicts and shown values.
 */
import { checkStructure } from './invariants-structure.js';
import { checkFigureText } from './invariants-text.js';
import { checkOutlookReason, checkOutlookSentences } from './invariants-outlook.js';
import { checkTasksSentences } from './invariants-tasks.js';
import { checkAgreement, checkDuplicates, checkEmptyReason, checkFlagReason, checkProfileReason } from './invariants-prose.js';
import { ATTRIBUTES, comparable, sideNames, tieValue } from './phrases.js';
import type { Comparison, ComparisonSide, VerdictKey } from './types.js';
import { VERDICT_KEYS } from './types.js';
import { HIGHER_IS_BETTER } from './verdicts.js';

const MENTION: Record<VerdictKey, RegExp> = {
  salaryCeiling: /salary ceiling/i,
  salaryMedian: /median salary/i,
  demand: /\bdemand\b/i,
  aiRisk: /\bAI (replacement )?risk\b/i,
  learningCurve: /learning curve/i,
  entryBarrier: /entry barrier/i,
  difficulty: /\b(easier|harder|difficulty|difficult)\b/i,
};
const UP = /\b(higher|stronger|more|greater|larger|longer|harder)\b/i;
const DOWN = /\b(lower|weaker|less|smaller|fewer|shorter|easier)\b/i;
const TIE = /\b(tie|tied|ties|same|both|equal)\b/i;
const UNKNOWN = /\b(not known|unknown|no published)\b/i;

type Who = 'a' | 'b';
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Replaces side names with ⟨A⟩ / ⟨B⟩ (longer name first) and splits into sentences. */
export function sentencesOf(text: string, names: { a: string; b: string }): string[] {
  const order: Who[] = names.a.length >= names.b.length ? ['a', 'b'] : ['b', 'a'];
  // Quoted task statements are O*NET's words: set aside first, so a period inside them ends no
  // sentence and a name inside them is not a side.
  const quoted: string[] = [];
  let s = text.replace(/“[^”]*”/g, (q) => `“${quoted.push(q) - 1}”`);
  for (const w of order) s = s.replace(new RegExp(escapeRegExp(names[w]), 'g'), w === 'a' ? '⟨A⟩' : '⟨B⟩');
  return s
    .split(/(?<=[.!?])\s+(?=[A-Z0-9⟨])/)
    .filter((x) => x.trim() !== '')
    .map((x) => x.replace(/“(\d+)”/g, (_m, i: string) => quoted[Number(i)]!));
}

function sideOf(c: Comparison, w: Who): [ComparisonSide, ComparisonSide] {
  return w === 'a' ? [c.a, c.b] : [c.b, c.a];
}

/** Checks one sentence or reason; `subject` is forced for chooseA / chooseB items. */
function checkClaim(c: Comparison, raw: string, where: string, forced: Who | null, out: string[]): void {
  // Quoted task statements are O*NET's words, not claims of the comparison.
  const s = raw.replace(/\(for example[^)]*\)/g, '').replace(/“[^”]*”/g, '“…”');
  const subject: Who | null = forced ?? (s.startsWith('⟨A⟩') ? 'a' : s.startsWith('⟨B⟩') ? 'b' : null);
  const keys = VERDICT_KEYS.filter((k) => MENTION[k].test(s));
  const bare = s.replace(/\(.*?\)/g, '');
  const upAt = bare.search(UP);
  const downAt = bare.search(DOWN);
  // The first comparative word carries the claim ("lower entry barrier, making it more …").
  const up = upAt >= 0 && (downAt < 0 || upAt < downAt);
  const down = downAt >= 0 && !up;
  if (keys.length === 0) {
    if ((up || down) && !/\bMoving from\b/.test(s)) out.push(`${where}: comparative with no attribute: "${raw}"`);
    return;
  }
  if ((up || down) && TIE.test(s)) out.push(`${where}: comparative and tie in one sentence: "${raw}"`);
  if (up || down) {
    if (keys.length > 1) out.push(`${where}: one comparative over several attributes: "${raw}"`);
    const key = keys[0] as VerdictKey;
    const saysBetter = (HIGHER_IS_BETTER[key] ? up : down) && !(HIGHER_IS_BETTER[key] ? down : up);
    const v = c.verdicts[key];
    if (!subject) return void out.push(`${where}: comparative without a named side: "${raw}"`);
    const winner = saysBetter ? subject : subject === 'a' ? 'b' : 'a';
    if (v !== winner) out.push(`${where}: claims ${winner.toUpperCase()} wins ${key} but the verdict is '${v}': "${raw}"`);
    const m = /\(([^()]+?) vs ([^()]+?)\)/.exec(s);
    if (m) {
      const [me, other] = sideOf(c, subject);
      const unit = ATTRIBUTES[key].unit;
      const second = unit && m[2]?.endsWith(unit) ? m[2].slice(0, -unit.length) : m[2];
      if (m[1] !== ATTRIBUTES[key].value(me) || second !== ATTRIBUTES[key].value(other)) {
        out.push(`${where}: figures "(${m[1]} vs ${m[2]})" are not ${subject.toUpperCase()}'s then the other's: "${raw}"`);
      }
    }
    return;
  }
  for (const key of keys) checkNonComparative(c, key, s, raw, where, out);
}

function checkNonComparative(c: Comparison, key: VerdictKey, s: string, raw: string, where: string, out: string[]): void {
  const known = comparable(key, c.a, c.b);
  if (UNKNOWN.test(s)) {
    if (known) out.push(`${where}: says ${key} is not known, but both values are: "${raw}"`);
    return;
  }
  if (!TIE.test(s)) return;
  if (c.verdicts[key] !== 'tie') out.push(`${where}: calls ${key} a tie but the verdict is '${c.verdicts[key]}': "${raw}"`);
  if (!known) return void out.push(`${where}: calls ${key} a tie but a value is unknown: "${raw}"`);
  const label = escapeRegExp(ATTRIBUTES[key].label);
  const m = new RegExp(`${label} \\(([^()]+)\\)`, 'i').exec(s);
  if (m && (m[1] !== tieValue(key, c.a) || m[1] !== tieValue(key, c.b))) {
    out.push(`${where}: tie value "${m[1]}" is not both sides' value: "${raw}"`);
  }
}

function checkReasons(c: Comparison, w: Who, out: string[]): void {
  const [me, other] = sideOf(c, w);
  const list = w === 'a' ? c.chooseA : c.chooseB;
  const where = w === 'a' ? 'chooseA' : 'chooseB';
  const seen = new Set<string>();
  for (const item of list) {
    if (seen.has(item)) out.push(`${where}: duplicate reason "${item}"`);
    seen.add(item);
    if (item.includes(w === 'a' ? '⟨B⟩' : '⟨A⟩')) out.push(`${where}: names the other career: "${item}"`);
    checkEmptyReason(me, item, where, out);
    if (checkFlagReason(me, other, item, where, out) || checkProfileReason(me, other, item, where, out) || checkOutlookReason(me, other, item, where, out))
      continue;
    checkClaim(c, item, where, w, out);
  }
}

/** The attributes a sentence judges (compares, ties or says unknown), for the duplicate rule. */
function judgedKeys(raw: string): VerdictKey[] {
  const s = raw.replace(/“[^”]*”/g, '“…”');
  const bare = s.replace(/\(.*?\)/g, '');
  if (/\bMoving from\b/.test(s)) return [];
  if (!(UP.test(bare) || DOWN.test(bare) || TIE.test(s) || UNKNOWN.test(s))) return [];
  return VERDICT_KEYS.filter((k) => MENTION[k].test(s));
}

function checkNamesAndTotals(c: Comparison, names: { a: string; b: string }, out: string[]): void {
  if (!c.summary.startsWith(`${names.a} vs ${names.b}`)) out.push(`summary: does not open with "${names.a} vs ${names.b}"`);
  const lead = /⟨A⟩ leads? on (\d+) of \d+ measures and ⟨B⟩ on (\d+)/.exec(sentencesOf(c.conclusion, names).join(' '));
  const wins = (w: Who) => VERDICT_KEYS.filter((k) => c.verdicts[k] === w).length;
  if (lead && (Number(lead[1]) !== wins('a') || Number(lead[2]) !== wins('b'))) {
    out.push(`conclusion: lead counts ${lead[1]}/${lead[2]} differ from verdicts ${wins('a')}/${wins('b')}`);
  }
}

/**
 * Every violation of a comparison's invariants, as readable strings; empty when the text and
 * numbers agree. Used by unit tests and by the integration test over every real pair.
 */
export function checkComparisonInvariants(c: Comparison): string[] {
  const out = checkStructure(c);
  const names = sideNames(c);
  if (names.a === names.b) out.push('names: both sides show the same name');
  checkNamesAndTotals(c, names, out);
  const summary = sentencesOf(c.summary, names);
  const conclusion = sentencesOf(c.conclusion, names);
  for (const s of summary) checkClaim(c, s, 'summary', null, out);
  for (const s of conclusion) checkClaim(c, s, 'conclusion', null, out);
  checkFigureText(c, [...summary, ...conclusion], out);
  checkOutlookSentences(c, summary, out);
  checkTasksSentences(c, summary, out);
  checkAgreement(c, summary, 'summary', out);
  checkAgreement(c, conclusion, 'conclusion', out);
  checkDuplicates([...summary, ...conclusion], judgedKeys, out);
  const sentencesA = c.chooseA.map((x) => sentencesOf(x, names).join(' '));
  const sentencesB = c.chooseB.map((x) => sentencesOf(x, names).join(' '));
  checkReasons({ ...c, chooseA: sentencesA, chooseB: sentencesB }, 'a', out);
  checkReasons({ ...c, chooseA: sentencesA, chooseB: sentencesB }, 'b', out);
  return out;
}
