import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startIngestHarness, type IngestHarness } from '../ingest/harness.js';
import { DEFAULT_SNAPSHOT_DIR, loadSnapshot } from '../../src/ingest/snapshot/bundle.js';
import { runIngestOrSnapshot } from '../../src/ingest/snapshot/fallback.js';
import type { IngestOutcome } from '../../src/ingest/run-ingest.js';
import { freePort } from '../helpers/process.js';

/**
 * The bundled snapshot through the same adapters: OFFLINE fills a source from it; a publisher that
 * cannot be reached does too, for a source without live data; a live run then replaces it, and
 * the snapshot never replaces live data. A damaged bundled file is refused by name.
 */
describe('bundled snapshot fallback', () => {
  let h: IngestHarness;
  let closed: string;
  const snapshot = loadSnapshot()!;
  const run = async (
    sourceId: string,
    opts: { offline?: boolean; trigger?: 'startup' | 'snapshot'; bundle?: typeof snapshot } = {},
  ): Promise<IngestOutcome | { error: string }> => {
    try {
      return await runIngestOrSnapshot(
        { ...h.deps, snapshot: opts.bundle ?? snapshot, offline: opts.offline },
        { sourceId, trigger: opts.trigger ?? 'startup', final: true },
      );
    } catch (err) {
      return { error: (err as Error).message };
    }
  };
  const runs = async (sourceId: string) => h.tdb.db.$client<{ trigger: string; status: string; error: string | null }[]>`
    select trigger, status, error from ingest_runs where source_id = ${sourceId} order by id`;
  const served = async (sourceId: string) =>
    (await h.tdb.db.$client<{ snapshot: unknown }[]>`select snapshot from sources where id = ${sourceId}`)[0]!.snapshot;

  beforeAll(async () => {
    h = await startIngestHarness();
    closed = `http://127.0.0.1:${await freePort()}`;
  }, 60_000);
  afterAll(async () => {
    await h?.close();
  });

  it('OFFLINE fills a source that never succeeded from the snapshot, as a run with trigger snapshot', { timeout: 120_000 }, async () => {
    await h.define({ id: 'onet', kind: 'onet-database', url: `${closed}/onet/db_29_2_text.zip` });
    const out = await run('onet', { offline: true });
    expect(out).toMatchObject({ status: 'succeeded' });
    expect(await runs('onet')).toEqual([{ trigger: 'snapshot', status: 'succeeded', error: null }]);
    expect(await served('onet')).toEqual({ release: 'O*NET 29.2 (February 2025)', retrievedAt: '2026-11-30' });
    const [c] = await h.tdb.db.$client<{ n: number }[]>`select count(*)::int as n from careers`;
    expect(c!.n).toBe(1016);
    // No request left for the closed port: the documents are the bundled ones.
    const [doc] = await h.tdb.db.$client<{ url: string }[]>`select url from raw_documents where source_id = 'onet' order by url limit 1`;
    expect(doc!.url).toMatch(/^snapshot:\/onet\//);
  });

  it('a publisher that cannot be reached gives way to the snapshot; a live run then replaces it, and the snapshot never replaces live data', {
    timeout: 120_000,
  }, async () => {
    await h.define({ id: 'oews', kind: 'oews-wages', url: `${closed}/oesm24nat.zip` });
    expect(await run('oews')).toMatchObject({ status: 'succeeded' });
    expect((await runs('oews')).map((r) => [r.trigger, r.status])).toEqual([
      ['startup', 'failed'],
      ['snapshot', 'succeeded'],
    ]);
    expect(await served('oews')).toEqual({ release: 'May 2024', retrievedAt: '2026-11-30' });
    const [{ n: snapshotFacts }] = (await h.tdb.db.$client<{ n: number }[]>`select count(*)::int as n from facts where source_id = 'oews'`) as unknown as [
      { n: number },
    ];
    expect(snapshotFacts).toBeGreaterThan(700);

    // The publisher is reachable now (the local mirror): the live run replaces the snapshot data.
    await h.define({ id: 'oews', kind: 'oews-wages', url: `${h.server.url}/data/bls-oews-national/national_M2024_dl.xlsx` });
    // Same figures as the bundled copy, but every career's provenance moves: the run counts them as changed.
    expect(await run('oews')).toMatchObject({ status: 'succeeded', changedCareerIds: expect.arrayContaining([expect.any(Number)]) });
    expect((await runs('oews')).at(-1)).toMatchObject({ trigger: 'startup', status: 'succeeded' });
    expect(await served('oews')).toBeNull();
    const [doc] = await h.tdb.db.$client<{ url: string }[]>`
      select d.url from facts f join raw_documents d on d.id = f.raw_document_id where f.source_id = 'oews' limit 1`;
    expect(doc!.url).toContain('/data/bls-oews-national/');
    expect(h.server.requests.some((r) => r.path.endsWith('national_M2024_dl.xlsx'))).toBe(true);

    // Live data now: a snapshot run is refused, and an unreachable publisher leaves the live data as it is.
    expect(await run('oews', { trigger: 'snapshot' })).toMatchObject({ error: expect.stringContaining('never replaces') });
    await h.define({ id: 'oews', kind: 'oews-wages', url: `${closed}/oesm24nat.zip` });
    expect(await run('oews')).toMatchObject({ error: expect.stringMatching(/ECONNREFUSED|refused|connect/i) });
    expect(await served('oews')).toBeNull();
  });

  it('a damaged bundled file is refused with its name; the other sources still load', { timeout: 60_000 }, async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'careerlens-snapshot-'));
    try {
      cpSync(DEFAULT_SNAPSHOT_DIR, dir, { recursive: true });
      const file = path.join(dir, 'gpts-are-gpts', 'occ_level.csv.br');
      // Same size, other content: a bit flipped in the middle of the compressed stream.
      const body = readFileSync(file);
      body[body.length >> 1]! ^= 0x10;
      writeFileSync(file, body);
      const damaged = loadSnapshot(dir)!;
      await h.define({ id: 'gpts-are-gpts', kind: 'ai-exposure', url: `${closed}/occ_level.csv`, options: { method: 'gpts-are-gpts' } });
      await h.define({ id: 'ai-jobs-salaries', kind: 'salary-survey', url: `${closed}/salaries.csv` });
      const bad = await run('gpts-are-gpts', { offline: true, bundle: damaged });
      expect(bad).toMatchObject({ error: expect.stringContaining('snapshot/gpts-are-gpts/occ_level.csv.br') });
      expect((await runs('gpts-are-gpts')).at(-1)).toMatchObject({ trigger: 'snapshot', status: 'failed', error: expect.stringContaining('damaged') });
      expect(await run('ai-jobs-salaries', { offline: true, bundle: damaged })).toMatchObject({ status: 'succeeded' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
