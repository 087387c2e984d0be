/**
 * An oews-wages source holding four releases (May 2020, 2021, 2022, 2024), listed out of order,
 * read over HTTP: one point per period with the files' own cells, the headline from the newest,
 * May 2020 hybrid codes continued or broken, and bad files set aside whole.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsvRows } from '../../src/core/csv.js';
import { readXlsxSheet } from '../../src/core/xlsx.js';
import type { ProjectionsFact, WagesBreakFact, WagesFact } from '../../src/core/fact-keys.js';
import { recomputeDirtyMetrics } from '../../src/workers/recompute-metrics.js';
import { createApp } from '../../src/runtime/app.js';
import { TrendSchema } from '../../src/api/openapi-schemas.js';
import { apiServices } from '../../src/http/services.js';
import { DEMAND_PERIOD_METHOD, type SeriesNote } from '../../src/core/series.js';
import { createLogger } from '../../src/log.js';
import { sharedDataDir } from '../helpers/static-server.js';
import { factOf, startIngestHarness, type IngestHarness } from './harness.js';

const DIR = 'bls-oews-national';
const FILES: Record<string, string> = {
  'May 2020': 'national_M2020_dl.xlsx',
  'May 2021': 'national_May2021_dl.csv',
  'May 2022': 'national_M2022_dl.xlsx',
  'May 2024': 'national_M2024_dl.xlsx',
};
const BOUNDS: Record<string, number> = { 'May 2020': 208_000, 'May 2021': 208_000, 'May 2022': 239_200, 'May 2024': 239_200 };

/** The detailed rows of a file as published: code → { employment cell, A_MEDIAN cell }. */
function publishedCells(period: string): Map<string, { emp: string; median: string }> {
  const file = path.join(sharedDataDir, DIR, FILES[period]!);
  const rows = file.endsWith('.csv') ? parseCsvRows(readFileSync(file, 'utf8').replace(/^\uFEFF/, '')) : readXlsxSheet(readFileSync(file), 0).rows;
  const head = rows[0]!.fields.map((h) => h.trim().toUpperCase());
  const at = (name: string) => head.indexOf(name);
  const out = new Map<string, { emp: string; median: string }>();
  for (const r of rows.slice(1)) {
    if (r.fields[at('O_GROUP')] !== 'detailed') continue;
    out.set(r.fields[at('OCC_CODE')]!, { emp: r.fields[at('TOT_EMP')]!, median: r.fields[at('A_MEDIAN')] ?? '' });
  }
  return out;
}
const asNumber = (cell: string) => Math.round(Number(cell.replace(/,/g, '')) * 100) / 100;

describe('series by period: four OEWS releases in one source, one survey from two snapshots', () => {
  let h: IngestHarness;
  const url = (file: string) => `${h.server.url}/data/${DIR}/${file}`;
  const oewsFacts = async () => {
    const sql = h.tdb.db.$client;
    const [r] = await sql<
      { n: number; hashes: string }[]
    >`select count(*)::int as n, coalesce(string_agg(hash, '' order by career_id, key, period), '') as hashes from facts where source_id = 'oews'`;
    return r!;
  };

  beforeAll(async () => {
    h = await startIngestHarness();
    await h.define({ id: 'onet', kind: 'onet-database', url: `${h.server.url}/data/onet-29.2/` });
    expect((await h.run('onet')).status).toBe('succeeded');
    // Scrambled: the newest release is neither the source's URL nor the last listed.
    await h.define({
      id: 'oews',
      kind: 'oews-wages',
      url: url(FILES['May 2022']!),
      options: { history: [url(FILES['May 2024']!), url(FILES['May 2020']!), { url: url(FILES['May 2021']!) }] },
    });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('writes one wages fact per occupation and period whose cells equal the files (≥ 30 spot checks a year, `#` as bounds)', async () => {
    const out = await h.run('oews');
    expect(out.status).toBe('succeeded');
    expect(out.stats.rejects).toEqual([]);
    const sql = h.tdb.db.$client;
    const periods = await sql<
      { period: string; n: number }[]
    >`select period, count(*)::int as n from facts where source_id = 'oews' and key = 'wages' group by 1 order by 1`;
    expect(periods.map((p) => p.period)).toEqual(['May 2020', 'May 2021', 'May 2022', 'May 2024']);
    for (const [period] of Object.entries(FILES)) {
      const cells = publishedCells(period);
      const rows = await sql<
        { value: WagesFact }[]
      >`select distinct on (value->>'socCode') value from facts where source_id = 'oews' and key = 'wages' and period = ${period} and value->'mapped' is null`;
      expect(rows.length).toBeGreaterThan(700);
      // Every 20th occupation with a fact, and every top-coded median: at least 30 a year.
      const topCodedMedians = rows.filter((r) => cells.get(r.value.socCode)?.median === '#');
      const checked = [...rows.filter((_, i) => i % 20 === 0), ...topCodedMedians];
      expect(checked.length).toBeGreaterThanOrEqual(30);
      for (const { value } of checked) {
        const cell = cells.get(value.socCode)!;
        if (cell.median === '#') {
          expect(value.annual.median, `${period} ${value.socCode}`).toBe(BOUNDS[period]);
          expect(value.topCoded.median).toBe(true);
        } else if (/^[\d.,]+$/.test(cell.median) && !value.derivedFromHourly) {
          expect(value.annual.median, `${period} ${value.socCode}`).toBe(asNumber(cell.median));
        }
        if (/^[\d.,]+$/.test(cell.emp)) expect(value.employment).toBe(asNumber(cell.emp));
      }
      if (period === 'May 2024') expect(topCodedMedians.length).toBeGreaterThan(0);
    }
  });

  it('the headline salary of every career is its newest period', async () => {
    await recomputeDirtyMetrics(h.tdb.db.$client, { all: true });
    const sql = h.tdb.db.$client;
    const rows = await sql<{ onet_code: string; median: number | null; period: string | null; newest: WagesFact }[]>`
      select c.onet_code, (m.metrics->'salary'->'median'->>'value')::float8 as median, m.metrics->'salary'->'median'->>'period' as period, f.value as newest
      from careers c join career_metrics m on m.career_id = c.id
      join facts f on f.career_id = c.id and f.key = 'wages' and f.period = 'May 2024'`;
    expect(rows.length).toBeGreaterThan(900);
    for (const r of rows.filter((x) => x.newest.annual.median !== null)) {
      expect(r.period, r.onet_code).toBe('May 2024');
      expect(r.median, r.onet_code).toBe(Math.round(r.newest.annual.median!));
    }
    const dev = rows.find((r) => r.onet_code === '15-1252.00')!;
    expect(dev.median).toBe(133_080);
  });

  it('software developers span May 2020 → May 2024, the 2020 point mapped from hybrid 15-1256 and marked', async () => {
    const sql = h.tdb.db.$client;
    const series = await sql<{ period: string; value: WagesFact }[]>`
      select f.period, f.value from facts f join careers c on c.id = f.career_id where c.onet_code = '15-1252.00' and f.key = 'wages'`;
    const byPeriod = new Map(series.map((s) => [s.period, s.value]));
    expect([...byPeriod.keys()].sort()).toEqual(['May 2020', 'May 2021', 'May 2022', 'May 2024']);
    expect(byPeriod.get('May 2020')).toMatchObject({ socCode: '15-1256', employment: 1_476_800, annual: { median: 110_140 } });
    expect(byPeriod.get('May 2020')!.mapped).toMatchObject({ rule: 'hybrid-majority', from: { code: '15-1256' }, share: 0.878, basisPeriod: 'May 2021' });
    expect(byPeriod.get('May 2024')).toMatchObject({ socCode: '15-1252', employment: 1_654_440, annual: { median: 133_080 } });
    expect(byPeriod.get('May 2024')!.mapped).toBeUndefined();
  });

  it('a code with no honest mapping breaks: database administrators have no May 2020 value, and a reason', async () => {
    expect(await factOf(h, '15-1242.00', 'wages', 'May 2020')).toBeUndefined();
    const gap = await factOf<WagesBreakFact>(h, '15-1242.00', 'wages-break', 'May 2020');
    expect(gap).toMatchObject({ socCode: '15-1242', hybrid: { code: '15-1245' }, basisPeriod: 'May 2021' });
    expect(gap!.reason).toMatch(/15-1242 \(63 %\), 15-1243 \(37 %\).*no member holds 80 %/);
    // The minority member of a mapped hybrid breaks too (QA testers inside 15-1256).
    expect(await factOf(h, '15-1253.00', 'wages', 'May 2020')).toBeUndefined();
    expect((await factOf<WagesBreakFact>(h, '15-1253.00', 'wages-break', 'May 2020'))!.reason).toMatch(/continue 15-1252 \(87.8 %/);
    expect((await factOf<WagesFact>(h, '15-1242.00', 'wages', 'May 2021'))!.annual.median).toBe(96_710);
  });

  it('series by period: OEWS points with their source, the mapped 2020 point marked, the break a null with its reason, demand per period', async () => {
    const sql = h.tdb.db.$client;
    const points = async (code: string, metric: string) => sql<
      { period: string; value: number | null; bound: string | null; source: string; note: SeriesNote }[]
    >`
      select p.period, p.value, p.bound, p.source, p.note from series_points p join careers c on c.id = p.career_id
      where c.onet_code = ${code} and p.metric = ${metric} order by p.period_start`;
    const dev = await points('15-1252.00', 'salaryMedian');
    expect(dev.map((p) => [p.period, p.value])).toEqual([
      ['May 2020', 110_140],
      ['May 2021', 120_730],
      ['May 2022', 127_260],
      ['May 2024', 133_080],
    ]);
    expect(dev.every((p) => p.source === 'BLS OEWS (oews)')).toBe(true);
    expect(dev[0]!.note.mapped).toEqual({ from: '15-1256', share: 0.878 });
    expect(dev[1]!.note).toEqual({});
    expect((await points('15-1252.00', 'employment')).map((p) => p.value)).toEqual([1_476_800, 1_364_180, 1_534_790, 1_654_440]);
    const dba = await points('15-1242.00', 'salaryMedian');
    expect(dba[0]).toMatchObject({ period: 'May 2020', value: null, note: { break: expect.stringMatching(/^hybrid 15-1245 combines/) } });
    expect(dba.slice(1).every((p) => typeof p.value === 'number')).toBe(true);
    const ceo = await points('11-1011.00', 'salaryP90');
    expect(ceo.map((p) => [p.value, p.bound])).toEqual([
      [208_000, 'at-least'],
      [208_000, 'at-least'],
      [239_200, 'at-least'],
      [239_200, 'at-least'],
    ]);
    const demand = await points('15-1252.00', 'demandScore');
    expect(demand.map((p) => p.period)).toEqual(['May 2020', 'May 2021', 'May 2022', 'May 2024']);
    expect(demand.every((p) => p.note.method === DEMAND_PERIOD_METHOD && p.value! >= 0 && p.value! <= 10)).toBe(true);
  });

  it('GET /v1/careers/{slug}/trends answers points keyed by period with their source, and CAGR', async () => {
    const deps = { db: h.tdb.db, kit: {} as never, queues: {} as never, log: createLogger('silent') };
    const app = createApp(deps, { anonymousPerMinute: 100_000 });
    try {
      const res = await app.request('/v1/careers/software-developers/trends?metric=salaryMedian');
      expect(res.status).toBe(200);
      const body = TrendSchema.parse(await res.json());
      expect(body.points.map((p) => [p.period, p.value, p.source])).toEqual([
        ['May 2020', 110_140, 'BLS OEWS (oews)'],
        ['May 2021', 120_730, 'BLS OEWS (oews)'],
        ['May 2022', 127_260, 'BLS OEWS (oews)'],
        ['May 2024', 133_080, 'BLS OEWS (oews)'],
      ]);
      expect(body.points[0]!.mapped).toEqual({ from: '15-1256', share: 0.878 });
      expect(body.series).toEqual([
        {
          series: 'BLS OEWS (oews)',
          from: 'May 2020',
          to: 'May 2024',
          points: 4,
          cagr: 0.0484,
          change: { abs: 22_940, pct: 20.8 },
          mapped: true,
          thinPoints: 0,
        },
      ]);
      const window = TrendSchema.parse(await (await app.request('/v1/careers/software-developers/trends?metric=employment&from=2021&to=2022')).json());
      expect(window.points.map((p) => p.period)).toEqual(['May 2021', 'May 2022']);
      expect(window.series[0]).toMatchObject({ change: { abs: 170_610, pct: 12.5 }, mapped: false });
      expect((await app.request('/v1/careers/software-developers/trends?from=yesterday')).status).toBe(400);
      expect((await app.request('/v1/careers/software-developers/trends?from=2024&to=2021')).status).toBe(400);
    } finally {
      await apiServices(deps).stop();
    }
  });

  it('BLS Employment Projections 2022–32 and 2024–34 side by side, each under its projection period', async () => {
    const dir = `${h.server.url}/data/bls-employment-projections`;
    await h.define({
      id: 'projections',
      kind: 'employment-projections',
      url: `${dir}/Employment%20Projections%202024-34.csv`,
      options: { history: [`${dir}/occupation_2022-32.xlsx`] },
    });
    const out = await h.run('projections');
    expect(out.status).toBe('succeeded');
    expect(out.stats).toMatchObject({ parsed: 1664, rejected: 0 });
    const dev = (await factOf<ProjectionsFact>(h, '15-1252.00', 'projections', '2024-34'))!;
    expect(dev).toEqual({
      socCode: '15-1252',
      title: 'Software developers',
      baseYear: 2024,
      targetYear: 2034,
      employmentBase: 1_693_800,
      employmentTarget: 1_961_400,
      change: 267_700,
      changePct: 15.8,
      annualOpenings: 115_200,
    });
    await recomputeDirtyMetrics(h.tdb.db.$client);
    const sql = h.tdb.db.$client;
    const points = await sql<{ metric: string; period: string; value: number; source: string }[]>`
      select p.metric, p.period, p.value, p.source from series_points p join careers c on c.id = p.career_id
      where c.onet_code = '15-1252.00' and p.metric like 'projected%' order by p.metric, p.period_start`;
    expect(points.map((p) => [p.metric, p.period, p.value])).toEqual([
      ['projectedChangePct', '2022-32', 25.7],
      ['projectedChangePct', '2024-34', 15.8],
      ['projectedOpenings', '2022-32', 136_300],
      ['projectedOpenings', '2024-34', 115_200],
    ]);
    expect(new Set(points.map((p) => p.source))).toEqual(new Set(['BLS Employment Projections (projections)']));
  });

  it('Indeed Hiring Lab postings by month for careers whose sector is mapped', async () => {
    await h.define({ id: 'indeed', kind: 'postings-index', url: `${h.server.url}/data/indeed-hiring-lab/job_postings_by_sector_US.csv` });
    expect((await h.run('indeed')).status).toBe('succeeded');
    await recomputeDirtyMetrics(h.tdb.db.$client);
    const sql = h.tdb.db.$client;
    const points = async (slug: string) => sql<{ series: string; period: string; value: number; source: string }[]>`
      select p.series, p.period, p.value, p.source from series_points p join careers c on c.id = p.career_id
      where c.slug = ${slug} and p.metric = 'postingsIndex' order by p.period_start`;
    const dev = await points('software-developers');
    expect(dev).toHaveLength(56); // February 2020 to September 2024
    expect(dev[0]).toEqual({ series: 'Indeed: Software Development', period: '2020-02', value: 99.47, source: 'Indeed Hiring Lab (indeed)' });
    expect(dev[55]).toMatchObject({ period: '2024-09', value: 69.06 });
    expect((await points('registered-nurses'))[0]!.series).toBe('Indeed: Nursing');
    expect(await points('chief-executives')).toEqual([]); // its sector is not mapped: no invented series
  });

  it("series written incrementally equal a full recompute's", async () => {
    const sql = h.tdb.db.$client;
    const all = async () =>
      (
        await sql<{ h: string }[]>`
      select md5(string_agg(concat_ws('|', career_id, metric, series, period, value, bound, source, note::text), ',' order by career_id, metric, series, period)) as h from series_points`
      )[0]!.h;
    const incremental = await all();
    await recomputeDirtyMetrics(sql, { all: true });
    expect(await all()).toBe(incremental);
  });

  it('re-running the same files is unchanged', async () => {
    const before = await oewsFacts();
    expect((await h.run('oews')).status).toBe('unchanged');
    expect(await oewsFacts()).toEqual(before);
  });

  it("one survey from two snapshots yields one point per year: the newer snapshot's", async () => {
    const older = readFileSync(path.join(sharedDataDir, 'ai-jobs-net-salaries/salaries.csv'), 'utf8');
    // The later snapshot: every salary 1,000 USD higher, so its medians are told apart exactly.
    const newer = older
      .split('\n')
      .map((line, i) => {
        const f = line.split(',');
        if (i === 0 || f.length < 11 || !/^\d+$/.test(f[6]!)) return line;
        f[6] = String(Number(f[6]) + 1000);
        return f.join(',');
      })
      .join('\n');
    h.server.override((req, res) => {
      if (req.url !== '/mirror/salaries-2024.csv') return false;
      res.writeHead(200, { 'content-type': 'text/csv' }).end(newer);
      return true;
    });
    try {
      await h.define({
        id: 'survey-2024',
        kind: 'salary-survey',
        url: `${h.server.url}/mirror/salaries-2024.csv`,
        options: { survey: 'ai-jobs.net', snapshot: '2024-01' },
      });
      await h.define({
        id: 'survey-2023',
        kind: 'salary-survey',
        url: `${h.server.url}/data/ai-jobs-net-salaries/salaries.csv`,
        options: { survey: 'ai-jobs.net', snapshot: '2023-02' },
      });
      expect((await h.run('survey-2024')).status).toBe('succeeded');
      expect((await h.run('survey-2023')).status).toBe('succeeded'); // the older snapshot arrives last
    } finally {
      h.server.override(null);
    }
    await recomputeDirtyMetrics(h.tdb.db.$client);
    const sql = h.tdb.db.$client;
    const facts = await sql<{ source_id: string; period: string; median: number }[]>`
      select f.source_id, f.period, (f.value->>'median')::float8 as median from facts f join careers c on c.id = f.career_id
      where c.slug = 'data-scientists' and f.key = 'salary-survey' order by f.period, f.source_id`;
    expect(new Set(facts.map((f) => f.source_id))).toEqual(new Set(['survey-2023', 'survey-2024']));
    const points = await sql<{ series: string; period: string; value: number; source: string }[]>`
      select p.series, p.period, p.value, p.source from series_points p join careers c on c.id = p.career_id
      where c.slug = 'data-scientists' and p.metric = 'surveyMedian' order by p.period_start`;
    expect(points.map((p) => p.period)).toEqual(['2020', '2021', '2022', '2023']);
    for (const p of points) {
      expect(p).toMatchObject({ series: 'ai-jobs.net', source: 'ai-jobs.net salary survey (survey-2024)' });
      const [older2023, newer2024] = ['survey-2023', 'survey-2024'].map((id) => facts.find((f) => f.source_id === id && f.period === p.period)!.median);
      expect(p.value).toBe(Math.round(newer2024!));
      expect(newer2024! - older2023!).toBe(1000);
    }
    // The clients' survey years: one per year too.
    const deps = { db: h.tdb.db, kit: {} as never, queues: {} as never, log: createLogger('silent') };
    const app = createApp(deps, { anonymousPerMinute: 100_000 });
    try {
      const body = (await (await app.request('/v1/careers/data-scientists/salary-surveys')).json()) as { years: { year: number; source: string }[] };
      expect(body.years.map((y) => [y.year, y.source])).toEqual(points.map((p) => [Number(p.period), 'ai-jobs.net salary survey (survey-2024)']));
    } finally {
      await apiServices(deps).stop();
    }
  });

  describe('a bad file is set aside whole: the run says which and why, the rest lands, its period keeps what it had', () => {
    const csv2021 = readFileSync(path.join(sharedDataDir, DIR, FILES['May 2021']!), 'utf8');
    const xlsx2024 = readFileSync(path.join(sharedDataDir, DIR, FILES['May 2024']!));
    /** Runs the source with more history files served from /mirror/; answers the run's rejects. */
    const withHistory = async (extra: Record<string, string | Buffer>) => {
      h.server.override((req, res) => {
        const body = extra[decodeURIComponent(req.url ?? '')];
        if (body === undefined) return false;
        res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(body);
        return true;
      });
      await h.define({
        id: 'oews',
        kind: 'oews-wages',
        url: url(FILES['May 2022']!),
        options: {
          history: [url(FILES['May 2024']!), url(FILES['May 2020']!), url(FILES['May 2021']!), ...Object.keys(extra).map((p) => `${h.server.url}${p}`)],
        },
      });
      try {
        const out = await h.run('oews');
        expect(out.status).not.toBe('failed');
        return out.stats.rejects!.map((r) => r.reason);
      } finally {
        h.server.override(null);
      }
    };
    const period2021 = async () =>
      (await h.tdb.db.$client`select string_agg(hash, '' order by career_id) as h from facts where source_id = 'oews' and period = 'May 2021'`)[0]!.h as string;

    it('unreadable period, a different column layout, name and content disagreeing, two files of one period with different numbers', async () => {
      const stored2021 = await period2021();
      const reasons = await withHistory({
        '/mirror/wages.csv': csv2021,
        '/mirror/national_M2023_dl.csv': csv2021.replace('A_MEDIAN', 'A_MED'),
        '/mirror/national_M2019_dl.xlsx': xlsx2024,
        '/mirror/national_M2021_dl.csv': csv2021.replace('"120,730"', '"125,000"'),
      });
      expect(reasons.sort()).toEqual([
        expect.stringMatching(/^national_M2019_dl\.xlsx: the file name says May 2019 but its data sheet says May 2024; nothing from this file was written$/),
        expect.stringMatching(
          /^national_M2021_dl\.csv: claims May 2021 like national_May2021_dl\.csv but with different numbers; nothing from either file was written for May 2021$/,
        ),
        expect.stringMatching(/^national_M2023_dl\.csv: missing column\(s\) "A_MEDIAN".*nothing from this file was written$/),
        expect.stringMatching(/^national_May2021_dl\.csv: claims May 2021 like national_M2021_dl\.csv but with different numbers/),
        expect.stringMatching(/^wages\.csv: its reference period cannot be read from the file name or the content .*nothing from this file was written$/),
      ]);
      const sql = h.tdb.db.$client;
      expect(await sql`select 1 from facts where period in ('May 2019', 'May 2023')`).toHaveLength(0);
      // May 2021 keeps what it had; without a trusted May 2021, May 2020's hybrids take their shares from May 2022.
      expect(await period2021()).toBe(stored2021);
      expect((await factOf<WagesFact>(h, '15-1252.00', 'wages', 'May 2021'))!.annual.median).toBe(120_730);
      expect((await factOf<WagesFact>(h, '15-1252.00', 'wages', 'May 2020'))!.mapped!.basisPeriod).toBe('May 2022');
      expect((await factOf<WagesFact>(h, '15-1252.00', 'wages', 'May 2024'))!.annual.median).toBe(133_080);
    });

    it('the same period twice with the same numbers counts once', async () => {
      expect(await withHistory({ '/mirror/national_M2021_dl.csv': csv2021 })).toEqual([]);
      expect((await factOf<WagesFact>(h, '15-1252.00', 'wages', 'May 2020'))!.mapped!.basisPeriod).toBe('May 2021');
    });
  });
});
