/**
 * The words text and invariant checker share: names as shown, each attribute's label, its
 * shown value, and its "better" sentence. Keeping them in one table means the checker reads
 * exactly the claims the writer can make.
 */
import { bothBounds, formatDemand, formatMonths, formatSalary } from './display.js';
import { agree } from './grammar.js';
import type { ComparisonData, ComparisonSide, VerdictKey } from './types.js';

/** Names as the text shows them; equal titles get the slug appended so sides stay distinct. */
export function sideNames(data: Pick<ComparisonData, 'a' | 'b'>): { a: string; b: string } {
  if (data.a.title !== data.b.title) return { a: data.a.title, b: data.b.title };
  return { a: `${data.a.title} (${data.a.slug})`, b: `${data.b.title} (${data.b.slug})` };
}

export interface AttributePhrases {
  /** Noun used in tie and missing-data sentences ("median salary"). */
  label: string;
  /** Shown value of a side, or null when unknown. */
  value: (s: ComparisonSide) => string | null;
  /** "{winner} <better> (x vs y)" — the only comparative each attribute uses. */
  better: string;
  /** Short reason in chooseA / chooseB. */
  reason: string;
  /** Unit after "x vs y", e.g. " months". */
  unit: string;
}

const usd = (f: ComparisonSide['salary']['max']) => (f.value === null ? null : formatSalary(f));

/** Phrases per verdict attribute. */
export const ATTRIBUTES: Readonly<Record<VerdictKey, AttributePhrases>> = Object.freeze({
  salaryCeiling: {
    label: 'salary ceiling',
    value: (s) => usd(s.salary.max),
    better: 'offers a higher salary ceiling',
    reason: 'Want a higher salary ceiling',
    unit: '',
  },
  salaryMedian: {
    label: 'median salary',
    value: (s) => usd(s.salary.median),
    better: 'has a higher median salary',
    reason: 'Want a higher median salary',
    unit: '',
  },
  demand: {
    label: 'market demand',
    value: (s) => (s.demandScore.value === null ? null : formatDemand(s.demandScore.value)),
    better: 'scores higher on market demand',
    reason: 'Want stronger market demand',
    unit: ' out of 10',
  },
  aiRisk: {
    label: 'AI replacement risk',
    value: (s) => (s.aiReplacementRisk.value === null ? null : `${s.aiReplacementRisk.value}%`),
    better: 'has a lower AI replacement risk',
    reason: 'Want lower AI replacement risk',
    unit: '',
  },
  learningCurve: {
    label: 'learning curve',
    value: (s) => (s.learningCurveMonths.value === null ? null : String(s.learningCurveMonths.value)),
    better: 'has a shorter learning curve',
    reason: 'Want a shorter learning curve',
    unit: ' months',
  },
  entryBarrier: {
    label: 'entry barrier',
    value: (s) => s.entryBarrier.value,
    better: 'has a lower entry barrier',
    reason: 'Want a lower entry barrier',
    unit: '',
  },
  difficulty: {
    label: 'difficulty',
    value: (s) => s.difficulty.value,
    better: 'is easier to master',
    reason: 'Want an easier path',
    unit: '',
  },
});

/** Both sides' figures for `key` as published: top-coded salaries are bounds of both. */
const SALARY_FIGURE: Partial<Record<VerdictKey, (s: ComparisonSide) => ComparisonSide['salary']['max']>> = {
  salaryCeiling: (s) => s.salary.max,
  salaryMedian: (s) => s.salary.median,
};

/**
 * True when both sides' values for `key` are known and can be ordered: two salaries that
 * are both BLS's top code ("at least $239,200") cannot, so they are neither a tie nor a win.
 */
export function comparable(key: VerdictKey, a: ComparisonSide, b: ComparisonSide): boolean {
  if (ATTRIBUTES[key].value(a) === null || ATTRIBUTES[key].value(b) === null) return false;
  const fig = SALARY_FIGURE[key];
  return !(fig && bothBounds(fig(a), fig(b)));
}

/** "(x vs y unit)" with the winner's value first. */
export function versus(key: VerdictKey, first: ComparisonSide, second: ComparisonSide): string {
  const p = ATTRIBUTES[key];
  return `(${p.value(first)} vs ${p.value(second)}${p.unit})`;
}

/** A tie's shown value with its unit ("12 months", "9.0/10"). */
export function tieValue(key: VerdictKey, side: ComparisonSide): string {
  const v = ATTRIBUTES[key].value(side) as string;
  if (key === 'learningCurve') return formatMonths(Number(v));
  if (key === 'demand') return `${v}/10`;
  return v;
}

/** Said only when this side is teleworkable and the other is known not to be (and the reverse). */
export const REMOTE_REASON = 'Want work that can be done from home';
export const NO_REMOTE_REASON = 'Prefer to work on site';
/** Said only when this side requires coding and the other is known not to (and the reverse). */
export const CODING_REASON = 'Want to write code as part of the job';
export const NO_CODING_REASON = 'Prefer work without coding';

/** A phrase whose first word is a verb of VERB_FORMS ("offers a higher …"), agreed with `number`. */
export function agreeLead(phrase: string, number: 'singular' | 'plural'): string {
  const sp = phrase.indexOf(' ');
  return `${agree(phrase.slice(0, sp), number)}${phrase.slice(sp)}`;
}
