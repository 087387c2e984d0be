/**
 * What a reader gets from a comparison, on the real shared data. Software Developers vs Data
 * Scientists: verbs agree with the plural titles, the tasks section names exposed and unexposed
 * core tasks, and the checker finds nothing. Demand v2 and the outlook: for three careers, each outlook component of
 * the stored metrics equals the cells of the source files as BLS and Indeed publish them (read
 * here straight from the files, not through the adapters), the Bright Outlook rule is applied to
 * the newest projection, and a career whose sector is not mapped has no postings signal, with the reason.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readXlsxSheet } from '../../src/core/xlsx.js';
import { DEMAND_METHOD_VERSION } from '../../src/core/metrics/demand.js';
import type { CareerMetrics } from '../../src/core/metrics/types.js';
import { seedRealData, type Seeded } from './seed.js';
import { buildComparison } from '../../src/http/comparison-view.js';
import { checkComparisonInvariants } from '../../src/core/compare/index.js';
import { findCareer, getStoredComparison } from '../../src/db/queries/careers.js';
import { sharedDataDir } from '../helpers/static-server.js';

const DATA = sharedDataDir;
const csv = parse(readFileSync(`${DATA}/bls-employment-projections/Employment Projections 2024-34.csv`), { columns: true, bom: true }) as Record<
  string,
  string
>[];
const xlsx = readXlsxSheet(readFileSync(`${DATA}/bls-employment-projections/occupation_2022-32.xlsx`), 'Table 1.2').rows.map((r) => r.fields);
const indeed = readFileSync(`${DATA}/indeed-hiring-lab/job_postings_by_sector_US.csv`, 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((l) => l.split(','));

const num = (s: string) => Number(s.replace(/,/g, ''));
/** 2024-34 cells of the search tool's CSV: % change, and openings a year (thousands → jobs). */
function cells2024(soc: string) {
  const r = csv.find((x) => x['Occupation Code'] === soc)!;
  return {
    changePct: num(r['Employment Percent Change, 2024-2034']!),
    annualOpenings: Math.round(num(r['Occupational Openings, 2024-2034 Annual Average']!) * 1000),
  };
}
/** 2022-32 cells of occupation.xlsx Table 1.2 (columns 8 and 9). */
function cells2022(soc: string) {
  const r = xlsx.find((f) => f[1] === soc && f[2] === 'Line item')!;
  return { changePct: Math.round(Number(r[8]) * 10) / 10, annualOpenings: Math.round(Number(r[9]) * 1000) };
}
/** The sector's newest month: the mean of its daily index cells, two decimals. */
function newestMonth(sector: string) {
  const rows = indeed.filter((f) => f[4] === sector);
  const month = rows[rows.length - 1]![0]!.slice(0, 7);
  const days = rows.filter((f) => f[0]!.startsWith(month)).map((f) => Number(f[2]));
  return { month, index: Math.round((days.reduce((a, b) => a + b, 0) / days.length) * 100) / 100 };
}

let seeded: Seeded;
const metrics = new Map<string, CareerMetrics>();
beforeAll(async () => {
  seeded = await seedRealData('outlook');
  const rows = await seeded.db.$client<{ code: string; metrics: CareerMetrics }[]>`
    select c.onet_code as code, m.metrics from careers c join career_metrics m on m.career_id = c.id
    where c.onet_code in ('15-1252.00', '15-2051.00', '13-2011.00', '11-1011.00')`;
  for (const r of rows) metrics.set(r.code, r.metrics);
}, 420_000);
afterAll(async () => {
  await seeded?.stop();
});

describe('demand v2 and the outlook on the real data', () => {
  const careers = [
    ['15-1252.00', 'Software Development'],
    ['15-2051.00', 'Mathematics'],
    ['13-2011.00', 'Accounting'],
  ] as const;

  it.each(careers)('%s: components equal the BLS and Indeed cells', (code, sector) => {
    const m = metrics.get(code)!;
    const soc = code.slice(0, 7);
    const d = m.demandScore;
    if (d.value === null) throw new Error(`no demand score for ${code}`);
    expect(d.methodVersion).toBe(DEMAND_METHOD_VERSION);
    const comp = (s: string) => d.components.find((c) => c.signal === s);
    const bls = cells2024(soc);
    expect(comp('projectedGrowth')).toMatchObject({ raw: bls.changePct, period: '2024-34' });
    expect(comp('annualOpenings')).toMatchObject({ raw: bls.annualOpenings, period: '2024-34' });
    const month = newestMonth(sector);
    expect(comp('postingsIndex')).toMatchObject({ raw: month.index, period: month.month });
    expect(d.components.reduce((s, c) => s + c.weight, 0)).toBeCloseTo(1);

    const o = m.outlook!;
    if (o.projections.value === null) throw new Error('no projections');
    expect(o.projections.value.map((p) => p.period)).toEqual(['2022-32', '2024-34']);
    expect(o.projections.value[0]).toMatchObject(cells2022(soc));
    expect(o.projections.value[1]).toMatchObject(bls);
    const bright = bls.changePct >= 10 || bls.annualOpenings * 10 >= 100_000;
    expect(o.brightOutlook.value).toMatchObject({ bright, projectionPeriod: '2024-34' });
    expect(o.postingsTrend.value).toMatchObject({ sector, index: month.index, month: month.month });
  });

  it('applies Bright Outlook by growth (Data Scientists) and by openings (Software Developers)', () => {
    expect(metrics.get('15-2051.00')!.outlook!.brightOutlook.value).toMatchObject({ bright: true, criteria: expect.arrayContaining(['grows-rapidly']) });
    expect(metrics.get('15-1252.00')!.outlook!.brightOutlook.value).toMatchObject({ bright: true, criteria: ['grows-rapidly', 'many-openings'] });
  });

  it('leaves the postings signal missing, with the reason, where no sector is mapped', () => {
    const m = metrics.get('11-1011.00')!;
    expect(m.outlook!.postingsTrend).toMatchObject({ value: null, reason: expect.stringMatching(/no Indeed Hiring Lab sector is mapped to SOC 11-1011/) });
    const d = m.demandScore;
    if (d.value === null) throw new Error('no demand score');
    expect(d.components.some((c) => c.signal === 'postingsIndex')).toBe(false);
    expect(d.missingSignals).toContainEqual({ signal: 'postingsIndex', reason: expect.stringMatching(/sectors\.ts/) });
  });
});

describe('Software Developers vs Data Scientists on the real data', () => {
  it('agrees its verbs, names exposed and unexposed core tasks of each side, and passes the checker', async () => {
    const a = (await findCareer(seeded.db, 'software-developers'))!;
    const b = (await findCareer(seeded.db, 'data-scientists'))!;
    const stored = (await getStoredComparison(seeded.db, a.id, b.id))!;
    for (const c of [buildComparison(a, b, stored), buildComparison(b, a, stored)]) {
      expect(checkComparisonInvariants(c)).toEqual([]);
      const text = [c.summary, ...c.chooseA, ...c.chooseB, c.conclusion].join('\n');
      expect(text).not.toMatch(/(Data Scientists|Software Developers) (pays|has|offers|scores|is|leads|lists|earns)\b/);
      expect(text).not.toMatch(/Are interested in|Enjoy writing and debugging code|Want full remote flexibility/);
      for (const side of [c.a, c.b]) {
        const t = side.tasks.value!;
        expect(t.exposed).toBeGreaterThan(0);
        expect(t.mostExposed[0]!.label).not.toBe('E0');
        expect(t.leastExposed[0]).toBeDefined();
        const name = side.title;
        expect(c.summary).toContain(
          `Core tasks and AI, ${name}: ${t.exposed} of ${t.rated} rated ${t.scope === 'core' ? 'core tasks' : 'tasks (O*NET types none as core)'} exposed`,
        );
        expect(c.summary).toContain(`most exposed “${t.mostExposed[0]!.task.replace(/\.$/, '')}”`);
        expect(c.summary).toContain(`least exposed “${t.leastExposed[0]!.task.replace(/\.$/, '')}”`);
      }
      // Software Developers: "Train users to use new or modified equipment" is the one task GPT-4 rates unexposed.
      const sd = c.a.slug === 'software-developers' ? c.a : c.b;
      expect(sd.tasks.value!.leastExposed[0]).toMatchObject({ label: 'E0', task: 'Train users to use new or modified equipment.' });
      expect(c.summary).toMatch(
        /Outlook \(BLS Employment Projections\): .*\+\d+\.\d% employment with [\d,]+ openings a year in 2024-34 \(an O\*NET Bright Outlook occupation\)/,
      );
    }
  });
});
