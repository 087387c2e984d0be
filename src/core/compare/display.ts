/**
 * Display precision, shared by verdicts and text so that both see the same numbers:
 * salary to the nearest $1,000 (shown as "$120,000": a $400 difference is not a "higher
 * salary" worth a sentence, and survey/OEWS figures are not that precise), demand to one decimal ("9.0/10"), AI risk
 * to the whole percent ("15%"), months whole ("8 months"); difficulty and entry barrier by
 * rank. Two values that display the same are a tie.
 */
import { roundTo } from '../metrics/figure.js';
import type { Figure } from '../metrics/types.js';
import { DIFFICULTIES, ENTRY_BARRIERS } from '../metrics/types.js';
import type { CareerIdentity, ComparisonSide, ShownFigure, ShownRatings, SkillInput, TasksShown, TechnologyGroup } from './types.js';
import type { TaskExposure } from '../metrics/tasks.js';
import type { CareerMetrics } from '../metrics/types.js';
import { titleNumber } from './grammar.js';

/** Converts a metric figure to its shown form, rounding numbers with `round`. */
export function shown<T>(fig: Figure<T>, round?: (v: T) => T): ShownFigure<T> {
  if ('reason' in fig) return { value: null, reason: fig.reason };
  // A bound (BLS's top code, $239,200) is shown as published: rounding it would print a figure BLS never did.
  const value = round && !fig.atLeast ? round(fig.value) : fig.value;
  const out: ShownFigure<T> = { value, source: fig.source, period: fig.period };
  if (fig.estimatedFrom) out.estimatedFrom = fig.estimatedFrom.slug;
  if (fig.atLeast) out.atLeast = true;
  if (fig.hourlyOnly) out.hourlyOnly = true;
  return out;
}

/** A figure shown in another form (a list reduced to what the comparison shows). */
export function shownAs<T, U>(fig: Figure<T>, map: (v: T) => U): ShownFigure<U> {
  if ('reason' in fig) return { value: null, reason: fig.reason };
  const out: ShownFigure<U> = { value: map(fig.value), source: fig.source, period: fig.period };
  if (fig.estimatedFrom) out.estimatedFrom = fig.estimatedFrom.slug;
  return out;
}

const whole = (v: number): number => roundTo(v, 0);
/** Salaries in a comparison are shown to the nearest $1,000 (exact figures are on the profile). */
export const SALARY_DISPLAY_STEP = 1000;
const toStep = (v: number): number => roundTo(v / SALARY_DISPLAY_STEP, 0) * SALARY_DISPLAY_STEP;
const oneDecimal = (v: number): number => roundTo(v, 1);

/** Hot or in-demand examples a technology class lists on a side. */
const HOT_SHOWN = 5;

/** Technology examples by commodity class: classes with hot examples first, then larger ones. */
export function technologyGroups(skills: readonly SkillInput[]): TechnologyGroup[] {
  const groups = new Map<string, { count: number; hot: string[] }>();
  for (const s of skills) {
    if (!s.group) continue;
    const g = groups.get(s.group) ?? groups.set(s.group, { count: 0, hot: [] }).get(s.group)!;
    g.count++;
    if (s.hot) g.hot.push(s.label);
  }
  return [...groups]
    .map(([group, g]) => ({ group, count: g.count, hotCount: g.hot.length, hot: g.hot.sort().slice(0, HOT_SHOWN) }))
    .sort((x, y) => y.hotCount - x.hotCount || y.count - x.count || (x.group < y.group ? -1 : 1))
    .map(({ group, count, hot }) => ({ group, count, hot }));
}

/** The shown ratings: ranked items with provenance, or the reason there are none. */
function shownRatings(fig: CareerMetrics['skillRatings']): ShownRatings {
  if (!fig) return { value: null, reason: 'skill and knowledge ratings are not computed yet for this career' };
  if (fig.value === null) return { value: null, reason: fig.reason };
  const out: ShownRatings = { value: fig.value, source: fig.source, period: fig.period };
  if (fig.estimatedFrom) out.estimatedFrom = { slug: fig.estimatedFrom.slug, title: fig.estimatedFrom.title, onetCode: fig.estimatedFrom.onetCode };
  return out;
}

/** The comparison side of one career: every figure at display precision. */
export function buildSide(career: CareerIdentity, m: CareerMetrics, skills: readonly SkillInput[] = []): ComparisonSide {
  return {
    slug: career.slug,
    title: career.title,
    category: career.category,
    asOf: m.asOf,
    salary: {
      min: shown(m.salary.min, toStep),
      max: shown(m.salary.max, toStep),
      median: shown(m.salary.median, toStep),
      currency: 'USD',
      period: 'year',
    },
    demandScore: shown(m.demandScore, oneDecimal),
    aiReplacementRisk: shown(m.aiReplacementRisk, whole),
    learningCurveMonths: shown(m.learningCurveMonths, whole),
    difficulty: shown(m.difficulty),
    entryBarrier: shown(m.entryBarrier),
    remoteFriendly: shown(m.remoteFriendly),
    requiresCoding: shown(m.requiresCoding),
    titleNumber: titleNumber(career),
    interests: m.profile ? shown(m.profile.interests, (xs) => xs.map((x) => ({ area: x.area, score: oneDecimal(x.score) }))) : NO_PROFILE,
    workStyles: m.profile ? shown(m.profile.workStyles, (xs) => xs.map((x) => ({ name: x.name, importance: oneDecimal(x.importance) }))) : NO_PROFILE,
    projections: m.outlook
      ? shownAs(m.outlook.projections, (ps) =>
          ps.map((p) => ({
            period: p.period,
            changePct: p.changePct === null ? null : oneDecimal(p.changePct),
            annualOpenings: p.annualOpenings === null ? null : whole(p.annualOpenings),
          })),
        )
      : NO_PROFILE,
    brightOutlook: m.outlook ? shown(m.outlook.brightOutlook) : NO_PROFILE,
    postingsTrend: m.outlook
      ? shown(m.outlook.postingsTrend, (t) => ({ ...t, index: oneDecimal(t.index), yearAgo: t.yearAgo === null ? null : oneDecimal(t.yearAgo) }))
      : NO_PROFILE,
    tasks: m.tasks ? shownAs(m.tasks, tasksShown) : NO_PROFILE,
    onetCode: m.onet?.code ?? null,
    jobZone: m.onet?.jobZone ?? null,
    ratings: shownRatings(m.skillRatings),
    technology: technologyGroups(skills),
  };
}

/** How many of the most and of the least exposed core tasks a side shows. */
export const TASKS_SHOWN = 3;

function tasksShown(t: TaskExposure): TasksShown {
  const rated = t.coreTasks.filter((x) => x.gpt4 !== null).map((x) => ({ id: x.id, task: x.task, label: x.gpt4!, human: x.human }));
  const mostExposed = rated.filter((x) => x.label !== 'E0').slice(0, TASKS_SHOWN);
  const shown = new Set(mostExposed.map((x) => x.id));
  return {
    scope: t.scope,
    core: t.coreTasks.length,
    rated: t.rated,
    exposed: t.exposed,
    exposedShare: t.exposedShare,
    mostExposed,
    leastExposed: rated
      .slice(-TASKS_SHOWN)
      .reverse()
      .filter((x) => !shown.has(x.id)),
  };
}

const NO_PROFILE = { value: null, reason: 'not computed yet for this career' } as const;

/** "$120,000" (whole dollars, thousands separators, locale-independent). */
export function formatUsd(v: number): string {
  return `$${String(Math.round(v)).replace(/\B(?=(\d{3})+(?!\d))/g, ',')}`;
}

/** A salary as shown: "$133,000", or "at least $239,200" for a top-coded bound. */
export function formatSalary(f: ShownFigure<number> & { value: number }): string {
  return 'atLeast' in f && f.atLeast ? `at least ${formatUsd(f.value)}` : formatUsd(f.value);
}

/** True when both figures are bounds (top-coded): which is higher is not known. */
export function bothBounds(x: ShownFigure<number>, y: ShownFigure<number>): boolean {
  return 'atLeast' in x && x.atLeast === true && 'atLeast' in y && y.atLeast === true;
}

/** Names O*NET gives both a skill and a knowledge area (content model 2.A/2.B skills, 2.C knowledge). */
const SKILL_AND_KNOWLEDGE_NAMES: ReadonlySet<string> = new Set(['Mathematics']);

/**
 * A rated element's name as a list shows it: "Mathematics (knowledge)" and "Mathematics
 * (skill)" where the name alone would read as the same area twice, else the name.
 */
export function ratedElementName(x: { id: string; name: string }): string {
  if (!SKILL_AND_KNOWLEDGE_NAMES.has(x.name)) return x.name;
  return `${x.name} (${x.id.startsWith('2.C') ? 'knowledge' : 'skill'})`;
}

/** "9.0" — always one decimal. */
export function formatDemand(v: number): string {
  return v.toFixed(1);
}

/** "1 month" / "8 months". */
export function formatMonths(v: number): string {
  return `${v} ${v === 1 ? 'month' : 'months'}`;
}

/** "$120,000-$200,000/yr", or what is known of the range. */
export function formatRange(side: ComparisonSide): string | null {
  const { min, max } = side.salary;
  const hi = (f: ShownFigure<number> & { value: number }) => `${formatUsd(f.value)}${'atLeast' in f && f.atLeast ? '+' : ''}`;
  if (min.value !== null && max.value !== null) return `${hi(min)}-${hi(max)}/yr`;
  if (max.value !== null) return `up to ${hi(max)}/yr`;
  if (min.value !== null) return `from ${hi(min)}/yr`;
  return null;
}

/** Rank of a difficulty (Beginner 0 … Expert 3). */
export const difficultyRank = (d: string): number => (DIFFICULTIES as readonly string[]).indexOf(d);
/** Rank of an entry barrier (Low 0 … High 2). */
export const barrierRank = (b: string): number => (ENTRY_BARRIERS as readonly string[]).indexOf(b);

/**
 * The seven verdict inputs of a side, in VERDICT_KEYS order, at display precision; NaN where
 * unknown. Higher is better for the first three, lower for the rest.
 */
export function verdictInputs(side: ComparisonSide): Float64Array {
  const n = (f: ShownFigure<number>) => (f.value === null ? NaN : f.value);
  return Float64Array.of(
    n(side.salary.max),
    n(side.salary.median),
    n(side.demandScore),
    n(side.aiReplacementRisk),
    n(side.learningCurveMonths),
    side.entryBarrier.value === null ? NaN : barrierRank(side.entryBarrier.value),
    side.difficulty.value === null ? NaN : difficultyRank(side.difficulty.value),
  );
}
