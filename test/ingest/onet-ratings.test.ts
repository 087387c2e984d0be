import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RatingsFact } from '../../src/core/fact-keys.js';
import { factOf, startIngestHarness, type IngestHarness } from './harness.js';

describe('onet-ratings over HTTP (the shared O*NET 29.0 Excel folder)', () => {
  let h: IngestHarness;
  beforeAll(async () => {
    h = await startIngestHarness();
    await h.define({ id: 'onet', kind: 'onet-database', url: `${h.server.url}/data/onet-29.2/` });
    await h.define({ id: 'onet-ratings', kind: 'onet-ratings', url: `${h.server.url}/data/onet-29.0-excel/` });
    expect((await h.run('onet')).error).toBeUndefined();
  }, 120_000);
  afterAll(async () => {
    await h?.close();
  });

  it('stores skill and knowledge ratings of the 879 rated occupations under O*NET 29.0, read from Read Me.txt', async () => {
    const out = await h.run('onet-ratings');
    expect(out.status, out.error ?? '').toBe('succeeded');
    const sql = h.tdb.db.$client;
    const rows = await sql<{ key: string; period: string; n: number }[]>`
      select key, period, count(*)::int as n from facts where source_id = 'onet-ratings' group by key, period order by key`;
    expect(rows).toEqual([
      { key: 'knowledge-ratings', period: 'O*NET 29.0', n: 879 },
      { key: 'skill-ratings', period: 'O*NET 29.0', n: 879 },
    ]);
    const cp = (await factOf<RatingsFact>(h, '15-1251.00', 'skill-ratings'))!;
    expect(cp.elements.find((e) => e.name === 'Programming')!.level).toBeGreaterThan(4);
    expect(await factOf<RatingsFact>(h, '15-1252.00', 'skill-ratings')).toBeUndefined();
    expect((await h.run('onet-ratings')).status).toBe('unchanged');
  }, 120_000);
});
