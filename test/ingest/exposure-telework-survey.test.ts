import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AiExposureFact, SalarySurveyFact, TeleworkFact } from '../../src/core/fact-keys.js';
import { parseFeltenAioeCsv } from '../../src/ingest/sources/ai-exposure/parse.js';
import { sharedDataDir } from '../helpers/static-server.js';
import { factOf, startIngestHarness, type IngestHarness } from './harness.js';

const CROSSWALK = '/data/onet-soc-2010-to-2019-crosswalk/2010_to_2019_Crosswalk.csv';

describe('ai-exposure, telework and salary-survey over HTTP', () => {
  let h: IngestHarness;
  beforeAll(async () => {
    h = await startIngestHarness();
    await h.define({ id: 'onet', kind: 'onet-database', url: `${h.server.url}/data/onet-29.2/` });
    expect((await h.run('onet')).status).toBe('succeeded');
  });
  afterAll(async () => {
    await h?.close();
  });

  it('GPTs-are-GPTs joins by O*NET-SOC 2019 code: 15-1252.00 has its published ratings', async () => {
    await h.define({
      id: 'gpts',
      kind: 'ai-exposure',
      url: `${h.server.url}/data/gpts-are-gpts-ai-exposure/occ_level.csv`,
      options: { method: 'gpts-are-gpts' },
    });
    const out = await h.run('gpts');
    expect(out.status).toBe('succeeded');
    expect(out.stats).toMatchObject({ parsed: 923, rejected: 0, inserted: 923 });
    expect(await factOf<AiExposureFact>(h, '15-1252.00', 'ai-exposure', '2023')).toEqual({
      method: 'gpts-are-gpts',
      scale: 'share of tasks exposed to LLMs, 0..1 (GPT-4 rating, E1 + 0.5×E2)',
      score: 0.8684210526315789,
      percent: 86.84210526315789,
      headlineColumn: 'dv_rating_beta',
      codeVintage: 'onet-soc-2019',
      crosswalk: null,
      columns: {
        dv_rating_alpha: 0.7894736842105263,
        dv_rating_beta: 0.8684210526315789,
        dv_rating_gamma: 0.9473684210526315,
        human_rating_alpha: 0.05263157894736842,
        human_rating_beta: 0.4473684210526315,
        human_rating_gamma: 0.8421052631578947,
      },
    });
    expect((await h.run('gpts')).status).toBe('unchanged');
  });

  it('Felten AIOE (SOC 2010) reaches 2019 codes through the crosswalk: merge-mean and split-copy', async () => {
    await h.define({
      id: 'felten',
      kind: 'ai-exposure',
      url: `${h.server.url}/data/felten-aioe/AIOE_AppendixA_occupation.csv`,
      options: { method: 'felten-aioe', crosswalkUrl: CROSSWALK },
    });
    const out = await h.run('felten');
    expect(out.status).toBe('succeeded');
    expect(out.stats.rejected).toBe(0);
    const { records } = parseFeltenAioeCsv(readFileSync(path.join(sharedDataDir, 'felten-aioe/AIOE_AppendixA_occupation.csv')));
    const pct = (soc: string) => records.find((r) => r.code === soc)!.percent;
    // 15-1132 (1.200923) and 15-1133 (1.2833079999999999) merged into 15-1252
    const dev = (await factOf<AiExposureFact>(h, '15-1252.00', 'ai-exposure', '2021'))!;
    expect(dev.score).toBeCloseTo(1.2421155, 12);
    expect(dev).toEqual({
      method: 'felten-aioe',
      scale: expect.stringMatching(/standardized score/),
      score: (1.200923 + 1.2833079999999999) / 2,
      percent: (pct('15-1132') + pct('15-1133')) / 2,
      headlineColumn: 'AIOE',
      columns: {},
      codeVintage: 'soc-2010',
      crosswalk: { rule: 'merge-mean', from: ['15-1132.00', '15-1133.00'] },
    });
    // 11-3011 Administrative Services Managers split into 11-3012 and 11-3013: copied
    for (const code of ['11-3012.00', '11-3013.00']) {
      expect(await factOf<AiExposureFact>(h, code, 'ai-exposure')).toMatchObject({
        score: 0.7398278,
        percent: pct('11-3011'),
        columns: { AIOE: 0.7398278 },
        crosswalk: { rule: 'split-copy', from: ['11-3011.00'] },
      });
    }
    expect((await h.run('felten')).status).toBe('unchanged');
  });

  it('reads the publisher Felten xlsx to the same facts as its CSV', async () => {
    await h.define({
      id: 'felten-xlsx',
      kind: 'ai-exposure',
      url: `${h.server.url}/data/felten-aioe/AIOE_DataAppendix.xlsx`,
      options: { crosswalkUrl: CROSSWALK },
    });
    const out = await h.run('felten-xlsx');
    expect(out.status).toBe('succeeded');
    const sql = h.tdb.db.$client;
    const [r] = await sql<{ same: number; all: number }[]>`
      select count(*) filter (where a.hash = b.hash)::int as same, count(*)::int as all
      from facts a join facts b using (career_id, key, period) where a.source_id = 'felten' and b.source_id = 'felten-xlsx'`;
    expect(r!.all).toBe(out.stats.inserted);
    expect(r!.same).toBe(r!.all);
  });

  it('telework: Dingel-Neiman 2010 values cross a split (copy) and a merge (mean)', async () => {
    await h.define({
      id: 'telework',
      kind: 'telework',
      url: `${h.server.url}/data/dingel-neiman-teleworkability/occupations_workathome.csv`,
      options: { crosswalkUrl: CROSSWALK },
    });
    const out = await h.run('telework');
    expect(out.status).toBe('succeeded');
    expect(out.stats.rejected).toBe(0);
    const tw = (code: string) => factOf<TeleworkFact>(h, code, 'telework', '2020');
    expect(await tw('15-1252.00')).toEqual({ method: 'dingel-neiman-2020', value: 1, rule: 'merge-mean', from: ['15-1132.00', '15-1133.00'] });
    expect(await tw('27-3023.00')).toEqual({ method: 'dingel-neiman-2020', value: 0.5, rule: 'merge-mean', from: ['27-3021.00', '27-3022.00'] });
    expect(await tw('11-3013.00')).toEqual({ method: 'dingel-neiman-2020', value: 1, rule: 'split-copy', from: ['11-3011.00'] });
    expect(await tw('29-2043.00')).toEqual({ method: 'dingel-neiman-2020', value: 0, rule: 'split-copy', from: ['29-2041.00'] });
    expect(await tw('11-1011.00')).toEqual({ method: 'dingel-neiman-2020', value: 1, rule: 'direct', from: ['11-1011.00'] });
    expect((await tw('11-3071.00'))!.value).toBe((1 + 0 + 1) / 3);
    expect((await h.run('telework')).status).toBe('unchanged');
  });

  it('salary survey: titles matched to careers, one USD distribution per career and work year', async () => {
    await h.define({ id: 'salaries', kind: 'salary-survey', url: `${h.server.url}/data/ai-jobs-net-salaries/salaries.csv` });
    const out = await h.run('salaries');
    expect(out.status).toBe('succeeded');
    expect(out.stats).toMatchObject({ parsed: 2532, rejected: 0 });
    const fact = (await factOf<SalarySurveyFact>(h, 'data-scientists', 'salary-survey', '2022'))!;
    // Recompute from the file the rows of the titles the fact says it counted.
    const csv = readFileSync(path.join(sharedDataDir, 'ai-jobs-net-salaries/salaries.csv'), 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split(','));
    const titles = new Set(fact.titles.map((t) => t.title));
    const usd = csv
      .filter((f) => f[0] === '2022' && titles.has(f[3]!))
      .map((f) => Number(f[6]))
      .sort((a, b) => a - b);
    const mid = (usd.length - 1) / 2;
    expect(fact).toMatchObject({
      currency: 'USD',
      count: usd.length,
      min: usd[0],
      max: usd.at(-1),
      median: (usd[Math.floor(mid)]! + usd[Math.ceil(mid)]!) / 2,
      percentileMethod: 'linear',
    });
    expect(fact).toMatchObject({ count: 618, min: 6304, p25: 100_000, median: 141_525, p75: 184_000, max: 380_000, mean: 138_635 });
    const none = { seniority: null, level: null, location: null, remote: null, employment: null };
    expect(fact.titles).toContainEqual({ title: 'Data Scientist', count: 401, method: 'title', confidence: 1, attributes: none });
    expect(fact.titles).toContainEqual(expect.objectContaining({ title: 'Lead Data Scientist', attributes: { ...none, seniority: 'lead' } }));
    // Salaries by the seniority the titles state: their counts add up to the year's submissions.
    expect(fact.bySeniority.map((b) => b.seniority)).toEqual(expect.arrayContaining(['unstated', 'lead', 'principal']));
    expect(fact.bySeniority.reduce((n, b) => n + b.count, 0)).toBe(fact.count);
    expect(fact.titles).toContainEqual({ title: 'ML Engineer', count: expect.any(Number), method: 'curated', confidence: 0.97, attributes: none });
    // "Data Engineer" is an O*NET alias of three careers; the curated titles (and O*NET's evidence) send it to Database Architects.
    expect(fact.titles.some((t) => t.title === 'Data Engineer')).toBe(false);
    const architects = (await factOf<SalarySurveyFact>(h, '15-1243.00', 'salary-survey', '2022'))!;
    expect(architects.titles).toContainEqual(expect.objectContaining({ title: 'Data Engineer', method: 'curated', confidence: 0.97 }));
    const sql = h.tdb.db.$client;
    const unmatched = await sql<
      { title: string; count: number }[]
    >`select title, count::int from unmatched_titles where source_id = 'salaries' order by count desc, title`;
    expect(unmatched.length).toBeGreaterThan(0);
    for (const u of unmatched) expect(titles.has(u.title)).toBe(false);
    expect((await h.run('salaries')).status).toBe('unchanged');
  });
});
