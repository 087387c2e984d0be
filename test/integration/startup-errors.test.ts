import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:net';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { freePort, spawnCli } from '../helpers/process.js';
import { testEnv } from '../helpers/runtime.js';

/** Each start-up failure is one line naming the problem and what to do, and a non-zero exit. */
describe('start-up failures', () => {
  let tdb: TestDatabase;
  let blocker: Server;
  let busyPort: number;

  beforeAll(async () => {
    tdb = await createTestDatabase();
    busyPort = await freePort();
    blocker = createServer().listen(busyPort, '127.0.0.1');
  });
  afterAll(async () => {
    blocker?.close();
    await tdb?.drop();
  });

  const expectOneLine = async (env: Record<string, string>, pattern: RegExp) => {
    const p = spawnCli(['api'], env);
    expect(await p.exited).toBe(1);
    const lines = p
      .output()
      .trim()
      .split('\n')
      .filter((l) => !l.startsWith('{'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(pattern);
  };

  it('names a malformed variable and what it expects', async () => {
    await expectOneLine({ PORT: 'eighty', DATABASE_URL: tdb.url }, /^careerlens: PORT="eighty" is invalid: expected a number$/);
    await expectOneLine({ DATABASE_URL: 'mysql://localhost/x' }, /^careerlens: DATABASE_URL=.*expected a URL starting with postgres:\/\//);
  });

  it('names an unreachable database and an unreachable Redis', async () => {
    const closed = await freePort();
    await expectOneLine(
      { DATABASE_URL: `postgres://127.0.0.1:${closed}/x` },
      new RegExp(`cannot reach PostgreSQL at 127.0.0.1:${closed} \\(DATABASE_URL\\): connection refused`),
    );
    await expectOneLine(
      { ...testEnv({ databaseUrl: tdb.url, backend: 'redis', name: 'startup' }), REDIS_URL: `redis://127.0.0.1:${closed}` },
      new RegExp(`cannot reach Redis at 127.0.0.1:${closed} \\(REDIS_URL\\)`),
    );
  });

  it('names a port in use', async () => {
    await expectOneLine(
      { ...testEnv({ databaseUrl: tdb.url, backend: 'postgres', name: 'startup' }), PORT: String(busyPort) },
      new RegExp(`port ${busyPort} on 127.0.0.1 is already in use`),
    );
  });
});
