/**
 * Verdicts: the better side per attribute, decided on display-precision values (see
 * display.ts), so "higher" is never said of two figures that display the same. When either
 * side's value is unknown the verdict is 'tie' (the contract has no 'unknown'); the text then
 * says which data is missing instead of comparing.
 */
import { verdictInputs } from './display.js';
import type { ComparisonSide, Verdict, VerdictKey, Verdicts } from './types.js';
import { VERDICT_KEYS } from './types.js';

/** True for verdicts where the higher value is better (pay, demand). */
export const HIGHER_IS_BETTER: Readonly<Record<VerdictKey, boolean>> = Object.freeze({
  salaryCeiling: true,
  salaryMedian: true,
  demand: true,
  aiRisk: false,
  learningCurve: false,
  entryBarrier: false,
  difficulty: false,
});

const HIGHER = VERDICT_KEYS.map((k) => HIGHER_IS_BETTER[k]);

// All 3^7 verdict strings, indexed by their base-3 code, so the hot path builds no strings.
const LETTERS = ['t', 'a', 'b'];
const TABLE: string[] = Array.from({ length: 3 ** HIGHER.length }, (_, code) => HIGHER.map((_h, i) => LETTERS[Math.floor(code / 3 ** i) % 3]).join(''));

/** Verdict letters ('a' | 'b' | 't') from two verdict-input vectors. */
export function verdictLetters(x: Float64Array, y: Float64Array): string {
  let code = 0;
  let place = 1;
  for (let i = 0; i < HIGHER.length; i++) {
    const a = x[i] as number;
    const b = y[i] as number;
    if (a > b) code += (HIGHER[i] ? 1 : 2) * place;
    else if (a < b) code += (HIGHER[i] ? 2 : 1) * place;
    place *= 3;
  }
  return TABLE[code] as string;
}

/** Expands verdict letters to the contract's record. */
export function lettersToVerdicts(letters: string): Verdicts {
  const out = {} as Verdicts;
  VERDICT_KEYS.forEach((k, i) => {
    const c = letters[i];
    out[k] = c === 'a' ? 'a' : c === 'b' ? 'b' : 'tie';
  });
  return out;
}

/** The record back to letters. */
export function verdictsToLetters(v: Verdicts): string {
  return VERDICT_KEYS.map((k) => (v[k] === 'tie' ? 't' : v[k])).join('');
}

/** Verdicts of two sides (the slow path; comparePrepared uses precomputed inputs). */
export function computeVerdicts(a: ComparisonSide, b: ComparisonSide): Verdicts {
  return lettersToVerdicts(verdictLetters(verdictInputs(a), verdictInputs(b)));
}

/** 'a' ↔ 'b', 'tie' stays. */
export function flipVerdict(v: Verdict): Verdict {
  return v === 'a' ? 'b' : v === 'b' ? 'a' : 'tie';
}
