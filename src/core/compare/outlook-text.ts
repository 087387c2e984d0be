/**
 * The outlook in words: one summary sentence with each side's newest BLS projection (and
 * whether it meets O*NET's Bright Outlook rule), and "choose if" reasons that compare growth or
 * openings only when both sides have them for the same projection period.
 */
import { formatUsd } from './display.js';
import { agree } from './grammar.js';
import type { ComparisonSide, ProjectionShown } from './types.js';

/** The newest projection of a side, or null. */
export function newestProjection(s: ComparisonSide): ProjectionShown | null {
  const ps = s.projections.value;
  return ps && ps.length > 0 ? ps[ps.length - 1]! : null;
}

/** "+33.5%" / "-2.0%". */
export const formatPct = (v: number): string => `${v >= 0 ? '+' : ''}${v.toFixed(1)}%`;
/** "23,400" (whole jobs). */
export const formatCount = (v: number): string => formatUsd(v).slice(1);

const BRIGHT = ' (an O*NET Bright Outlook occupation)';

function part(name: string, s: ComparisonSide): string {
  const p = newestProjection(s);
  if (!p || (p.changePct === null && p.annualOpenings === null)) return `${name} ${agree('has', s.titleNumber)} no BLS projection`;
  const growth = p.changePct === null ? 'no published growth' : `${formatPct(p.changePct)} employment`;
  const openings = p.annualOpenings === null ? '' : ` with ${formatCount(p.annualOpenings)} openings a year`;
  const bright = s.brightOutlook.value?.bright ? BRIGHT : '';
  const est =
    'estimatedFrom' in s.projections && s.projections.estimatedFrom ? ` (estimated from ${s.projections.estimatedFrom}, the closest O*NET occupation)` : '';
  return `${name} ${growth}${openings} in ${p.period}${bright}${est}`;
}

/** "BLS projects Data Scientists +33.5% employment with 23,400 openings a year in 2024-34 (…), Software Developers …". */
export function outlookSentence(a: ComparisonSide, b: ComparisonSide, names: { a: string; b: string }): string {
  const pa = newestProjection(a);
  const pb = newestProjection(b);
  if (!pa && !pb) return 'Neither career has a BLS employment projection.';
  return `Outlook (BLS Employment Projections): ${part(names.a, a)}; ${part(names.b, b)}.`;
}

/** "Want faster projected job growth (+33.5% vs +15.8%, BLS 2024-34)". */
export const GROWTH_REASON = /^Want faster projected job growth \(([+-][\d.]+)% vs ([+-][\d.]+)%, BLS (\d{4}-\d{2})\)$/;
/** "Want a larger number of openings (115,200 vs 23,400 a year, BLS 2024-34)". */
export const OPENINGS_REASON = /^Want a larger number of job openings \(([\d,]+) vs ([\d,]+) a year, BLS (\d{4}-\d{2})\)$/;
/** Gaps worth a reason: 3 points of projected growth; half again as many openings. */
const GROWTH_GAP = 3;
const OPENINGS_RATIO = 1.5;

export function outlookReasons(me: ComparisonSide, other: ComparisonSide): string[] {
  const x = newestProjection(me);
  const y = newestProjection(other);
  if (!x || !y || x.period !== y.period) return [];
  const out: string[] = [];
  if (x.changePct !== null && y.changePct !== null && x.changePct - y.changePct >= GROWTH_GAP) {
    out.push(`Want faster projected job growth (${formatPct(x.changePct)} vs ${formatPct(y.changePct)}, BLS ${x.period})`);
  }
  if (x.annualOpenings !== null && y.annualOpenings !== null && x.annualOpenings >= OPENINGS_RATIO * y.annualOpenings && x.annualOpenings > 0) {
    out.push(`Want a larger number of job openings (${formatCount(x.annualOpenings)} vs ${formatCount(y.annualOpenings)} a year, BLS ${x.period})`);
  }
  return out;
}
