/**
 * The fields of a career page, recognised by the meaning of their label, and their value
 * parsers. Pure, no HTML.
 */
import { parseSalaryText } from '../../../core/salary-text.js';

export type { DeclaredFigures } from '../../../core/fact-keys.js';
import type { DeclaredFigures } from '../../../core/fact-keys.js';
export type FieldName = 'salary' | 'demand' | 'aiRisk' | 'learningCurve' | 'difficulty' | 'entryBarrier' | 'remote' | 'coding' | 'category';

/** Label wordings seen or expected for each field; order matters (AI risk before generic "risk"). */
const LABELS: [FieldName, RegExp][] = [
  ['aiRisk', /\b(ai|automation)\b.*\b(replacement|risk|exposure)\b|\breplacement risk\b/],
  ['salary', /\b(salary|pay|compensation|earnings|wage)s?\b/],
  ['demand', /\bdemand\b/],
  ['learningCurve', /\blearning (curve|time)\b|\btime to (learn|proficiency)\b|\bramp[- ]?up\b/],
  ['entryBarrier', /\b(entry barrier|barrier to entry|barriers? to entry)\b/],
  ['difficulty', /\bdifficulty\b|\bhow hard\b/],
  ['remote', /\bremote\b/],
  ['coding', /\b(coding|programming)\b/],
  ['category', /^(category|field|career (category|field)|industry)$/],
];

/** Which field a label names, by meaning (case, punctuation and emoji ignored). */
export function recognizeLabel(label: string): FieldName | null {
  const text = label
    .toLowerCase()
    .replace(/[^a-z0-9% ]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return LABELS.find(([, re]) => re.test(text))?.[0] ?? null;
}

/** Reads one value into the figures; returns false when the value is not readable for that field. */
export function applyValue(figures: DeclaredFigures, field: Exclude<FieldName, 'category'>, raw: string): boolean {
  const value = raw.replace(/\s+/g, ' ').trim();
  switch (field) {
    case 'salary': {
      const s = parseSalaryText(value);
      if (!s) return false;
      figures.salaryMin = s.min;
      figures.salaryMax = s.max;
      return true;
    }
    case 'demand':
      return set(figures, 'demandScore', readScore(value));
    case 'aiRisk':
      return set(figures, 'aiRiskPct', readPercent(value));
    case 'learningCurve':
      return set(figures, 'learningCurveMonths', readMonths(value));
    case 'difficulty':
      return set(figures, 'difficulty', readWord(value));
    case 'entryBarrier':
      return set(figures, 'entryBarrier', readWord(value));
    case 'remote':
      return set(figures, 'remoteFriendly', readYesNo(value));
    case 'coding':
      return set(figures, 'requiresCoding', readYesNo(value));
  }
}

function set<K extends keyof DeclaredFigures>(f: DeclaredFigures, key: K, value: DeclaredFigures[K]): boolean {
  if (value === null) return false;
  f[key] = value;
  return true;
}

/** `9.0/10` → 9; `90/100` → 9; a bare number is taken as already on the 0–10 scale. */
function readScore(value: string): number | null {
  const m = /(\d+(?:\.\d+)?)\s*(?:\/\s*(\d+))?/.exec(value);
  if (!m) return null;
  const score = (Number(m[1]) * 10) / Number(m[2] ?? 10);
  return score >= 0 && score <= 10 ? Math.round(score * 10) / 10 : null;
}

function readPercent(value: string): number | null {
  const m = /(\d+(?:\.\d+)?)\s*%/.exec(value) ?? /^(\d+(?:\.\d+)?)$/.exec(value);
  const pct = m ? Number(m[1]) : NaN;
  return pct >= 0 && pct <= 100 ? pct : null;
}

/** `12 months`, `1.5 years`, `6 weeks` → months (a year is 12 months, a month 52/12 weeks). */
function readMonths(value: string): number | null {
  const m = /(\d+(?:\.\d+)?)\s*(months?|mos?|years?|yrs?|weeks?|wks?)\b/i.exec(value);
  if (!m) return null;
  const n = Number(m[1]);
  const unit = m[2]!.toLowerCase();
  if (unit.startsWith('y')) return n * 12;
  if (unit.startsWith('w')) return Math.round(((n * 12) / 52) * 10) / 10;
  return n;
}

function readWord(value: string): string | null {
  const word = value.replace(/[^\p{L}\p{N} -]+/gu, '').trim();
  return word ? word : null;
}

/** `✅ Yes` / `❌ No` / `yes` / `true` / `✓` → boolean. */
function readYesNo(value: string): boolean | null {
  if (/\b(no|false|not required)\b|❌|✖|✗/i.test(value)) return false;
  if (/\b(yes|true|required)\b|✅|✔|✓/i.test(value)) return true;
  return null;
}

export function emptyFigures(): DeclaredFigures {
  return {
    salaryMin: null,
    salaryMax: null,
    demandScore: null,
    aiRiskPct: null,
    learningCurveMonths: null,
    difficulty: null,
    entryBarrier: null,
    remoteFriendly: null,
    requiresCoding: null,
  };
}
