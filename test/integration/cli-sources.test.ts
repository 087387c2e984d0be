import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { startStaticServer, type StaticServer } from '../helpers/static-server.js';
import { startTestRuntime, testEnv, writeSourcesFile } from '../helpers/runtime.js';
import { spawnCli } from '../helpers/process.js';
import type { Runtime } from '../../src/runtime/start.js';

/** An operator at a terminal: list the sources, run one and watch it to the end. */
describe('careerlens sources', () => {
  let tdb: TestDatabase;
  let server: StaticServer;
  let rt: Runtime;
  let env: Record<string, string>;

  beforeAll(async () => {
    tdb = await createTestDatabase();
    server = await startStaticServer();
    const sourcesFile = writeSourcesFile([{ id: 'onet', kind: 'onet-database', url: `${server.url}/data/onet-29.2/` }]);
    env = testEnv({ databaseUrl: tdb.url, backend: 'redis', name: 'cli_sources', sourcesFile, extra: { RUN_NEVER_SUCCEEDED_ON_START: 'false' } });
    rt = await startTestRuntime(env, ['worker', 'scheduler']);
  });
  afterAll(async () => {
    await rt?.stop();
    await server?.close();
    await tdb?.drop();
  });

  it('lists the sources, then runs one with --wait, showing progress and the stats', async () => {
    const list = spawnCli(['sources', 'list'], env);
    expect(await list.exited).toBe(0);
    expect(list.output()).toMatch(/^ID\s+KIND/m);
    expect(list.output()).toMatch(/^onet\s+onet-database\s+enabled\s+0 3 \* \* 1 \(UTC\)\s+never/m);

    const run = spawnCli(['sources', 'run', 'onet', '--wait'], env);
    expect(await run.exited).toBe(0);
    const out = run.output();
    expect(out).toMatch(/queued: run \d+ of onet/);
    expect(out).toMatch(/run \d+: running \d+% (fetched .+ \(\d+ bytes\)|writing \d+ facts)/);
    expect(out).toMatch(/run \d+: succeeded/);
    expect(out).toMatch(/^\s+parsed\s+\d+$/m);
    expect(out).toMatch(/^\s+changedCareers\s+1016$/m);
  });
});
