import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parseConfig } from '../../src/config.js';
import { createZip } from '../../src/core/zip.js';
import type { JobZoneFact, RelatedOccupationsFact, TechSkillsFact, EducationFact } from '../../src/core/fact-keys.js';
import { fetcherFactory } from '../../src/ingest/wiring.js';
import { sharedDataDir } from '../helpers/static-server.js';
import { codesOf, factOf, startIngestHarness, type IngestHarness } from './harness.js';
import { onetDatabaseAdapter } from '../../src/ingest/sources/onet-database/adapter.js';
import { runSourcesDueAtStart } from '../../src/queue/schedules.js';
import { createQueueKit } from '../../src/queue/backend.js';
import { openQueues } from '../../src/queue/queues.js';
import { createLogger } from '../../src/log.js';

const ONET_DIR = path.join(sharedDataDir, 'onet-29.2');
const readOnet = (file: string): Buffer => readFileSync(path.join(ONET_DIR, file));

describe('onet-database over HTTP', () => {
  let h: IngestHarness;
  const counts = async () => {
    const sql = h.tdb.db.$client;
    const [r] = await sql<{ careers: number; aliases: number; facts: number }[]>`
      select (select count(*)::int from careers) as careers, (select count(*)::int from career_aliases) as aliases,
        (select count(*)::int from facts where source_id = 'onet') as facts`;
    return r!;
  };

  beforeAll(async () => {
    h = await startIngestHarness();
    await h.define({ id: 'onet', kind: 'onet-database', url: `${h.server.url}/data/onet-29.2/` });
    const first = await h.run('onet');
    expect(first.error).toBeUndefined();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('ingests the folder of text files: 1,016 careers, aliases, and seven fact kinds for O*NET 29.2', async () => {
    const sql = h.tdb.db.$client;
    const [run] = await sql<
      { status: string; stats: Record<string, number> }[]
    >`select status, stats from ingest_runs where source_id = 'onet' order by id limit 1`;
    expect(run!.status).toBe('succeeded');
    // Nine required files plus interests, work styles and task statements, and the release's read-me.
    expect(run!.stats).toMatchObject({ fetched: 13, rejected: 0, inserted: 6352, changedCareers: 1016 });
    const kinds = await sql<{ key: string; n: number }[]>`select key, count(*)::int as n from facts where source_id = 'onet' group by key order by key`;
    expect(Object.fromEntries(kinds.map((k) => [k.key, k.n]))).toEqual({
      education: 858,
      interests: 923,
      'job-zone': 923,
      'related-occupations': 923,
      tasks: 923,
      'tech-skills': 923,
      'work-styles': 879,
    });
    expect(await counts()).toMatchObject({ careers: 1016, facts: 6352 });
    const [dev] = await sql`select slug, title, category, origin from careers where onet_code = '15-1252.00'`;
    expect(dev).toEqual({ slug: 'software-developers', title: 'Software Developers', category: 'Computer and Mathematical', origin: 'onet' });
    const periods = await sql<{ period: string }[]>`select distinct period from facts`;
    expect(periods.map((p) => p.period)).toEqual(['O*NET 29.2']);

    const skills = (await factOf<TechSkillsFact>(h, '15-1252.00', 'tech-skills'))!;
    expect(skills).toHaveLength(425);
    expect(skills.find((s) => s.example === 'Python')).toEqual({
      example: 'Python',
      commodityCode: '43232405',
      commodityTitle: 'Object or component oriented development software',
      hot: true,
      inDemand: true,
    });
    expect(await factOf<JobZoneFact>(h, '15-1252.00', 'job-zone')).toMatchObject({ jobZone: 4, ratedOn: '11/2021', domainSource: 'Analyst - Preliminary' });
    const related = (await factOf<RelatedOccupationsFact>(h, '15-1252.00', 'related-occupations'))!;
    expect(related).toHaveLength(20);
    expect(related.slice(0, 2)).toEqual([
      { code: '15-1299.08', tier: 'Primary-Short', index: 1 },
      { code: '15-1251.00', tier: 'Primary-Short', index: 2 },
    ]);
    const ete = (await factOf<EducationFact>(h, '11-1011.00', 'education'))!;
    expect(ete.education!.categories).toHaveLength(12);
    expect(await factOf(h, '15-1252.00', 'education')).toBeUndefined(); // no ETE ratings in 29.2
    const aliases = await sql<{ alias: string }[]>`select a.alias from career_aliases a join careers c on c.id = a.career_id where c.onet_code = '15-1252.00'`;
    expect(aliases.length).toBeGreaterThan(100);
    expect(aliases.map((a) => a.alias)).toContain('Software Developer');
  });

  it('re-ingesting unchanged files is a no-op run marked unchanged', async () => {
    const before = await counts();
    const out = await h.run('onet');
    expect(out.status).toBe('unchanged');
    expect(out.changedCareerIds).toEqual([]);
    expect(await counts()).toEqual(before);
  });

  it('stores each alias with its evidence, and reads unchanged files again when a newer adapter version is out', async () => {
    const sql = h.tdb.db.$client;
    const evidence = () => sql<{ code: string; evidence: number }[]>`
      select c.onet_code as code, a.evidence from career_aliases a join careers c on c.id = a.career_id
      where a.normalized = 'data engineer' order by c.onet_code`;
    const expected = [
      { code: '15-1243.00', evidence: 3 },
      { code: '15-2041.00', evidence: 1 },
      { code: '15-2051.00', evidence: 1 },
    ];
    expect(await evidence()).toEqual(expected);
    const version = onetDatabaseAdapter.version;
    const [source] = await sql<{ v: number }[]>`select normalizer_version as v from sources where id = 'onet'`;
    expect(source!.v).toBe(version);
    // As if an older adapter had written the aliases: a plain run re-reads the unchanged files.
    await sql`update career_aliases set evidence = 1`;
    await sql`update sources set normalizer_version = ${version - 1} where id = 'onet'`;
    const kit = createQueueKit({ kind: 'redis', url: inject('redisUrl'), prefix: `cl-onet-${process.pid}` });
    const queues = openQueues(kit);
    try {
      const versions = new Map([...h.deps.adapters].map(([kind, a]) => [kind, a.version]));
      const queued = await runSourcesDueAtStart(h.tdb.db, queues, createLogger('silent'), versions);
      expect(queued).toHaveLength(1);
      const [run] = await sql<{ source_id: string; trigger: string }[]>`select source_id, trigger from ingest_runs where id = ${queued[0]!}`;
      expect(run).toEqual({ source_id: 'onet', trigger: 'startup' });
      await sql`delete from ingest_runs where id = ${queued[0]!}`;
    } finally {
      await queues.close();
      await kit.close();
    }
    const again = await h.run('onet');
    // Nothing downloaded, but the archived copies were parsed again (an unchanged source parses nothing).
    expect(again.stats).toMatchObject({ fetched: 0 });
    expect(again.stats.parsed).toBeGreaterThan(1000);
    expect(await evidence()).toEqual(expected);
    const [after] = await sql<{ v: number }[]>`select normalizer_version as v from sources where id = 'onet'`;
    expect(after!.v).toBe(version);
    expect((await h.run('onet')).status).toBe('unchanged');
  });

  it('an archived copy that inflates past its recorded size is downloaded again, never inflated without bound', async () => {
    const sql = h.tdb.db.$client;
    const [doc] = await sql<{ id: number; bytes: number }[]>`
      select id, bytes from raw_documents where source_id = 'onet' and url like '%Job%20Zones.txt' order by id desc limit 1`;
    await sql`update raw_documents set body = ${gzipSync(Buffer.alloc(doc!.bytes * 50, 'x'))} where id = ${doc!.id}`;
    const run = await h.run('onet');
    expect(run.error).toBeUndefined();
    expect(run.stats).toMatchObject({ fetched: 1 });
  });

  it('a changed file updates only what changed and reports exactly that career', async () => {
    const original = readOnet('Job Zones.txt').toString('utf8');
    const changed = original.replace('15-1252.00\t4\t11/2021', '15-1252.00\t5\t11/2021');
    expect(changed).not.toBe(original);
    h.server.override((req, res) => {
      if (!decodeURIComponent(req.url ?? '').endsWith('/onet-29.2/Job Zones.txt')) return false;
      res.writeHead(200, { 'content-type': 'text/plain' }).end(changed);
      return true;
    });
    try {
      const out = await h.run('onet');
      expect(out.status).toBe('succeeded');
      expect(await codesOf(h, out.changedCareerIds)).toEqual(['15-1252.00']);
      expect(out.stats).toMatchObject({ fetched: 1, inserted: 0, updated: 1 });
      expect(await factOf<JobZoneFact>(h, '15-1252.00', 'job-zone')).toMatchObject({ jobZone: 5, name: expect.stringMatching(/Job Zone Five/) });
    } finally {
      h.server.override(null);
    }
    const back = await h.run('onet');
    expect(await codesOf(h, back.changedCareerIds)).toEqual(['15-1252.00']);
    expect((await h.run('onet')).status).toBe('unchanged');
  });

  it('accepts the publisher zip (one document) and yields the same facts', async () => {
    const files = readFileSync(path.join(ONET_DIR, 'PROVENANCE.md')) && [
      'Occupation Data.txt',
      'Alternate Titles.txt',
      'Sample of Reported Titles.txt',
      'Technology Skills.txt',
      'Job Zones.txt',
      'Job Zone Reference.txt',
      'Education, Training, and Experience.txt',
      'Education, Training, and Experience Categories.txt',
      'Related Occupations.txt',
      'Read Me.txt',
      'Scales Reference.txt',
    ];
    const zip = createZip(files.map((f) => ({ name: `db_29_2_text/${f}`, data: readOnet(f) })));
    h.server.override((req, res) => {
      if (req.url !== '/onet/db_29_2_text.zip') return false;
      res.writeHead(200, { 'content-type': 'application/zip', 'content-length': zip.length }).end(zip);
      return true;
    });
    try {
      await h.define({ id: 'onet-zip', kind: 'onet-database', url: `${h.server.url}/onet/db_29_2_text.zip` });
      const out = await h.run('onet-zip');
      expect(out.status).toBe('succeeded');
      expect(out.stats).toMatchObject({ fetched: 1, inserted: 3627, rejected: 0 });
      const sql = h.tdb.db.$client;
      const [same] = await sql<{ n: number }[]>`
        select count(*)::int as n from facts a join facts b using (career_id, key, period)
        where a.source_id = 'onet' and b.source_id = 'onet-zip' and a.hash = b.hash`;
      expect(same!.n).toBe(3627);
      expect((await h.run('onet-zip')).status).toBe('unchanged');
    } finally {
      h.server.override(null);
    }
  });

  it('a file cut off in transit is retried, then the run fails visibly; earlier data stays', async () => {
    const before = await counts();
    const body = readOnet('Technology Skills.txt');
    h.server.override((req, res) => {
      if (!decodeURIComponent(req.url ?? '').endsWith('/Technology Skills.txt')) return false;
      res.writeHead(200, { 'content-length': body.length, 'content-type': 'text/plain' });
      res.write(body.subarray(0, body.length >> 1), () => res.destroy());
      return true;
    });
    try {
      const out = await h.run('onet');
      expect(out.status).toBe('failed');
      expect(out.error).toMatch(/Technology%20Skills\.txt|Technology Skills\.txt/);
    } finally {
      h.server.override(null);
    }
    expect(await counts()).toEqual(before);
    const sql = h.tdb.db.$client;
    const [run] = await sql<{ status: string; error: string }[]>`select status, error from ingest_runs where source_id = 'onet' order by id desc limit 1`;
    expect(run).toMatchObject({ status: 'failed', error: expect.stringMatching(/earlier data stays served|attempt/) });
  });

  it('a source answering 500 is retried, then the run fails with the error; earlier data stays', async () => {
    const before = await counts();
    const seen = h.server.requests.length;
    h.server.override((req, res) => {
      if (!decodeURIComponent(req.url ?? '').endsWith('/Job Zones.txt')) return false;
      res.writeHead(500).end('boom');
      return true;
    });
    try {
      const out = await h.run('onet');
      expect(out.status).toBe('failed');
      expect(out.error).toMatch(/500/);
    } finally {
      h.server.override(null);
    }
    const attempts = h.server.requests.slice(seen).filter((r) => r.path.endsWith('/Job Zones.txt')).length;
    expect(attempts).toBe(3); // FETCH_RETRIES=2
    expect(await counts()).toEqual(before);
    expect(await factOf<JobZoneFact>(h, '15-1252.00', 'job-zone')).toMatchObject({ jobZone: 4 });
  });

  it('a source that never answers times out, is retried, then the run fails; earlier data stays', async () => {
    const before = await counts();
    const normal = h.deps.newFetcher;
    h.deps.newFetcher = fetcherFactory(
      parseConfig({ PRIVATE_SOURCE_HOSTS: '127.0.0.1', FETCH_HOST_DELAY_MS: '0', FETCH_BACKOFF_MS: '20', FETCH_RETRIES: '1', FETCH_TIMEOUT_MS: '300' }),
    );
    h.server.override((req) => decodeURIComponent(req.url ?? '').endsWith('/Related Occupations.txt')); // taken, never answered
    try {
      const out = await h.run('onet');
      expect(out.status).toBe('failed');
      expect(out.error).toMatch(/time/i);
    } finally {
      h.server.override(null);
      h.deps.newFetcher = normal;
    }
    expect(await counts()).toEqual(before);
  });
});
