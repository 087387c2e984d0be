import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPeriodMovers } from '../../src/db/queries/series.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';

describe('top movers between two periods', () => {
  let tdb: TestDatabase;
  beforeAll(async () => {
    tdb = await createTestDatabase();
  });
  afterAll(async () => {
    await tdb?.drop();
  });

  it('lists a career once even when several of its series have both periods', async () => {
    const sql = tdb.db.$client;
    const [twice, once] = await sql<
      { id: number }[]
    >`insert into careers (slug, title, origin) values ('two-series', 'Two Series', 'onet'), ('one-series', 'One Series', 'onet') returning id`;
    const points = [
      // Two series of the same metric: a survey per series, as survey medians are stored.
      [twice!.id, 'Survey A', '2021', '2021-01-01', 100],
      [twice!.id, 'Survey A', '2024', '2024-01-01', 150],
      [twice!.id, 'Survey B', '2021', '2021-01-01', 100],
      [twice!.id, 'Survey B', '2024', '2024-01-01', 140],
      [once!.id, 'Survey A', '2021', '2021-01-01', 100],
      [once!.id, 'Survey A', '2024', '2024-01-01', 110],
    ] as const;
    for (const [id, series, period, start, value] of points) {
      await sql`insert into series_points (career_id, metric, series, period, period_start, value, source) values (${id}, 'surveyMedian', ${series}, ${period}, ${start}, ${value}, ${series})`;
    }
    for (const by of ['pct', 'abs'] as const) {
      const movers = await loadPeriodMovers(tdb.db, { metric: 'surveyMedian', from: '2021', to: '2024', by, limit: 10 });
      expect(movers.map((m) => m.slug)).toEqual(['two-series', 'one-series']);
      expect(movers[0]).toMatchObject({ from: 100, to: 150, source: 'Survey A', change: 50, changePct: 50 });
    }
  });
});
