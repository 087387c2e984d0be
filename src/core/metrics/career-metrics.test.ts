import { describe, expect, it } from 'vitest';
import { computeAiRisk } from './ai-risk.js';
import { computeCareerMetrics } from './career-metrics.js';
import { CODING_MIN_TECHNOLOGIES, computeRemoteFriendly, computeRequiresCoding } from './flags.js';
import { computePopulationStats } from './population.js';
import { computeDifficulty, computeEntryBarrier, computeLearningCurve, JOB_ZONE_TABLE } from './preparation.js';
import { computeSalary } from './salary.js';
import { emptyFacts } from '../../../test/helpers/empty-facts.js';
import type { AiExposure, CareerFacts, PreparationFacts } from './types.js';

const exposure = (method: AiExposure['method'], measure: string, value: number, headline = true): AiExposure => ({
  method,
  measure,
  value,
  headline,
  source: method,
  period: '2023',
});
const prep = (p: Partial<PreparationFacts>): PreparationFacts => ({
  source: 'onet',
  period: '29.2',
  jobZone: null,
  typicalEducationLevel: null,
  experienceMonths: null,
  trainingMonths: null,
  ...p,
});

describe('AI replacement risk', () => {
  const aioe = [-1, 0, 0.5, 1].map((z, i) => emptyFacts(`z${i}`, { aiExposure: [exposure('felten-aioe', 'aioe', z)] }));
  const both = emptyFacts('both', {
    aiExposure: [
      exposure('gpts-are-gpts', 'dv_rating_beta', 0.46),
      exposure('gpts-are-gpts', 'dv_rating_alpha', 0.1, false),
      exposure('felten-aioe', 'aioe', 1),
    ],
  });
  const population = computePopulationStats([...aioe, both]);

  it('headlines GPTs-are-GPTs (β × 100) and keeps AIOE as an alternative', () => {
    const fig = computeAiRisk(both, population);
    if (fig.value === null) throw new Error('expected a figure');
    expect(fig.value).toBe(46);
    expect(fig.method).toMatch(/gpts-are-gpts.*dv_rating_beta/);
    expect(fig.alternatives).toHaveLength(1);
    expect(fig.alternatives[0]?.method).toMatch(/^felten-aioe/);
    expect(fig.alternatives[0]?.value).toBe(80); // z = 1 ranks (3 + 2/2)/5 among five careers
    expect(fig.spread).toBe(34);
  });

  it('falls back to AIOE as a percentile', () => {
    const fig = computeAiRisk(aioe[0]!, population);
    expect(fig.value).toBe(10); // lowest of five: 0.5/5
  });

  it('is null with a reason when no method covers the career', () => {
    expect(computeAiRisk(emptyFacts('x'), population)).toMatchObject({ value: null, reason: expect.stringMatching(/no AI-exposure/) });
  });
});

describe('preparation table', () => {
  it('maps job zones to difficulty, barrier and months', () => {
    for (const zone of [1, 2, 3, 4, 5] as const) {
      const p = prep({ jobZone: zone });
      expect(computeDifficulty(p).value).toBe(JOB_ZONE_TABLE[zone].difficulty);
      expect(computeEntryBarrier(p).value).toBe(JOB_ZONE_TABLE[zone].entryBarrier);
      expect(computeLearningCurve(p).value).toBe(JOB_ZONE_TABLE[zone].learningCurveMonths);
    }
  });
  it('prefers education for the barrier and training months for the curve', () => {
    const p = prep({ jobZone: 4, typicalEducationLevel: 2, trainingMonths: 7.6 });
    expect(computeEntryBarrier(p).value).toBe('Low');
    expect(computeLearningCurve(p).value).toBe(8);
    expect(computeDifficulty(p).value).toBe('Advanced');
  });
  it('is null with a reason without data', () => {
    expect(computeDifficulty(null).value).toBeNull();
    expect(computeLearningCurve(prep({})).value).toBeNull();
  });
});

describe('flags', () => {
  const tech = (name: string, code: number) => ({ name, commodityCode: code, commodityTitle: '', hot: false, inDemand: false });
  const src = { source: 'onet', period: '29.2' };
  it(`requires coding with ≥ ${CODING_MIN_TECHNOLOGIES} coding technologies`, () => {
    const few = emptyFacts('f', { technologySkills: [tech('VBA', 43232402), tech('Excel', 43232110)], technologySource: src });
    const many = emptyFacts('m', { technologySkills: [tech('Python', 43232402), tech('C#', 43232405), tech('React', 43232408)], technologySource: src });
    expect(computeRequiresCoding(few).value).toBe(false);
    expect(computeRequiresCoding(many).value).toBe(true);
    expect(computeRequiresCoding(emptyFacts('n')).value).toBeNull();
  });
  it('is remote-friendly from telework ≥ 0.5', () => {
    expect(computeRemoteFriendly(emptyFacts('r', { telework: { value: 0.5, ...src } })).value).toBe(true);
    expect(computeRemoteFriendly(emptyFacts('r', { telework: { value: 0.49, ...src } })).value).toBe(false);
  });
});

describe('salary', () => {
  it('takes the newest OEWS row and flags top-coded values', () => {
    const row = (period: string, p90: number) => ({
      source: 'bls-oews',
      period,
      employment: 1,
      p10: 50_000,
      p25: 60_000,
      median: 80_000,
      p75: 100_000,
      p90,
      topCoded: { p90: true },
    });
    const s = computeSalary(emptyFacts('s', { wages: [row('2020', 200_000), row('2021', 208_000)] }));
    expect(s.max).toMatchObject({ value: 208_000, period: '2021', note: expect.stringMatching(/top-coded/) });
    expect(s.min.value).toBe(50_000);
  });
  it("says when BLS publishes only hourly wages (actors, dancers), so the annual figure is not read as a year's pay", () => {
    const actors = {
      source: 'bls-oews',
      period: 'May 2024',
      employment: 1,
      p10: 29_120,
      p25: null,
      median: 48_526,
      p75: null,
      p90: 202_155,
      topCoded: {},
      hourlyOnly: true as const,
    };
    const s = computeSalary(emptyFacts('s', { wages: [actors] }));
    expect(s.median).toMatchObject({
      value: 48_526,
      note: expect.stringMatching(/only hourly wages .* hourly wage × 2,080 hours, not what workers earn in a year/),
    });
    expect(computeSalary(emptyFacts('s', { wages: [{ ...actors, hourlyOnly: undefined }] })).median).not.toHaveProperty('note');
  });
  it('falls back to a survey year with enough respondents', () => {
    const survey = (workYear: number, count: number, median: number) => ({
      source: 'ai-jobs',
      period: String(workYear),
      workYear,
      count,
      min: 1,
      p25: 2,
      median,
      p75: 4,
      max: 5,
    });
    const s = computeSalary(emptyFacts('s', { salarySurveys: [survey(2022, 40, 100), survey(2023, 3, 999)] }));
    expect(s.median).toMatchObject({ value: 100, period: '2022' });
  });
});

describe('computeCareerMetrics', () => {
  const onet: CareerFacts = emptyFacts('onet-career', {
    onetCode: '15-1252.00',
    preparation: prep({ jobZone: 4, typicalEducationLevel: 6, trainingMonths: 18 }),
    telework: { value: 1, source: 'dingel-neiman', period: '2020' },
    aiExposure: [exposure('gpts-are-gpts', 'dv_rating_beta', 0.5)],
    declared: { source: 'site', period: '2025', aiRiskPct: 99 },
  });
  const page = emptyFacts('page-career', {
    origin: 'career-page',
    declared: { source: 'site', period: '2025', salaryMin: 100_000, salaryMax: 150_000, aiRiskPct: 20 },
    estimatedFrom: onet,
  });
  const population = computePopulationStats([onet, page]);

  it('uses source figures for O*NET careers, never declared ones', () => {
    const m = computeCareerMetrics(onet, population);
    expect(m.aiReplacementRisk.value).toBe(50);
    expect(m.entryBarrier.value).toBe('High');
  });

  it('keeps declared figures for career-page careers and borrows the rest, marked', () => {
    const m = computeCareerMetrics(page, population);
    expect(m.aiReplacementRisk).toMatchObject({ value: 20, method: 'declared' });
    expect(m.salary.max).toMatchObject({ value: 150_000, method: 'declared' });
    expect(m.salary.median).toMatchObject({ value: null });
    expect(m.learningCurveMonths).toMatchObject({ value: 18, estimatedFrom: { slug: 'onet-career' } });
    expect(m.remoteFriendly).toMatchObject({ value: true, estimatedFrom: { onetCode: '15-1252.00' } });
    expect(m.demandScore).toMatchObject({ value: null });
  });
});
