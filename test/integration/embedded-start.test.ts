import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startStaticServer, type StaticServer } from '../helpers/static-server.js';
import { waitFor, writeSourcesFile } from '../helpers/runtime.js';
import { freePort, spawnCli, type CliProcess } from '../helpers/process.js';

/**
 * `careerlens start` with no DATABASE_URL and no REDIS_URL: an embedded PostgreSQL holds the data
 * and BullMQ's jobs. The first start fills itself from the sources; a restart keeps the data.
 */
describe('embedded default mode', () => {
  let server: StaticServer;
  let dataDir: string;
  let env: Record<string, string>;
  let proc: CliProcess | undefined;

  beforeAll(async () => {
    server = await startStaticServer();
    dataDir = mkdtempSync(path.join(tmpdir(), 'careerlens-embedded-'));
    const sourcesFile = writeSourcesFile([{ id: 'onet', kind: 'onet-database', url: `${server.url}/data/onet-29.2/` }]);
    env = {
      DATA_DIR: dataDir,
      SOURCES_FILE: sourcesFile,
      PORT: String(await freePort()),
      EMBEDDED_PG_PORT: String(await freePort()),
      PRIVATE_SOURCE_HOSTS: '127.0.0.1',
      FETCH_HOST_DELAY_MS: '0',
      LOG_LEVEL: 'info',
    };
  });

  afterAll(async () => {
    if (proc && proc.child.exitCode === null) {
      proc.child.kill('SIGTERM');
      await proc.exited;
    }
    await server?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const base = () => `http://127.0.0.1:${env.PORT}`;
  const ready = () =>
    waitFor(
      '/readyz to answer 200',
      async () => {
        if (proc?.child.exitCode !== null) throw new Error(`careerlens exited with ${proc?.child.exitCode}`);
        return (await fetch(`${base()}/readyz`).catch(() => null))?.status === 200;
      },
      90_000,
      250,
    ).catch((err: Error) => {
      throw new Error(`${err.message}; process output:\n${proc?.output()}`);
    });

  it('starts from nothing, fills itself from the sources, and keeps its data across a restart', { timeout: 180_000 }, async () => {
    proc = spawnCli(['start'], env);
    await ready();
    const home = await fetch(`${base()}/`, { headers: { 'x-request-id': 'embedded-home-1' } });
    expect(home.status).toBe(200);
    expect(home.headers.get('x-request-id')).toBe('embedded-home-1');
    // Polls while the same process parses O*NET (replies can be slow). A reset socket fails the
    // test: the server keeps idle sockets open longer than a busy event loop can hold them.
    await waitFor('the first run to bring the careers in', async () => (await fetch(`${base()}/v1/careers/software-developers`)).status === 200, 120_000, 500);
    // The CLI beside the running instance joins its database; it never starts a second server.
    const cli = spawnCli(['sources', 'list'], { ...env, LOG_LEVEL: 'info' });
    expect(await cli.exited).toBe(0);
    expect(cli.output()).toMatch(/^onet\s+onet-database\s+enabled/m);
    expect(cli.output()).toContain('joining the embedded PostgreSQL already running on this data folder');
    expect(cli.output()).not.toContain('embedded PostgreSQL started');
    expect((await fetch(`${base()}/readyz`)).status).toBe(200);
    const fetchedBefore = server.requests.filter((r) => r.path.endsWith('Occupation Data.txt')).length;
    proc.child.kill('SIGTERM');
    expect(await proc.exited).toBe(0);
    // Logs are JSON lines; each request's line carries its request id.
    const logLines = proc
      .output()
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(logLines.find((l) => l.requestId === 'embedded-home-1')).toMatchObject({ method: 'GET', path: '/', status: 200 });

    proc = spawnCli(['start'], env);
    await ready();
    const career = await fetch(`${base()}/v1/careers/software-developers`);
    expect(career.status).toBe(200);
    expect(((await career.json()) as { onetCode: string }).onetCode).toBe('15-1252.00');
    // The source already succeeded once, so the restart does not fetch it again.
    expect(server.requests.filter((r) => r.path.endsWith('Occupation Data.txt')).length).toBe(fetchedBefore);
    proc.child.kill('SIGTERM');
    expect(await proc.exited).toBe(0);
  });
});
