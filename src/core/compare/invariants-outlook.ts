/**
 * Outlook invariants: the summary's projection figures are each side's newest BLS projection,
 * "Bright Outlook" is said only of a side that meets the rule, "no BLS projection" only of a side
 * without one; growth and openings reasons compare the same period and favour the side they are for.
 */
import { formatCount, formatPct, GROWTH_REASON, newestProjection, OPENINGS_REASON } from './outlook-text.js';
import type { Comparison, ComparisonSide } from './types.js';

export function checkOutlookSentences(c: Comparison, sentences: readonly string[], out: string[]): void {
  for (const s of sentences) {
    if (!s.startsWith('Outlook (BLS')) continue;
    for (const [tag, side] of [
      ['A', c.a],
      ['B', c.b],
    ] as const) {
      const p = newestProjection(side);
      const piece = s.split(';').find((x) => x.includes(`⟨${tag}⟩`)) ?? '';
      if (/no BLS projection/.test(piece)) {
        if (p && (p.changePct !== null || p.annualOpenings !== null)) out.push(`outlook: says ${tag} has no projection, but it has ${p.period}`);
        continue;
      }
      if (!p) {
        out.push(`outlook: gives ${tag} a projection it does not have: "${piece}"`);
        continue;
      }
      const g = /⟨[AB]⟩ ([+-][\d.]+%) employment/.exec(piece);
      if (g && (p.changePct === null || g[1] !== formatPct(p.changePct))) out.push(`outlook: ${tag}'s growth shown as ${g[1]}, but it is ${p.changePct}`);
      const o = /with ([\d,]+) openings a year in (\d{4}-\d{2})/.exec(piece);
      if (o && (p.annualOpenings === null || o[1] !== formatCount(p.annualOpenings) || o[2] !== p.period)) {
        out.push(`outlook: ${tag}'s openings shown as ${o[1]} in ${o[2]}, but they are ${p.annualOpenings} in ${p.period}`);
      }
      const est = 'estimatedFrom' in side.projections ? side.projections.estimatedFrom : undefined;
      const saysEst = /estimated from ([a-z0-9.-]+), the closest O\*NET occupation/.exec(piece)?.[1];
      if (saysEst !== est)
        out.push(
          `outlook: ${tag}'s projection is ${est ? `estimated from ${est}` : 'its own'}, the text says ${saysEst ? `estimated from ${saysEst}` : 'its own'}`,
        );
      const saysBright = /Bright Outlook/.test(piece);
      if (saysBright !== (side.brightOutlook.value?.bright === true))
        out.push(
          `outlook: Bright Outlook ${saysBright ? 'said' : 'not said'} of ${tag}, whose rule result is ${side.brightOutlook.value?.bright ?? 'unknown'}`,
        );
    }
  }
}

/** Checks a growth or openings reason; true when `item` is one. */
export function checkOutlookReason(me: ComparisonSide, other: ComparisonSide, item: string, where: string, out: string[]): boolean {
  const g = GROWTH_REASON.exec(item);
  const o = g ? null : OPENINGS_REASON.exec(item);
  const m = g ?? o;
  if (!m) return false;
  const x = newestProjection(me);
  const y = newestProjection(other);
  if (!x || !y) {
    out.push(`${where}: compares outlook with a projection a side lacks: "${item}"`);
    return true;
  }
  if (x.period !== m[3] || y.period !== m[3]) out.push(`${where}: outlook reason mixes projection periods (${x.period}, ${y.period}): "${item}"`);
  const [mine, theirs] = g
    ? [x.changePct === null ? null : formatPct(x.changePct), y.changePct === null ? null : formatPct(y.changePct)]
    : [x.annualOpenings === null ? null : formatCount(x.annualOpenings), y.annualOpenings === null ? null : formatCount(y.annualOpenings)];
  const shownX = g ? `${m[1]!}%` : m[1]!;
  const shownY = g ? `${m[2]!}%` : m[2]!;
  if (mine !== shownX || theirs !== shownY)
    out.push(`${where}: outlook figures "${shownX} vs ${shownY}" are not this side's then the other's (${mine} vs ${theirs}): "${item}"`);
  const num = (v: string) => Number(v.replace(/[,%+]/g, ''));
  if (num(shownX) <= num(shownY)) out.push(`${where}: outlook reason does not favour this side: "${item}"`);
  return true;
}
