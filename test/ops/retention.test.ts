import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyRetention } from '../../src/db/queries/retention.js';
import { syncSources } from '../../src/db/queries/sources.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { source } from './helpers.js';

/** Retention removes old history and never what the data still stands on. */
describe('retention of raw documents, metric history and runs', () => {
  let tdb: TestDatabase;
  const sql = () => tdb.db.$client;
  const ago = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();

  beforeAll(async () => {
    tdb = await createTestDatabase();
    await syncSources(tdb.db, [source('src')]);
    const [career] = await sql()<{ id: number }[]>`insert into careers (slug, title, origin) values ('c', 'C', 'onet') returning id`;
    const doc = async (url: string, days: number) =>
      Number(
        (
          await sql()<{ id: string }[]>`
      insert into raw_documents (source_id, url, sha256, bytes, body, fetched_at) values ('src', ${url}, ${url}, 1, decode('00', 'hex'), ${ago(days)}::timestamptz) returning id`
        )[0]!.id,
      );
    const [, validator, provenance] = [
      await doc('old-unused', 400),
      await doc('old-validator', 400),
      await doc('old-provenance', 400),
      await doc('new-unused', 1),
    ];
    await sql()`insert into source_documents (source_id, url, sha256, raw_document_id) values ('src', 'old-validator', 'x', ${validator})`;
    await sql()`insert into facts (career_id, source_id, key, period, value, hash, raw_document_id, fetched_at) values (${career!.id}, 'src', 'k', 'p', '1', 'h', ${provenance}, now())`;
    for (const days of [900, 800, 700, 10]) {
      await sql()`insert into metric_history (career_id, version, metrics, computed_at) values (${career!.id}, ${`v${days}`}, '{}', ${ago(days)}::timestamptz)`;
    }
    const run = async (status: string, days: number) => sql()`
      insert into ingest_runs (source_id, status, trigger, queued_at, finished_at) values ('src', ${status}, 'manual', ${ago(days)}::timestamptz, ${status === 'queued' ? null : ago(days)}::timestamptz)`;
    await run('succeeded', 300);
    await run('failed', 250);
    await run('unchanged', 200);
    await run('failed', 150);
    await run('queued', 120);
    await run('failed', 1);
  });
  afterAll(async () => {
    await tdb?.drop();
  });

  it('deletes what is past its days, keeping referenced documents, the last value before the cutoff, and the last runs', async () => {
    const deleted = await applyRetention(tdb.db, { rawDocumentsDays: 180, metricHistoryDays: 365, runsDays: 90 });
    expect(deleted).toEqual({ rawDocuments: 1, metricHistory: 2, runs: 3 });
    expect((await sql()<{ url: string }[]>`select url from raw_documents order by url`).map((r) => r.url)).toEqual([
      'new-unused',
      'old-provenance',
      'old-validator',
    ]);
    expect((await sql()<{ version: string }[]>`select version from metric_history order by computed_at`).map((r) => r.version)).toEqual(['v700', 'v10']);
    // Kept: the queued run, the newest successful (unchanged, 200 days) and the newest finished (failed, 1 day).
    expect((await sql()<{ status: string }[]>`select status from ingest_runs order by id`).map((r) => r.status)).toEqual(['unchanged', 'queued', 'failed']);
    expect(await applyRetention(tdb.db, { rawDocumentsDays: 180, metricHistoryDays: 365, runsDays: 90 })).toEqual({
      rawDocuments: 0,
      metricHistory: 0,
      runs: 0,
    });
    expect(await applyRetention(tdb.db, { rawDocumentsDays: 0, metricHistoryDays: 0, runsDays: 0 })).toEqual({ rawDocuments: 0, metricHistory: 0, runs: 0 });
  });
});
