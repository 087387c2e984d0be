import { describe, expect, it } from 'vitest';
import { compareCareers } from '../../src/core/compare/index.js';
import { seedPair, SEED_SOURCE, compressionSkills, routingSkills } from '../helpers/seed-careers.js';
import { ComparePage } from '../../src/web/compare-page.js';
import { ComparisonSchema } from '../../src/api/openapi-schemas.js';
import { computeSalary } from '../../src/core/metrics/salary.js';

const render = (cmp: ReturnType<typeof compareCareers>) => String(ComparePage({ cmp }));
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/\s+/g, ' ');

/** The seed page's two careers through the real metrics and comparison code, rendered. */
describe('compare page on the seed pair', () => {
  const { compression, routing } = seedPair();
  const cmp = compareCareers(compression, routing);
  const html = render(cmp);
  const t = text(html);

  it('is a valid Comparison per the API schema', () => {
    expect(ComparisonSchema.safeParse(cmp).success).toBe(true);
  });

  it('shows every field of the seed page, with the right career in each column', () => {
    expect(t).toContain('AI Model Compression Engineer vs AI Model Routing Engineer');
    const header = /<thead><tr><th scope="col">Attribute<\/th><th scope="col">(.*?)<\/th><th scope="col">(.*?)<\/th>/.exec(html)!;
    expect(text(header[1]!)).toContain('AI Model Compression Engineer');
    expect(text(header[2]!)).toContain('AI Model Routing Engineer');
    for (const s of ['$120,000-$200,000/yr', '$135,000-$210,000/yr', '9.0/10', '20%', '15%', '12 months', '8 months', 'Advanced', 'High', '✅ Yes'])
      expect(t).toContain(s);
    for (const s of [...compressionSkills, ...routingSkills]) expect(t).toContain(s.label);
    expect(t).toContain(cmp.summary);
    expect(t).toContain(cmp.conclusion);
    for (const r of [...cmp.chooseA, ...cmp.chooseB]) expect(t).toContain(r);
    expect(t).toContain(`Shared (${cmp.skills.shared.length})`);
    expect(t).toContain(`Related skills (${cmp.skills.related.length})`);
    expect(cmp.skills.related.length).toBeGreaterThan(0); // benchmarking and latency work are related
    expect(t).toContain(`${SEED_SOURCE}, 2025`);
    expect(t).toContain('Compare with another career:');
    expect(html).toContain('href="/compare/ai-model-compression-engineer-vs-ai-model-routing-engineer"');
  });

  it('marks the better side only where the verdict says so (ties unmarked)', () => {
    expect(cmp.verdicts.entryBarrier).toBe('tie');
    const barrierRow = /<th scope="row">Entry barrier<\/th>(.*?)<\/tr>/.exec(html)![1]!;
    expect(barrierRow).not.toContain('better');
    const riskRow = /<th scope="row">AI replacement risk<\/th>(.*?)<\/tr>/.exec(html)![1]!;
    expect(riskRow.indexOf('class="better"')).toBeGreaterThan(riskRow.indexOf('20%'));
  });

  it('folds the alphabetical tool lists where both sides have O*NET technology classes, and leaves them open otherwise', () => {
    expect(html).not.toContain('class="named-tools"');
    const groups = [{ group: 'Development environment software', count: 41, hot: ['Git'] }];
    const onet = render({ ...cmp, a: { ...cmp.a, technology: groups }, b: { ...cmp.b, technology: groups } });
    const folded = /<details class="named-tools"><summary>(.*?)<\/summary>(.*?)<\/details>/s.exec(onet)!;
    expect(text(folded[1]!)).toBe(
      `Every named tool, alphabetically: ${cmp.skills.onlyA.length} only AI Model Compression Engineer, ${cmp.skills.shared.length} shared, ${cmp.skills.onlyB.length} only AI Model Routing Engineer`,
    );
    for (const s of [...compressionSkills, ...routingSkills]) expect(text(folded[2]!)).toContain(s.label);
  });

  it('escapes scraped text', () => {
    const evil = compareCareers(
      { ...compression, career: { ...compression.career, title: '<script>alert(1)</script>' } },
      { ...routing, skills: [{ key: 'x', label: '<img src=x onerror=alert(1)>', concepts: [] }] },
    );
    const out = render(evil);
    expect(out).not.toContain('<script>alert');
    expect(out).not.toContain('<img src=x');
    expect(out).toContain('&lt;script&gt;');
  });
});

/** Two careers whose OEWS median and 90th percentile are BLS's top code (`#`, $239,200 or more). */
describe('compare page with top-coded wages', () => {
  const { compression, routing } = seedPair();
  const topCoded = (x: typeof compression, title: string, p10: number): typeof compression => ({
    ...x,
    career: { ...x.career, title, origin: 'onet' },
    metrics: {
      ...x.metrics,
      salary: computeSalary({
        wages: [
          {
            source: 'BLS OEWS (oews)',
            period: 'May 2024',
            employment: 1000,
            p10,
            p25: null,
            median: 239200,
            p75: null,
            p90: 239200,
            topCoded: { median: true, p90: true },
          },
        ],
        salarySurveys: [],
      } as never),
    },
  });
  const cmp = compareCareers(topCoded(compression, 'Anesthesiologists', 124450), topCoded(routing, 'Orthopedic Surgeons', 83390));
  const t = text(render(cmp));

  it('shows the bound as a bound, never as an exact or rounded figure', () => {
    expect(ComparisonSchema.safeParse(cmp).success).toBe(true);
    expect(t).toContain('at least $239,200/yr');
    expect(t).toContain('$124,000-$239,200+/yr');
    expect(t).toContain('top-coded: BLS publishes no wage above this bound');
    expect(t).not.toContain('$239,000');
    expect(t).not.toMatch(/tie on[^.]*median salary/);
  });
});

/** O*NET names a skill and a knowledge area "Mathematics": the page tells them apart. */
describe('compare page with rated skills and knowledge', () => {
  const { compression, routing } = seedPair();
  const prov = { source: 'O*NET (onet-ratings)', period: 'O*NET 29.0', method: 'onet-ratings' };
  const item = (id: string, name: string, domain: 'skill' | 'knowledge', importance: number, level: number) => ({ id, name, domain, importance, level });
  const rated = (x: typeof compression, title: string, math: number, other: number): typeof compression => ({
    ...x,
    career: { ...x.career, title, origin: 'onet' },
    metrics: {
      ...x.metrics,
      skillRatings: {
        ...prov,
        value: [
          item('2.A.1.e', 'Mathematics', 'skill', 4, math),
          item('2.C.4.a', 'Mathematics', 'knowledge', 4.5, math + 1),
          item('2.A.1.a', 'Reading Comprehension', 'skill', 4, other),
          item('2.C.3.a', 'Computers and Electronics', 'knowledge', 4, other),
        ],
      },
    },
  });
  const cmp = compareCareers(rated(compression, 'Dancers', 0.4, 4), rated(routing, 'Actuaries', 5, 4));
  const t = text(render(cmp));

  it('names which Mathematics is meant wherever both can appear', () => {
    expect(t).toContain('Learn first: Mathematics (knowledge) (level 1.4 → 6.0), Mathematics (skill) (level 0.4 → 5.0)');
    expect(t).toMatch(/Mathematics \(knowledge\): level 1\.4 vs 6\.0/);
    expect(t).not.toMatch(/Mathematics \(level/);
  });

  it('words a move with no time to add as the summary does, never "about 0 months"', () => {
    expect(cmp.transition.bToA.months).toBe(0);
    expect(t).not.toContain('about 0 months');
    expect(t).toMatch(/Actuaries → Dancers: \w+ ?, 0% of the skill and knowledge level needed is new, little extra time/);
  });
});

describe("comparison text names O*NET's two Mathematics apart", () => {
  const { compression, routing } = seedPair();
  const item = (id: string, name: string, domain: 'skill' | 'knowledge', level: number) => ({ id, name, domain, importance: 4, level });
  const rated = (x: typeof compression, title: string, math: number): typeof compression => ({
    ...x,
    career: { ...x.career, title, origin: 'onet' },
    metrics: {
      ...x.metrics,
      skillRatings: {
        source: 'O*NET',
        period: 'O*NET 29.0',
        method: 'onet-ratings',
        value: [item('2.A.1.e', 'Mathematics', 'skill', math), item('2.C.4.a', 'Mathematics', 'knowledge', math + 1)],
      },
    },
  });
  it('never reads "Mathematics, Mathematics"', () => {
    const cmp = compareCareers(rated(compression, 'Dancers', 0.4), rated(routing, 'Actuaries', 5));
    expect(cmp.summary).toContain('learn first: Mathematics (skill), Mathematics (knowledge)');
    expect(cmp.summary).not.toMatch(/Mathematics, Mathematics/);
  });
});

describe('compare page with an occupation BLS publishes hourly wages for only', () => {
  const { compression, routing } = seedPair();
  const dancers: typeof compression = {
    ...compression,
    career: { ...compression.career, title: 'Dancers', origin: 'onet' },
    metrics: {
      ...compression.metrics,
      salary: computeSalary({
        wages: [
          {
            source: 'BLS OEWS (oews)',
            period: 'May 2024',
            employment: 1000,
            p10: 29_120,
            p25: null,
            median: 49_920,
            p75: null,
            p90: 112_320,
            topCoded: {},
            hourlyOnly: true,
          },
        ],
        salarySurveys: [],
      } as never),
    },
  };
  const cmp = compareCareers(dancers, routing);
  it("says the annual figures are hourly wages × 2,080, not a year's pay", () => {
    expect(ComparisonSchema.safeParse(cmp).success).toBe(true);
    expect(cmp.a.salary.median).toMatchObject({ value: 50_000, hourlyOnly: true });
    expect(text(render(cmp))).toContain("hourly wage × 2,080 hours, not a year's pay");
  });
});
