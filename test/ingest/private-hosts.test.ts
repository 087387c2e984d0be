import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIngestHarness, type IngestHarness } from './harness.js';

/**
 * Private hosts are an allow-list per source: with PRIVATE_SOURCE_HOSTS empty, only a source
 * whose own `allowPrivateHosts` names the host (any port, or that host:port) reaches it; every
 * other source is refused before connecting, and the run says how to allow it.
 */
describe("a source's allowPrivateHosts", () => {
  let h: IngestHarness;
  let page: string;
  const lastError = async (id: string) =>
    (
      await h.tdb.db.$client<{ status: string; error: string | null }[]>`
    select status, error from ingest_runs where source_id = ${id} order by id desc limit 1`
    )[0]!;

  beforeAll(async () => {
    h = await startIngestHarness({ PRIVATE_SOURCE_HOSTS: '' });
    page = `${h.server.url}/fixtures/career-pages/compare-table.html`;
  });
  afterAll(async () => {
    await h?.close();
  });

  it('lets only the source that lists the host reach it', async () => {
    const port = new URL(h.server.url).port;
    await h.define({ id: 'mirror', kind: 'career-pages', url: page, options: { allowPrivateHosts: ['127.0.0.1'] } });
    await h.define({ id: 'mirror-port', kind: 'career-pages', url: page, options: { allowPrivateHosts: [`127.0.0.1:${port}`] } });
    await h.define({ id: 'unlisted', kind: 'career-pages', url: page });
    await h.define({ id: 'other-port', kind: 'career-pages', url: page, options: { allowPrivateHosts: ['127.0.0.1:1'] } });
    await h.define({ id: 'bad-option', kind: 'career-pages', url: page, options: { allowPrivateHosts: '127.0.0.1' } });
    const seen = h.server.requests.length;

    expect((await h.run('mirror')).status).toBe('succeeded');
    expect((await h.run('mirror-port')).status).toBe('succeeded');
    const reached = h.server.requests.length;
    expect(reached).toBeGreaterThan(seen);

    for (const id of ['unlisted', 'other-port']) {
      const out = await h.run(id);
      expect(out.status, id).toBe('failed');
      expect(out.error, id).toMatch(/resolves to 127\.0\.0\.1 \(loopback\).*allowPrivateHosts/);
      expect(await lastError(id)).toEqual({ status: 'failed', error: expect.stringMatching(/allowPrivateHosts or in PRIVATE_SOURCE_HOSTS/) });
    }
    const bad = await h.run('bad-option');
    expect(bad.status).toBe('failed');
    expect(bad.error).toMatch(/option "allowPrivateHosts" must be an array of host names/);
    // The refused sources never connected.
    expect(h.server.requests.length).toBe(reached);
  });
});
