/**
 * Test helper: seeded random careers (facts → real metrics → comparison input), with values
 * drawn from small sets so that ties, near-ties, nulls, equal titles and differently labelled
 * shared skills all occur often.
 */
import { computeCareerMetrics } from '../../src/core/metrics/career-metrics.js';
import { computePopulationStats } from '../../src/core/metrics/population.js';
import { emptyFacts } from './empty-facts.js';
import type { CareerFacts, Difficulty, EntryBarrier } from '../../src/core/metrics/types.js';
import type { CareerForComparison, SkillInput } from '../../src/core/compare/types.js';

/** Mulberry32: a tiny seeded PRNG, returns floats in [0, 1). */
export function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TITLES = ['Data Engineer', 'Senior Data Engineer', 'Nurse', 'Lower School Teacher', 'More Than Designer', 'Higher Ed Advisor', 'Analyst'];
const CATEGORIES = ['AI Engineering', 'On-demand Services', 'Healthcare', null];
const CONCEPTS = Array.from({ length: 25 }, (_, i) => `concept-${i}`);

export function randomCareerFacts(rand: () => number, i: number): CareerFacts {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const maybe = <T>(p: number, f: () => T): T | undefined => (rand() < p ? f() : undefined);
  const slug = `career-${i}`;
  const title = rand() < 0.2 ? pick(TITLES) : `${pick(TITLES)} ${i}`;
  const base = emptyFacts(slug, { title, category: pick(CATEGORIES), asOf: pick(['2024-01-01', '2025-01-01', null]) });
  if (rand() < 0.5) {
    const median = pick([50_000, 80_000, 80_400, 80_600, 120_000, 208_000]);
    return {
      ...base,
      wages:
        rand() < 0.8
          ? [
              {
                source: 'bls-oews',
                period: '2021-05',
                employment: pick([100, 1000, 50_000, null]),
                p10: median * 0.5,
                p25: median * 0.7,
                median,
                p75: median * 1.3,
                p90: rand() < 0.3 ? null : Math.min(208_000, median * 1.8),
                topCoded: { p90: median * 1.8 >= 208_000 },
              },
            ]
          : [],
      postings: rand() < 0.5 ? [{ source: 'postings', period: '2024', count: pick([5, 50, 500]) }] : [],
      preparation:
        rand() < 0.9
          ? {
              source: 'onet',
              period: '29.2',
              jobZone: pick([1, 2, 3, 4, 5, null]),
              typicalEducationLevel: pick([2, 5, 6, 8, null]),
              experienceMonths: null,
              trainingMonths: pick([null, 3, 7.5, 18]),
            }
          : null,
      aiExposure:
        rand() < 0.8
          ? [{ method: 'gpts-are-gpts', measure: 'dv_rating_beta', headline: true, value: pick([0.1, 0.146, 0.154, 0.5]), source: 'gpts', period: '2023' }]
          : [],
      telework: rand() < 0.8 ? { value: pick([0, 0.5, 1]), source: 'dingel-neiman', period: '2020' } : null,
    };
  }
  return {
    ...base,
    origin: 'career-page',
    declared: {
      source: 'site',
      period: '2025',
      salaryMin: maybe(0.8, () => pick([90_000, 120_000])),
      salaryMax: maybe(0.8, () => pick([200_000, 210_000, 200_000.3])),
      demandScore: maybe(0.8, () => pick([8.94, 8.96, 9.0, 9.04, 7])),
      aiRiskPct: maybe(0.8, () => pick([15, 15.4, 20])),
      learningCurveMonths: maybe(0.8, () => pick([8, 12, 12.4])),
      difficulty: maybe(0.8, () => pick<Difficulty>(['Advanced', 'Expert'])),
      entryBarrier: maybe(0.8, () => pick<EntryBarrier>(['Medium', 'High'])),
      remoteFriendly: maybe(0.8, () => rand() < 0.5),
      requiresCoding: maybe(0.8, () => rand() < 0.5),
    },
  };
}

export function randomSkills(rand: () => number): SkillInput[] {
  const n = Math.floor(rand() * 14);
  return Array.from({ length: n }, () => {
    const k = Math.floor(rand() * 40);
    const concepts = Array.from({ length: 1 + Math.floor(rand() * 3) }, () => CONCEPTS[Math.floor(rand() * CONCEPTS.length)] as string);
    return { key: `skill-${k}`, label: rand() < 0.1 ? `Skill ${k} (alt)` : `Skill ${k}`, concepts: rand() < 0.1 ? [] : concepts };
  });
}

const ELEMENTS = Array.from({ length: 12 }, (_, i) => ({
  id: `2.${i < 6 ? 'A' : 'C'}.${i}`,
  name: `Element ${i}`,
  domain: i < 6 ? ('skill' as const) : ('knowledge' as const),
}));
const TIERS = ['Primary-Short', 'Primary-Long', 'Supplemental'];

/**
 * O*NET codes, ratings (near-equal values, ties, withheld elements), Job Zones and related
 * occupations for most O*NET careers; some unrated ones borrow from a rated one. A separate
 * PRNG, so the other random draws stay as they were.
 */
function addRandomRatings(rand: () => number, facts: CareerFacts[]): void {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const onet = facts.filter((f) => f.origin === 'onet');
  onet.forEach((f, i) => {
    f.onetCode = `99-${String(1000 + i)}.00`;
  });
  for (const f of onet) {
    if (rand() < 0.75) {
      f.ratings = {
        source: 'O*NET (onet-ratings)',
        period: 'O*NET 29.0',
        elements: ELEMENTS.filter(() => rand() < 0.85).map((e) => ({
          ...e,
          importance: pick([1, 2.5, 3, 3.04, 3.5, 4.5, 5]),
          level: pick([0, 1.5, 3, 3.04, 5.2, 7]),
        })),
      };
    }
    f.relatedOccupations = Array.from({ length: Math.floor(rand() * 4) }, () => ({ code: pick(onet).onetCode!, tier: pick(TIERS) }));
  }
  const rated = onet.filter((f) => f.ratings);
  for (const f of facts) if (!f.ratings && rated.length && rand() < 0.5) f.ratingsFrom = pick(rated);
}

/** `n` random careers with real metrics, from a fixed seed. */
export function randomCareers(seed: number, n: number): CareerForComparison[] {
  const rand = prng(seed);
  const facts = Array.from({ length: n }, (_, i) => randomCareerFacts(rand, i));
  for (const f of facts) if (f.origin === 'career-page' && rand() < 0.5) f.estimatedFrom = facts.find((g) => g.origin === 'onet');
  addRandomRatings(prng(seed ^ 0x5eed), facts);
  const population = computePopulationStats(facts);
  const extra = prng(seed ^ 0x9e0);
  return facts.map((f) => ({
    career: { slug: f.slug, title: f.title, category: f.category },
    metrics: computeCareerMetrics(f, population),
    skills: randomSkills(rand).map((s) => (extra() < 0.5 ? { ...s, group: `Class ${Math.floor(extra() * 4)}`, ...(extra() < 0.3 ? { hot: true } : {}) } : s)),
  }));
}
