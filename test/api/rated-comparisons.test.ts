import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/runtime/app.js';
import { createLogger } from '../../src/log.js';
import { CareerSkillsSchema, ComparisonSchema } from '../../src/api/openapi-schemas.js';
import { apiServices } from '../../src/http/services.js';
import type { CareerMetrics } from '../../src/core/metrics/types.js';
import { seedRealData, type Seeded } from './seed.js';

let seeded: Seeded;
let app: ReturnType<typeof createApp>;
let deps: Parameters<typeof createApp>[0];

beforeAll(async () => {
  seeded = await seedRealData('rated');
  deps = { db: seeded.db, kit: {} as never, queues: {} as never, log: createLogger('silent') };
  app = createApp(deps, { anonymousPerMinute: 100_000 });
}, 420_000); // longer than the seed's own 6-minute wait, so a slow seed reports itself

afterAll(async () => {
  await apiServices(deps)?.stop();
  await seeded?.stop();
});

const compare = async (a: string, b: string) => {
  const res = await app.request(`/v1/compare/${a}/${b}`);
  expect(res.status).toBe(200);
  return ComparisonSchema.parse(await res.json());
};
const top = (side: { ratings: { value: { name: string }[] | null } }, n: number) => (side.ratings.value ?? []).slice(0, n).map((i) => i.name);

describe('comparisons on O*NET skill and knowledge ratings, real shared data', () => {
  it('Software Developers vs Data Scientists: meaningful top skills with levels, estimated from the rated occupations, no hard move either way', async () => {
    const c = await compare('software-developers', 'data-scientists');
    for (const side of [c.a, c.b]) {
      expect(side.ratings.value).not.toBeNull();
      expect(side.ratings.value!.every((i) => i.level >= 0 && i.level <= 7 && i.importance >= 1 && i.importance <= 5)).toBe(true);
    }
    // O*NET 29.0 rates neither: each borrows from its closest rated related occupation, and says so.
    // Of the Primary-Short related occupations O*NET rates, the one sharing the most technology.
    expect(c.a.ratings).toMatchObject({
      period: 'O*NET 29.0',
      estimatedFrom: { onetCode: '15-1253.00', title: 'Software Quality Assurance Analysts and Testers' },
    });
    expect(c.b.ratings).toMatchObject({ period: 'O*NET 29.0', estimatedFrom: { onetCode: '13-2099.01', title: 'Financial Quantitative Analysts' } });
    expect(top(c.a, 10)).toEqual(expect.arrayContaining(['Computers and Electronics', 'Programming', 'Critical Thinking']));
    expect(top(c.b, 10)).toEqual(expect.arrayContaining(['Mathematics', 'Complex Problem Solving', 'Critical Thinking']));
    const programming = c.a.ratings.value!.find((i) => i.name === 'Programming')!;
    expect(programming.level).toBeGreaterThan(3);
    expect(c.ratedSkills.similarity).toBeGreaterThan(40);
    expect(c.ratedSkills.shared.map((p) => p.name)).toEqual(expect.arrayContaining(['Critical Thinking', 'Complex Problem Solving']));
    for (const t of [c.transition.aToB, c.transition.bToA]) {
      expect(t.basis).toBe('ratings');
      expect(t.difficulty).not.toBe('hard');
      expect(t.learnFirst.length).toBeGreaterThan(0);
    }
    expect(c.transition.aToB.learnFirst.map((l) => l.name)).toContain('Mathematics');
    expect(c.summary).toMatch(/Moving from Software Developers to Data Scientists: \d+% of the skill and knowledge level it needs is new \((easy|moderate)/);
  });

  it("Computer Programmers vs Statisticians: O*NET's own ratings, not estimates", async () => {
    const c = await compare('computer-programmers', 'statisticians');
    for (const side of [c.a, c.b]) {
      expect(side.ratings).toMatchObject({ period: 'O*NET 29.0' });
      expect(side.ratings).not.toHaveProperty('estimatedFrom');
      expect(side.ratings.value!.length).toBeGreaterThanOrEqual(45);
    }
    expect(top(c.a, 5)).toContain('Programming');
    expect(top(c.b, 5)).toContain('Mathematics');
    const programming = c.ratedSkills.gaps.find((p) => p.name === 'Programming');
    expect(programming?.levelA).toBeGreaterThan(programming!.levelB);
  });

  it("rates at least 95 % of O*NET's Primary-Short related pairs above the median similarity of all pairs", async () => {
    const sql = seeded.db.$client;
    const careers = await sql<{ id: number; metrics: CareerMetrics }[]>`select career_id as id, metrics from career_metrics`;
    const idOf = new Map(careers.filter((c) => c.metrics.onet).map((c) => [c.metrics.onet!.code, c.id]));
    const sims = await sql<
      { a: number; b: number; m: number }[]
    >`select a_id as a, b_id as b, (data->>'m')::int as m from comparisons where (data->>'m')::int >= 0`;
    const all = sims.map((s) => s.m).sort((x, y) => x - y);
    const median = all[Math.floor(all.length / 2)]!;
    const simOf = new Map(sims.map((s) => [`${s.a}:${s.b}`, s.m]));
    const related: number[] = [];
    for (const c of careers) {
      for (const r of c.metrics.onet?.related ?? []) {
        const other = idOf.get(r.code);
        if (r.tier !== 'Primary-Short' || other === undefined || other === c.id) continue;
        const m = simOf.get(c.id < other ? `${c.id}:${other}` : `${other}:${c.id}`);
        if (m !== undefined) related.push(m);
      }
    }
    expect(related.length).toBeGreaterThan(4000);
    const above = related.filter((m) => m > median).length / related.length;
    console.log(`similarity: median of ${all.length} rated pairs ${median}; ${(above * 100).toFixed(1)} % of ${related.length} Primary-Short pairs above it`);
    expect(above).toBeGreaterThanOrEqual(0.95);
  }, 120_000);

  it("pages a career's knowledge areas by importance, with where they come from", async () => {
    const res = await app.request('/v1/careers/software-developers/skills?kind=knowledge&limit=5');
    const page = CareerSkillsSchema.parse(await res.json());
    expect(page.items).toHaveLength(5);
    expect(page.total).toBeGreaterThan(20);
    expect(page.estimatedFrom?.title).toBe('Software Quality Assurance Analysts and Testers');
    const imp = page.items.map((i) => ('importance' in i ? i.importance : 0));
    expect(imp).toEqual([...imp].sort((x, y) => y - x));
    const next = CareerSkillsSchema.parse(
      await (await app.request(`/v1/careers/software-developers/skills?kind=knowledge&limit=5&cursor=${page.nextCursor}`)).json(),
    );
    expect(next.items[0]).not.toEqual(page.items[0]);
    const tech = CareerSkillsSchema.parse(await (await app.request('/v1/careers/software-developers/skills?kind=technology&limit=3')).json());
    expect(tech.items).toHaveLength(3);
    expect(tech.total).toBeGreaterThan(300);
  });
});
