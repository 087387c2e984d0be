import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { EmptySourceListError, syncSources } from '../../src/db/queries/sources.js';
import { loadSourceDefinitions } from '../../src/ingest/catalog.js';
import { writeBatch } from '../../src/db/queries/write-batch.js';
import { registerSchedules } from '../../src/queue/schedules.js';
import { createLogger } from '../../src/log.js';
import { testEnv, writeSourcesFile } from '../helpers/runtime.js';
import { startOpsFixture, source, type OpsFixture } from './helpers.js';
import { cli } from './spawn.js';

/**
 * A source that leaves the configured list is delisted, never deleted: its facts, documents and
 * runs stay, it stops running, and listing it again brings it back as it was. Only an operator's
 * explicit, audited purge deletes its data.
 */
describe('a shortened source list never deletes data', () => {
  let f: OpsFixture;
  const defs = [source('keep'), source('leaver')];
  const sql = () => f.tdb.db.$client;
  const counts = async () =>
    (
      await sql()<{ facts: number; docs: number; runs: number; sources: number }[]>`
    select (select count(*)::int from facts where source_id = 'leaver') as facts,
      (select count(*)::int from raw_documents where source_id = 'leaver') as docs,
      (select count(*)::int from ingest_runs where source_id = 'leaver') as runs,
      (select count(*)::int from sources where id = 'leaver') as sources`
    )[0]!;
  const op = async (method: string, path: string) => {
    const res = await f.app.request(path, { method, headers: { authorization: `Bearer ${f.operatorKey}` } });
    return { status: res.status, json: (await res.json()) as Record<string, unknown> & { items?: { id: string; delistedAt: string | null }[] } };
  };

  beforeAll(async () => {
    f = await startOpsFixture('delisted', defs);
    const [doc] = await sql()<{ id: number }[]>`insert into raw_documents (source_id, url, sha256, bytes, body)
      values ('leaver', 'http://127.0.0.1:9/leaver/a.csv', 'abc', 3, '\\x00') returning id`;
    await sql()`insert into ingest_runs (source_id, status, trigger, finished_at) values ('leaver', 'succeeded', 'manual', now())`;
    await writeBatch(sql(), {
      sourceId: 'leaver',
      fetchedAt: new Date(),
      documents: [{ url: 'http://127.0.0.1:9/leaver/a.csv', sha256: 'abc', etag: null, lastModified: null, rawDocumentId: doc!.id }],
      batch: {
        parsed: 2,
        rejects: [],
        careers: ['alpha', 'beta'].map((slug) => ({
          onetCode: null,
          slug,
          title: slug,
          description: '',
          category: 'Test',
          origin: 'career-page' as const,
          aliases: [],
        })),
        facts: ['alpha', 'beta'].map((slug) => ({
          career: { slug },
          key: 'declared',
          period: '2026',
          value: { salary: 1 },
          documentUrl: 'http://127.0.0.1:9/leaver/a.csv',
        })),
      },
    });
    await sql()`delete from dirty_careers`;
  });
  afterAll(async () => {
    await f?.close();
  });

  it('delists a source missing from the list: it stops running, its data stays, the console and API say so', async () => {
    const before = await counts();
    expect(before).toEqual({ facts: 2, docs: 1, runs: 1, sources: 1 });
    expect(await syncSources(f.tdb.db, [defs[0]!])).toEqual({ delisted: ['leaver'], relisted: [] });
    await registerSchedules(f.tdb.db, f.queues, createLogger('silent'));
    expect(await counts()).toEqual(before);
    expect(await f.queues.ingest.getJobScheduler('source-leaver')).toBeUndefined();
    expect(await f.queues.ingest.getJobScheduler('source-keep')).toBeTruthy();

    const list = await op('GET', '/v1/ops/sources');
    expect(list.json.items!.find((s) => s.id === 'leaver')!.delistedAt).toMatch(/^\d{4}-/);
    expect(list.json.items!.find((s) => s.id === 'keep')!.delistedAt).toBeNull();
    const run = await op('POST', '/v1/ops/sources/leaver/runs');
    expect(run.status).toBe(409);
    expect(run.json.detail).toMatch(/delisted/);
    const [failed] = await sql()<{ id: number }[]>`update ingest_runs set status = 'failed' where source_id = 'leaver' returning id`;
    expect((await op('POST', `/v1/ops/runs/${failed!.id}/retry`)).status).toBe(409);
    const page = await (await f.app.request('/ops', { headers: { authorization: `Bearer ${f.operatorKey}` } })).text();
    expect(page).toMatch(/id="source-leaver"[\s\S]*?data-state="delisted"/);
  });

  it('refuses an empty source list, in the file and in the sync', async () => {
    const file = writeSourcesFile([]);
    writeFileSync(file, '[]');
    expect(() => loadSourceDefinitions(file)).toThrow(/the list is empty/);
    await expect(syncSources(f.tdb.db, [])).rejects.toBeInstanceOf(EmptySourceListError);
    expect((await sql()<{ n: number }[]>`select count(*)::int as n from sources where delisted_at is null`)[0]!.n).toBe(1);
  });

  it('a source listed again runs again with its data intact', async () => {
    expect(await syncSources(f.tdb.db, defs)).toEqual({ delisted: [], relisted: ['leaver'] });
    await registerSchedules(f.tdb.db, f.queues, createLogger('silent'));
    expect(await counts()).toEqual({ facts: 2, docs: 1, runs: 1, sources: 1 });
    expect(await f.queues.ingest.getJobScheduler('source-leaver')).toBeTruthy();
    const list = await op('GET', '/v1/ops/sources');
    expect(list.json.items!.find((s) => s.id === 'leaver')!.delistedAt).toBeNull();
  });

  it('purges only on an explicit, confirmed, audited request for a delisted source', async () => {
    expect((await op('DELETE', '/v1/ops/sources/leaver')).status).toBe(400);
    const listed = await op('DELETE', '/v1/ops/sources/leaver?confirm=leaver');
    expect(listed.status).toBe(409);
    expect(listed.json.detail).toMatch(/still in the source list/);
    expect((await counts()).facts).toBe(2);

    await syncSources(f.tdb.db, [defs[0]!]);
    const purged = await op('DELETE', '/v1/ops/sources/leaver?confirm=leaver');
    expect(purged.status).toBe(200);
    expect(purged.json).toEqual({ id: 'leaver', facts: 2, documents: 1, runs: 1, careers: 2 });
    expect(await counts()).toEqual({ facts: 0, docs: 0, runs: 0, sources: 0 });
    // The careers that lost facts are recomputed.
    expect((await sql()<{ n: number }[]>`select count(*)::int as n from dirty_careers where stage = 'metrics'`)[0]!.n).toBe(2);
    const audit = await sql()<
      { action: string; target: string; details: unknown }[]
    >`select action, target, details from audit_log where action = 'source.purge'`;
    expect(audit).toEqual([{ action: 'source.purge', target: 'leaver', details: { id: 'leaver', facts: 2, documents: 1, runs: 1, careers: 2 } }]);
  });

  it('the CLI lists delisted sources, refuses a remove without --purge, and purges with it', async () => {
    await sql()`insert into sources (id, kind, url, schedule, delisted_at) values ('old', 'telework', 'http://127.0.0.1:9/old.csv', '{"everyMs": 3600000}', now())`;
    await sql()`insert into ingest_runs (source_id, status, trigger, finished_at) values ('old', 'succeeded', 'manual', now())`;
    const env = testEnv({ databaseUrl: f.tdb.url, backend: 'redis', name: 'delisted' });
    const list = await cli(['sources', 'list'], env);
    expect(list.out).toMatch(/^old\s+telework\s+delisted/m);
    expect(list.out).toMatch(/^keep\s+onet-database\s+enabled/m);
    const refused = await cli(['sources', 'remove', 'old'], env);
    expect(refused.code).toBe(1);
    expect(refused.out).toMatch(/add --purge to confirm/);
    expect((await sql()<{ n: number }[]>`select count(*)::int as n from ingest_runs where source_id = 'old'`)[0]!.n).toBe(1);
    const purged = await cli(['sources', 'remove', 'old', '--purge'], env);
    expect(purged.code, purged.out).toBe(0);
    expect(purged.out).toContain('old: purged 0 facts, 0 documents and 1 runs');
    expect((await sql()<{ n: number }[]>`select count(*)::int as n from sources where id = 'old'`)[0]!.n).toBe(0);
    expect(await sql()<{ actor: string }[]>`select actor from audit_log where action = 'source.purge' and target = 'old'`).toEqual([{ actor: 'cli' }]);
  });
});
