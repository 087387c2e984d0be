/**
 * The outlook of a career, as official career guides show it: BLS Employment Projections for
 * every projection period ingested (projected % change of employment and average openings a
 * year), O*NET's Bright Outlook rule applied to the newest period, and the Indeed Hiring Lab
 * postings index of the career's sector (newest month and a year before), where a sector is mapped.
 *
 * Bright Outlook (O*NET, onetcenter.org/initiatives.html): an occupation is Bright Outlook when it
 * is projected to grow faster than average — an employment increase of 10% or more over the
 * projection period — or to have 100,000 or more job openings over the period (growth plus
 * replacement, as BLS estimates them). BLS publishes openings as an annual average, so the
 * period's openings are the annual average times the span in years.
 */
import { comparePeriods } from '../periods.js';
import { known, missing } from './figure.js';
import type { CareerFacts, Figure } from './types.js';

/** O*NET Bright Outlook thresholds. */
export const BRIGHT_OUTLOOK_RULE = Object.freeze({ minGrowthPct: 10, minOpeningsOverPeriod: 100_000 });
export type BrightCriterion = 'grows-rapidly' | 'many-openings';

export interface ProjectionPoint {
  /** `2024-34`. */
  period: string;
  source: string;
  changePct: number | null;
  /** Jobs a year, average over the span. */
  annualOpenings: number | null;
  employmentBase: number | null;
  employmentTarget: number | null;
}

export interface BrightOutlook {
  bright: boolean;
  criteria: BrightCriterion[];
  /** The projection period the rule was applied to. */
  projectionPeriod: string;
}

export interface PostingsTrend {
  sector: string;
  /** Mean daily index of the newest month (2020-02-01 = 100). */
  index: number;
  month: string;
  /** The same month a year earlier, when published. */
  yearAgo: number | null;
}

export interface CareerOutlook {
  /** Every projection period, oldest first. */
  projections: Figure<ProjectionPoint[]>;
  brightOutlook: Figure<BrightOutlook>;
  postingsTrend: Figure<PostingsTrend>;
}

const spanYears = (period: string): number | null => {
  const m = /^(\d{4})-(\d{2})$/.exec(period);
  if (!m) return null;
  const base = Number(m[1]);
  const target = Math.floor(base / 100) * 100 + Number(m[2]);
  return target > base ? target - base : null;
};

/** O*NET's rule on one projection; null when neither figure is published. */
export function brightOutlookOf(p: ProjectionPoint): BrightOutlook | null {
  if (p.changePct === null && p.annualOpenings === null) return null;
  const criteria: BrightCriterion[] = [];
  if (p.changePct !== null && p.changePct >= BRIGHT_OUTLOOK_RULE.minGrowthPct) criteria.push('grows-rapidly');
  const years = spanYears(p.period) ?? 10;
  if (p.annualOpenings !== null && p.annualOpenings * years >= BRIGHT_OUTLOOK_RULE.minOpeningsOverPeriod) criteria.push('many-openings');
  return { bright: criteria.length > 0, criteria, projectionPeriod: p.period };
}

export function computeOutlook(facts: CareerFacts): CareerOutlook {
  const rows = [...(facts.projections ?? [])].sort((x, y) => comparePeriods(x.period ?? '', y.period ?? ''));
  const points: ProjectionPoint[] = rows.map((r) => ({
    period: r.period ?? '',
    source: r.source,
    changePct: r.changePct,
    annualOpenings: r.annualOpenings,
    employmentBase: r.employmentBase,
    employmentTarget: r.employmentTarget,
  }));
  const soc = facts.onetCode?.slice(0, 7);
  const noProjection = soc ? `no BLS Employment Projections row for SOC ${soc}` : 'not an O*NET occupation: BLS projects SOC occupations only';
  const newest = rows[rows.length - 1];
  const projections: Figure<ProjectionPoint[]> = newest
    ? known(points, { source: newest.source, period: points.map((p) => p.period).join('+') }, 'bls-employment-projections')
    : missing(noProjection);
  const rule = newest ? brightOutlookOf(points[points.length - 1]!) : null;
  const brightOutlook: Figure<BrightOutlook> =
    rule && newest
      ? known(rule, { source: newest.source, period: newest.period }, 'onet-bright-outlook-rule')
      : missing(newest ? 'BLS publishes neither growth nor openings for this occupation' : noProjection);
  const months = [...(facts.postingsIndex ?? [])].sort((x, y) => comparePeriods(x.period ?? '', y.period ?? ''));
  const last = months[months.length - 1];
  let postingsTrend: Figure<PostingsTrend>;
  if (!last || last.period === null) {
    postingsTrend = missing(
      soc
        ? `no Indeed Hiring Lab sector is mapped to SOC ${soc} (reviewed table: src/ingest/sources/postings-index/sectors.ts)`
        : 'not an O*NET occupation: Indeed sectors are mapped to SOC codes',
    );
  } else {
    const [y, m] = last.period.split('-');
    const before = months.find((p) => p.period === `${Number(y) - 1}-${m}`);
    postingsTrend = known({ sector: last.sector, index: last.index, month: last.period, yearAgo: before?.index ?? null }, last, 'indeed-sector-postings-index');
  }
  return { projections, brightOutlook, postingsTrend };
}
