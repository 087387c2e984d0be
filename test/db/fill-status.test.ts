import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadFillStatus } from '../../src/db/queries/fill.js';
import { fillLine } from '../../src/runtime/fill-progress.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';

/** The first start's progress line, before any career is in: nothing to compare, said as 0. */
describe('fill status of an empty database', () => {
  let tdb: TestDatabase;
  beforeAll(async () => {
    tdb = await createTestDatabase();
  });
  afterAll(async () => {
    await tdb?.drop();
  });

  it('expects 0 pairs, not -0, and the console line says "pairs 0 / 0"', async () => {
    const f = await loadFillStatus(tdb.db);
    expect(Object.is(f.pairsExpected, 0)).toBe(true);
    expect(fillLine({ ...f, filling: true })).toMatch(/careers 0 · metrics 0 · pairs 0 \/ 0$/);
  });
});
