/**
 * "Choose this career if you …" reasons drawn from O*NET data about the work (interest
 * profile, work styles) rather than from category names. A reason compares only figures both
 * sides have; when the other side's figure is unknown it states this side's figure alone.
 * The invariant checker reads these reasons back with `INTEREST_REASON` / `STYLE_REASON`.
 */
import type { RiasecArea } from '../metrics/profile.js';
import type { ComparisonSide, ShownFigure } from './types.js';

/** What each RIASEC area means, as a reader would say it (O*NET's interest descriptions). */
export const RIASEC_MEANING: Readonly<Record<RiasecArea, string>> = Object.freeze({
  Realistic: 'hands-on, practical work with tools, machines or plants',
  Investigative: 'researching, analysing and solving problems with ideas',
  Artistic: 'creative work with forms, designs and patterns',
  Social: 'helping, teaching and caring for people',
  Enterprising: 'leading, persuading and selling',
  Conventional: 'orderly work with data, records and procedures',
});

/** An interest this side scores at least this high on (1-7) is worth a reason. */
const MIN_INTEREST = 4;
/** A gap in interest score (1-7) or style importance (1-5) worth telling a reader. */
const INTEREST_GAP = 0.8;
const STYLE_GAP = 0.3;

/** "Are drawn to … (Investigative interest 7.0 vs 5.9 of 7)"; the `vs` part only when both are known. */
export const INTEREST_REASON = /^Are drawn to (.+) \((\w+) interest (\d+(?:\.\d)?)(?: vs (\d+(?:\.\d)?))? of 7(?:; (estimated from [^)]+))?\)$/;
/** "Are strong in Attention to Detail (work-style importance 4.8 vs 4.1 of 5)". */
export const STYLE_REASON = /^Are strong in (.+) \(work-style importance (\d+(?:\.\d)?)(?: vs (\d+(?:\.\d)?))? of 5(?:; (estimated from [^)]+))?\)$/;

/** "; estimated from a (and b)": which side's figures in a reason are borrowed from their closest O*NET occupation. */
export function estimateNote(me: ShownFigure<unknown>, other: ShownFigure<unknown> | null): string {
  const from = [me, other].map((f) => (f && 'estimatedFrom' in f ? f.estimatedFrom : undefined)).filter((x): x is string => Boolean(x));
  return from.length === 0 ? '' : `; estimated from ${[...new Set(from)].join(' and ')}`;
}

const one = (v: number): string => v.toFixed(1);

function interestReason(me: ComparisonSide, other: ComparisonSide): string | null {
  const mine = me.interests.value;
  if (!mine) return null;
  const theirs = other.interests.value;
  if (!theirs) {
    const top = mine[0];
    return top && top.score >= MIN_INTEREST
      ? `Are drawn to ${RIASEC_MEANING[top.area]} (${top.area} interest ${one(top.score)} of 7${estimateNote(me.interests, null)})`
      : null;
  }
  let best: { area: RiasecArea; x: number; y: number } | null = null;
  for (const { area, score } of mine) {
    const y = theirs.find((t) => t.area === area)?.score;
    if (y === undefined || score < MIN_INTEREST || score - y < INTEREST_GAP) continue;
    if (!best || score - y > best.x - best.y) best = { area, x: score, y };
  }
  return best
    ? `Are drawn to ${RIASEC_MEANING[best.area]} (${best.area} interest ${one(best.x)} vs ${one(best.y)} of 7${estimateNote(me.interests, other.interests)})`
    : null;
}

function styleReason(me: ComparisonSide, other: ComparisonSide): string | null {
  const mine = me.workStyles.value;
  if (!mine || mine.length === 0) return null;
  const theirs = other.workStyles.value;
  if (!theirs) return `Are strong in ${mine[0]!.name} (work-style importance ${one(mine[0]!.importance)} of 5${estimateNote(me.workStyles, null)})`;
  let best: { name: string; x: number; y: number } | null = null;
  for (const { name, importance } of mine) {
    const y = theirs.find((t) => t.name === name)?.importance;
    if (y === undefined || importance - y < STYLE_GAP) continue;
    if (!best || importance - y > best.x - best.y) best = { name, x: importance, y };
  }
  return best
    ? `Are strong in ${best.name} (work-style importance ${one(best.x)} vs ${one(best.y)} of 5${estimateNote(me.workStyles, other.workStyles)})`
    : null;
}

/** The data-drawn reasons of `me` against `other`. */
export function profileReasons(me: ComparisonSide, other: ComparisonSide): string[] {
  return [interestReason(me, other), styleReason(me, other)].filter((r): r is string => r !== null);
}
