import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createZip } from '../../src/core/zip.js';
import type { WagesFact } from '../../src/core/fact-keys.js';
import { sharedDataDir } from '../helpers/static-server.js';
import { codesOf, factOf, startIngestHarness, type IngestHarness } from './harness.js';
import { csvToXlsx } from './xlsx-writer.js';

const CSV_PATH = '/data/bls-oews-national/national_May2021_dl.csv';
const original = readFileSync(path.join(sharedDataDir, 'bls-oews-national/national_May2021_dl.csv'), 'utf8');
/** The real file with one row's fields edited by name (line = 1-based line of the file). */
const editRow = (text: string, code: string, edit: (line: string) => string): string => {
  const lines = text.split('\n');
  const i = lines.findIndex((l) => l.includes(`,"${code}",`) || l.includes(`,${code},`));
  if (i < 0) throw new Error(`no row ${code}`);
  lines[i] = edit(lines[i]!);
  return lines.join('\n');
};

describe('oews-wages over HTTP', () => {
  let h: IngestHarness;
  const serve = (urlPath: string, body: string | Buffer, type = 'text/csv') =>
    h.server.override((req: IncomingMessage, res: ServerResponse) => {
      if (decodeURIComponent(req.url ?? '') !== urlPath) return false;
      res.writeHead(200, { 'content-type': type }).end(body);
      return true;
    });
  const snapshot = async () => {
    const sql = h.tdb.db.$client;
    const [r] = await sql<
      { n: number; hashes: string }[]
    >`select count(*)::int as n, coalesce(string_agg(hash, '' order by career_id, period), '') as hashes from facts where source_id = 'oews'`;
    return r!;
  };

  beforeAll(async () => {
    h = await startIngestHarness();
    await h.define({ id: 'onet', kind: 'onet-database', url: `${h.server.url}/data/onet-29.2/` });
    expect((await h.run('onet')).status).toBe('succeeded');
    await h.define({ id: 'oews', kind: 'oews-wages', url: `${h.server.url}${CSV_PATH}` });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('ingests the CSV: one wages fact per detailed occupation, on every O*NET code under it', async () => {
    const out = await h.run('oews');
    expect(out.status).toBe('succeeded');
    // 831 detailed rows; 819 of their codes have O*NET occupations, 962 in all with detail codes
    expect(out.stats).toMatchObject({ parsed: 1403, rejected: 0, inserted: 962, changedCareers: 962 });
    const dev = (await factOf<WagesFact>(h, '15-1252.00', 'wages', 'May 2021'))!;
    expect(dev).toMatchObject({
      socCode: '15-1252',
      title: 'Software Developers',
      employment: 1_364_180,
      currency: 'USD',
      topCoded: {},
      derivedFromHourly: false,
      annualOnly: false,
    });
    expect(dev.annual).toEqual({ mean: 120_990, p10: 64_470, p25: 90_870, median: 120_730, p75: 151_960, p90: 168_570 });
    expect(dev.hourly!.median).toBe(58.05);
    // `#`: stored as the bound, flagged, on both O*NET codes under 11-1011
    for (const code of ['11-1011.00', '11-1011.03']) {
      const ceo = (await factOf<WagesFact>(h, code, 'wages'))!;
      expect(ceo.annual).toMatchObject({ median: 179_520, p75: 208_000, p90: 208_000 });
      expect(ceo.topCoded).toEqual({ p75: true, p90: true });
      expect(ceo.hourlyTopCoded).toMatchObject({ p90: true });
      expect(ceo.topCodeBound).toEqual({ annual: 208_000, hourly: 100 });
    }
    // hourly-only (Actors: annual = hourly × 2080) and annual-only (teachers: no hourly)
    expect(await factOf<WagesFact>(h, '27-2011.00', 'wages')).toMatchObject({
      derivedFromHourly: true,
      annual: { median: 48_838.4 },
      hourly: { median: 23.48 },
    });
    expect(await factOf<WagesFact>(h, '25-2021.00', 'wages')).toMatchObject({ annualOnly: true, hourly: null, annual: { median: 61_400 } });
    // summary rows (15-0000, 15-1200, 15-1250…) give no facts
    const sql = h.tdb.db.$client;
    const socs = await sql<{ soc: string }[]>`select distinct value->>'socCode' as soc from facts where key = 'wages'`;
    expect(socs).toHaveLength(819);
    expect(socs.map((s) => s.soc)).not.toContain('15-1250');
  });

  it('re-ingesting is a no-op run marked unchanged', async () => {
    const before = await snapshot();
    const out = await h.run('oews');
    expect(out).toMatchObject({ status: 'unchanged', changedCareerIds: [] });
    expect(await snapshot()).toEqual(before);
  });

  it('one changed median updates that occupation only, and reports its O*NET codes', async () => {
    serve(
      CSV_PATH,
      editRow(original, '15-1252', (l) => l.replace('"120,730"', '"121,000"')),
    );
    let out = await h.run('oews');
    expect(out.status).toBe('succeeded');
    expect(await codesOf(h, out.changedCareerIds)).toEqual(['15-1252.00']);
    expect(out.stats).toMatchObject({ inserted: 0, updated: 1 });
    expect((await factOf<WagesFact>(h, '15-1252.00', 'wages'))!.annual.median).toBe(121_000);

    serve(
      CSV_PATH,
      editRow(original, '15-1299', (l) => l.replace('"95,270"', '"96,000"')),
    );
    out = await h.run('oews');
    expect(await codesOf(h, out.changedCareerIds)).toEqual([
      '15-1252.00',
      '15-1299.00',
      '15-1299.01',
      '15-1299.02',
      '15-1299.03',
      '15-1299.04',
      '15-1299.05',
      '15-1299.06',
      '15-1299.07',
      '15-1299.08',
      '15-1299.09',
    ]); // 15-1252 went back to the published figure
    h.server.override(null);
    out = await h.run('oews');
    expect(await codesOf(h, out.changedCareerIds)).toHaveLength(10);
    expect((await factOf<WagesFact>(h, '15-1299.07', 'wages'))!.annual.median).toBe(95_270);
  });

  it('a row with a non-numeric wage is rejected with its line number; the run still succeeds', async () => {
    serve(
      CSV_PATH,
      editRow(original, '15-1252', (l) => l.replace('"90,870"', 'n/a!')),
    );
    try {
      const out = await h.run('oews');
      expect(out.status).toBe('unchanged'); // succeeded, and no fact changed: the bad row kept its earlier figures
      expect(out.stats.rejects).toEqual([{ line: 151, file: 'national_May2021_dl.csv', reason: 'A_PCT25: non-numeric value "n/a!"' }]);
      expect(out.changedCareerIds).toEqual([]);
      // the rejected row's earlier figures stay served
      expect((await factOf<WagesFact>(h, '15-1252.00', 'wages'))!.annual).toMatchObject({ p25: 90_870, median: 120_730 });
    } finally {
      h.server.override(null);
    }
    expect((await h.run('oews')).status).toBe('unchanged'); // back to the published file: same facts
  });

  describe('bad files fail the run, write nothing, and leave earlier data served', () => {
    const expectFails = async (body: string | Buffer, message: RegExp) => {
      const before = await snapshot();
      serve(CSV_PATH, body);
      try {
        const out = await h.run('oews');
        expect(out.status).toBe('failed');
        expect(out.error).toMatch(message);
      } finally {
        h.server.override(null);
      }
      expect(await snapshot()).toEqual(before);
      const sql = h.tdb.db.$client;
      const [run] = await sql<{ status: string; error: string }[]>`select status, error from ingest_runs where source_id = 'oews' order by id desc limit 1`;
      expect(run).toMatchObject({ status: 'failed', error: expect.stringMatching(message) });
    };
    it('too many rejected rows', async () => {
      // 100 of 1,403 rows (7 %) with a letter where a wage should be
      let n = 0;
      const bad = original
        .split('\n')
        .map((l) => (l.includes(',detailed,') && n++ < 100 ? l.replace(/"\d{1,3},\d{3}"/, 'x') : l))
        .join('\n');
      expect(n).toBeGreaterThan(100);
      await expectFails(bad, /records rejected \(more than 5%\); nothing was written/);
    });
    it('wrong columns', async () => {
      await expectFails(original.replace('A_MEDIAN', 'MEDIAN_ANNUAL'), /missing column\(s\) "A_MEDIAN"/);
    });
    it('wrong encoding (UTF-16)', async () => {
      await expectFails(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(original.replace(/^\uFEFF/, ''), 'utf16le')]), /UTF-16/);
    });
    it('a truncated file', async () => {
      const cut = original.slice(0, original.indexOf('"1,364,180"') + 5);
      await expectFails(cut, /truncated at line 151/);
    });
  });

  it('reads the publisher xlsx, and the yearly zip holding it, to the same facts', async () => {
    const xlsx = csvToXlsx(original.replace(/^\uFEFF/, ''));
    const zip = createZip([
      { name: 'oesm21nat/national_M2021_dl.xlsx', data: xlsx },
      { name: 'oesm21nat/file_descriptions.xlsx', data: 'x' },
    ]);
    h.server.override((req, res) => {
      const body = req.url === '/bls/national_M2021_dl.xlsx' ? xlsx : req.url === '/bls/oesm21nat.zip' ? zip : null;
      if (!body) return false;
      res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(body);
      return true;
    });
    try {
      const sql = h.tdb.db.$client;
      for (const [id, file] of [
        ['oews-xlsx', 'national_M2021_dl.xlsx'],
        ['oews-zip', 'oesm21nat.zip'],
      ] as const) {
        await h.define({ id, kind: 'oews-wages', url: `${h.server.url}/bls/${file}` });
        const out = await h.run(id);
        expect(out.stats).toMatchObject({ parsed: 1403, rejected: 0, inserted: 962 });
        const [same] = await sql<{ n: number }[]>`
          select count(*)::int as n from facts a join facts b using (career_id, key, period)
          where a.source_id = 'oews' and b.source_id = ${id} and a.hash = b.hash`;
        expect(same!.n).toBe(962);
      }
    } finally {
      h.server.override(null);
    }
  });
});
