/**
 * The v1 API's request and response schemas. The handlers validate requests with these, the
 * OpenAPI document is generated from them, and the tests check every response against them.
 */
import { z } from '@hono/zod-openapi';
import { isIsoDate } from '../core/iso-date.js';
import { readPeriod } from '../core/periods.js';
import { SERIES_METRICS } from '../core/series.js';

/** Slugs are lowercase a-z, 0-9 and '-'; O*NET-SOC codes also carry '.'. */
export const SlugSchema = z
  .string()
  .min(1)
  .max(120)
  .regex(/^[a-z0-9][a-z0-9.-]*$/, 'a slug (a-z, 0-9, -) or an O*NET-SOC code')
  .openapi({ example: 'software-developers' });

export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    requestId: z.string(),
    closest: z.array(z.object({ slug: z.string(), title: z.string() })).optional(),
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .openapi('Problem');

const Provenance = { source: z.string(), period: z.string().nullable() };

/** A shown figure: a value with its source and period, or null with the reason it is missing. */
const shown = <T extends z.ZodType>(value: T) =>
  z.union([
    z.object({
      value,
      ...Provenance,
      estimatedFrom: z.string().optional(),
      /** The value is BLS's top-code bound (an OEWS `#` cell): the true figure is at least it. */
      atLeast: z.literal(true).optional(),
      /** BLS publishes only hourly wages for the occupation: the annual figure is hourly × 2,080, not a year's pay. */
      hourlyOnly: z.literal(true).optional(),
    }),
    z.object({ value: z.null(), reason: z.string() }),
  ]);

export const DifficultySchema = z.enum(['Beginner', 'Intermediate', 'Advanced', 'Expert']);
export const EntryBarrierSchema = z.enum(['Low', 'Medium', 'High']);
const VerdictSchema = z.enum(['a', 'b', 'tie']);

const ExposureLabel = z.enum(['E0', 'E1', 'E2']);
const TaskShownSchema = z.object({ id: z.number().int(), task: z.string(), label: ExposureLabel, human: ExposureLabel.nullable() });
/** One O*NET skill or knowledge area with its importance (1–5) and level (0–7), one decimal. */
export const RatedItemSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    domain: z.enum(['skill', 'knowledge']),
    importance: z.number().min(1).max(5),
    level: z.number().min(0).max(7),
  })
  .openapi('RatedItem');

/** A career's skills and knowledge ranked by importance: O*NET's ratings, or estimated from the closest rated occupation, or why there are none. */
const RatingsSchema = z
  .union([
    z.object({
      value: z.array(RatedItemSchema),
      ...Provenance,
      estimatedFrom: z.object({ slug: z.string(), title: z.string(), onetCode: z.string().nullable() }).optional(),
    }),
    z.object({ value: z.null(), reason: z.string() }),
  ])
  .openapi('Ratings');

export const ComparisonSideSchema = z
  .object({
    slug: z.string(),
    title: z.string(),
    category: z.string().nullable(),
    asOf: z.string().nullable(),
    salary: z.object({ min: shown(z.number()), max: shown(z.number()), median: shown(z.number()), currency: z.literal('USD'), period: z.literal('year') }),
    demandScore: shown(z.number().min(0).max(10)),
    aiReplacementRisk: shown(z.number().min(0).max(100)),
    learningCurveMonths: shown(z.number().min(0)),
    difficulty: shown(DifficultySchema),
    entryBarrier: shown(EntryBarrierSchema),
    remoteFriendly: shown(z.boolean()),
    requiresCoding: shown(z.boolean()),
    titleNumber: z
      .enum(['singular', 'plural'])
      .openapi({ description: 'Grammatical number of the title: O*NET names occupations in the plural ("Data Scientists"), career sites name one job' }),
    interests: shown(
      z.array(
        z.object({ area: z.enum(['Realistic', 'Investigative', 'Artistic', 'Social', 'Enterprising', 'Conventional']), score: z.number().min(1).max(7) }),
      ),
    ).openapi({ description: 'O*NET RIASEC occupational-interest scores (1-7, one decimal), highest first' }),
    workStyles: shown(z.array(z.object({ name: z.string(), importance: z.number().min(1).max(5) }))).openapi({
      description: 'O*NET work styles by importance (1-5, one decimal), most important first; suppressed ratings left out',
    }),
    projections: shown(z.array(z.object({ period: z.string(), changePct: z.number().nullable(), annualOpenings: z.number().int().nullable() }))).openapi({
      description:
        'BLS Employment Projections per projection period (2022-32, 2024-34), oldest first: projected % change of employment over the span and average openings a year (jobs)',
    }),
    brightOutlook: shown(
      z.object({ bright: z.boolean(), criteria: z.array(z.enum(['grows-rapidly', 'many-openings'])), projectionPeriod: z.string() }),
    ).openapi({ description: "O*NET's Bright Outlook rule on the newest projection: growth of 10% or more, or 100,000+ openings over the period" }),
    postingsTrend: shown(z.object({ sector: z.string(), index: z.number(), month: z.string(), yearAgo: z.number().nullable() })).openapi({
      description:
        "Indeed Hiring Lab postings index of the career's sector (2020-02-01 = 100), newest month and the same month a year earlier; missing with a reason when no sector is mapped",
    }),
    tasks: shown(
      z.object({
        scope: z.enum(['core', 'all-listed']),
        core: z.number().int(),
        rated: z.number().int(),
        exposed: z.number().int(),
        exposedShare: z.number().int().min(0).max(100),
        mostExposed: z.array(TaskShownSchema),
        leastExposed: z.array(TaskShownSchema),
      }),
    ).openapi({
      description:
        "Core tasks (O*NET Task Statements) and GPT-4's GPTs-are-GPTs exposure label of each (E1, E2 exposed; E0 not): counts, the share exposed, and up to three most and three least exposed tasks (human annotators' label beside GPT-4's)",
    }),
    onetCode: z.string().nullable(),
    jobZone: z.number().int().min(1).max(5).nullable(),
    ratings: RatingsSchema,
    technology: z.array(z.object({ group: z.string(), count: z.number().int().min(1), hot: z.array(z.string()) })),
  })
  .openapi('ComparisonSide');

const SkillRef = z.object({ key: z.string(), label: z.string() });
const LearnItem = z.object({ id: z.string(), name: z.string(), level: z.number(), from: z.number() });
const Transition = z.object({
  skillGap: z.number(),
  months: z.number().nullable(),
  difficulty: z.enum(['easy', 'moderate', 'hard']),
  basis: z.enum(['ratings', 'technology']),
  learnFirst: z.array(LearnItem),
  reason: z.string().nullable(),
});
const RatingPair = z.object({ id: z.string(), name: z.string(), levelA: z.number(), levelB: z.number() });

export const ComparisonSchema = z
  .object({
    a: ComparisonSideSchema,
    b: ComparisonSideSchema,
    verdicts: z.object({
      salaryCeiling: VerdictSchema,
      salaryMedian: VerdictSchema,
      demand: VerdictSchema,
      aiRisk: VerdictSchema,
      learningCurve: VerdictSchema,
      entryBarrier: VerdictSchema,
      difficulty: VerdictSchema,
    }),
    skills: z.object({
      onlyA: z.array(SkillRef),
      shared: z.array(SkillRef.extend({ labelB: z.string().optional() })),
      onlyB: z.array(SkillRef),
      related: z.array(z.object({ a: SkillRef, b: SkillRef, concepts: z.array(z.string()) })),
      overlap: z.number().min(0).max(100),
    }),
    transition: z.object({ aToB: Transition, bToA: Transition }),
    ratedSkills: z.object({
      similarity: z.number().int().min(0).max(100).nullable(),
      relation: z.enum(['Primary-Short', 'Primary-Long', 'Supplemental']).nullable(),
      shared: z.array(RatingPair),
      gaps: z.array(RatingPair),
    }),
    summary: z.string(),
    chooseA: z.array(z.string()),
    chooseB: z.array(z.string()),
    conclusion: z.string(),
    asOf: z.string().nullable(),
    version: z.string(),
  })
  .openapi('Comparison');

export const CareerSummarySchema = z
  .object({
    slug: z.string(),
    title: z.string(),
    category: z.string(),
    onetCode: z.string().nullable(),
  })
  .openapi('CareerSummary');

export const CareerSearchItemSchema = CareerSummarySchema.extend({
  /** The title or alias that matched, and how well (0..1). */
  matched: z.string().optional(),
  score: z.number().min(0).max(1).optional(),
}).openapi('CareerSearchItem');

export const CareerListSchema = z
  .object({
    items: z.array(CareerSearchItemSchema),
    nextCursor: z.string().nullable(),
    total: z.number().int().min(0),
  })
  .openapi('CareerList');

export const CareerProfileSchema = CareerSummarySchema.extend({
  description: z.string(),
  origin: z.enum(['onet', 'career-page']),
  aliases: z.array(z.string()),
  /** Every derived figure with its source, period and method (or null with a reason). */
  metrics: z
    .record(z.string(), z.unknown())
    .nullable()
    .openapi({
      description:
        'Every derived figure with its source, period and method, or null with a reason: salary, demandScore (demand-v2: components with raw source values, ' +
        'percentiles and weights, and missingSignals with reasons), aiReplacementRisk, learningCurveMonths, difficulty, entryBarrier, remoteFriendly, requiresCoding, ' +
        'profile (O*NET interests and work styles), outlook (BLS projections per period, O*NET Bright Outlook, Indeed sector postings index) and tasks ' +
        '(core tasks with their GPTs-are-GPTs exposure labels and the share exposed)',
    }),
  metricsVersion: z.string().nullable(),
  computedAt: z.string().nullable(),
  skills: z.array(z.object({ key: z.string(), label: z.string(), hot: z.boolean() })),
  version: z.string(),
}).openapi('CareerProfile');

export const TREND_METRICS = ['salaryMedian', 'salaryMin', 'salaryMax', 'demandScore', 'aiReplacementRisk', 'learningCurveMonths'] as const;
export const TrendMetricSchema = z.enum(TREND_METRICS);

/** What the product published when: the audit trail of a metric (`/history`), not a trend. */
export const HistorySchema = z
  .object({
    slug: z.string(),
    metric: TrendMetricSchema,
    points: z.array(z.object({ at: z.string(), value: z.number().nullable(), source: z.string().nullable(), period: z.string().nullable() })),
  })
  .openapi('History');

export const SeriesMetricSchema = z.enum(SERIES_METRICS);

/** A metric by the data's own periods: every point with its period and source. */
export const TrendSchema = z
  .object({
    slug: z.string(),
    metric: SeriesMetricSchema,
    unit: z.string(),
    points: z.array(
      z.object({
        period: z.string().openapi({ example: 'May 2021' }),
        periodStart: z.string().openapi({ description: 'ISO date the period starts', example: '2021-05-01' }),
        value: z.number().nullable().openapi({ description: 'null: no honest value for this period (see break)' }),
        bound: z.enum(['at-least']).nullable().openapi({ description: 'at-least: a top-coded cell; the true value is at least value' }),
        source: z.string(),
        series: z.string().openapi({ description: 'The series the point belongs to: its source, or the survey' }),
        mapped: z
          .object({ from: z.string(), share: z.number() })
          .optional()
          .openapi({ description: "The figures are an OEWS hybrid code's, counting a wider group" }),
        break: z.string().optional(),
        method: z.string().optional(),
        count: z.number().int().optional(),
      }),
    ),
    series: z.array(
      z.object({
        series: z.string(),
        from: z.string().nullable(),
        to: z.string().nullable(),
        points: z.number().int(),
        cagr: z.number().nullable().openapi({ description: 'Compound annual growth from `from` to `to`, as a fraction' }),
        change: z.object({ abs: z.number(), pct: z.number().nullable() }).nullable(),
        mapped: z.boolean(),
        thinPoints: z.number().int().openapi({ description: 'Survey medians of fewer than 10 salaries, left out of from, to, change and CAGR' }),
      }),
    ),
  })
  .openapi('Trend');

export const SurveySalariesSchema = z
  .object({
    slug: z.string(),
    currency: z.literal('USD'),
    /** One entry per survey and survey year, oldest first: the salaries the survey's matched titles reported. */
    years: z.array(
      z.object({
        year: z.number().int(),
        median: z.number(),
        p25: z.number(),
        p75: z.number(),
        count: z.number().int(),
        source: z.string(),
        period: z.string(),
      }),
    ),
  })
  .openapi('SurveySalaries');

export const SimilarSchema = z
  .object({
    slug: z.string(),
    /** 'skills' when ranked by stored skill overlap; 'category' when no overlap is known yet. */
    basis: z.enum(['skills', 'category']),
    /** `similarity`: rated skills and knowledge, 0–100 (null when a side has no ratings); `overlap`: technology overlap %. */
    items: z.array(CareerSummarySchema.extend({ overlap: z.number().nullable(), similarity: z.number().nullable() })),
  })
  .openapi('Similar');

export const ChangeSchema = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('career'), seq: z.string(), slug: z.string(), version: z.string(), at: z.string() }),
    z.object({ kind: z.literal('pair'), seq: z.string(), a: z.string(), b: z.string(), version: z.string(), at: z.string() }),
  ])
  .openapi('Change');

export const ChangesSchema = z
  .object({
    items: z.array(ChangeSchema),
    /** Pass as `since` to get what changed after the last item; null when there is nothing newer yet. */
    nextCursor: z.string().nullable(),
    /** The cursor to keep when `items` is empty: the newest change seen. */
    latest: z.string(),
  })
  .openapi('Changes');

/** Bounded, printable text: rejects control characters and bidi overrides (unicode tricks). */
const safeText = (max: number) =>
  z
    .string()
    .max(max, `at most ${max} characters`)
    .refine((s) => !/[\p{Cc}\u202a-\u202e\u2066-\u2069]/u.test(s), 'control and bidi-override characters are not allowed');

const cursor = z
  .string()
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'a cursor from a previous answer');
const limit = (max: number, dflt: number) => z.coerce.number().int().min(1).max(max).default(dflt);
const isoDate = z.string().max(40).refine(isIsoDate, 'an ISO date (2024-01-31 or 2024-01-31T12:00:00Z)');

export const CareerListQuerySchema = z.object({
  q: safeText(100).optional().openapi({ description: 'Title or alias; typos tolerated', example: 'softwre developer' }),
  category: safeText(100).optional(),
  cursor: cursor.optional(),
  limit: limit(100, 20).optional(),
});

export const HistoryQuerySchema = z.object({
  metric: TrendMetricSchema.default('salaryMedian').optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
});

const periodLabel = z
  .string()
  .max(20)
  .refine((s) => readPeriod(s) !== null, 'a period as the data names it: 2021, May 2021, 2024-06');

export const TrendQuerySchema = z.object({
  metric: SeriesMetricSchema.default('salaryMedian').optional(),
  from: periodLabel.optional().openapi({ example: '2021' }),
  to: periodLabel.optional().openapi({ example: 'May 2024' }),
});

export const ChangesQuerySchema = z.object({
  since: z
    .string()
    .max(38)
    .regex(/^\d{1,19}\.\d{1,18}$/, 'a cursor from a previous answer ("txid.seq")')
    .optional(),
  limit: limit(1000, 500).optional(),
});

export const SimilarQuerySchema = z.object({ limit: limit(50, 10).optional() });

export const SKILL_KINDS = ['skill', 'knowledge', 'technology'] as const;

export const CareerSkillsQuerySchema = z.object({
  kind: z
    .enum(SKILL_KINDS)
    .default('skill')
    .optional()
    .openapi({ description: 'O*NET skills or knowledge (by importance), or technology examples (by commodity class, hot ones first)' }),
  cursor: z.string().max(40).optional(),
  limit: limit(100, 20).optional(),
});

/** A page of one career's skills, knowledge areas or technology examples, with where they come from. */
export const CareerSkillsSchema = z
  .object({
    slug: z.string(),
    kind: z.enum(SKILL_KINDS),
    /** Source and period of the list; `estimatedFrom` when the ratings are the closest rated occupation's. */
    source: z.string().nullable(),
    period: z.string().nullable(),
    estimatedFrom: z.object({ slug: z.string(), title: z.string(), onetCode: z.string().nullable() }).nullable(),
    /** Why the list is empty, when it is. */
    reason: z.string().nullable(),
    items: z.array(z.union([RatedItemSchema, z.object({ key: z.string(), label: z.string(), group: z.string().nullable(), hot: z.boolean() })])),
    nextCursor: z.string().nullable(),
    total: z.number().int().min(0),
  })
  .openapi('CareerSkills');
