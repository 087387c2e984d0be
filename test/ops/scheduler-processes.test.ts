import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findKeyBySecret } from '../../src/db/queries/keys.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { testEnv, waitFor, writeSourcesFile } from '../helpers/runtime.js';
import { createQueueKit, type QueueKit } from '../../src/queue/backend.js';
import { openQueues, type Queues } from '../../src/queue/queues.js';
import { cli, runCli, type Spawned } from './spawn.js';

/**
 * Scale-out: four scheduler processes start at once against one Redis and one database; each
 * source ends up with exactly one job scheduler. The CLI then changes a schedule, pauses and
 * resumes, and the registered schedulers follow at once.
 */
describe('scheduler processes and the operator CLI', () => {
  let tdb: TestDatabase;
  let env: Record<string, string>;
  let kit: QueueKit;
  let queues: Queues;
  const procs: Spawned[] = [];
  const ids = ['onet', 'oews', 'telework'];

  beforeAll(async () => {
    tdb = await createTestDatabase();
    const sourcesFile = writeSourcesFile(ids.map((id) => ({ id, kind: 'onet-database' as const, url: `http://127.0.0.1:9/${id}/` })));
    env = testEnv({
      databaseUrl: tdb.url,
      backend: 'redis',
      name: 'ops_sched',
      sourcesFile,
      extra: { RUN_NEVER_SUCCEEDED_ON_START: 'false', LOG_LEVEL: 'info' },
    });
    kit = createQueueKit({ kind: 'redis', url: env.REDIS_URL!, prefix: env.QUEUE_PREFIX! });
    queues = openQueues(kit);
  });

  afterAll(async () => {
    for (const p of procs) p.child.kill('SIGTERM');
    await Promise.all(procs.map((p) => p.exited));
    await queues?.ingest.obliterate({ force: true }).catch(() => {});
    await queues?.close();
    await kit?.close();
    await tdb?.drop();
  });

  it('four schedulers starting at once leave exactly one job scheduler per source', async () => {
    for (let i = 0; i < 4; i++) procs.push(runCli(['scheduler'], env));
    await waitFor('four schedulers to start', async () => procs.every((p) => p.output().includes('CareerLens started')), 150_000, 100);
    const schedulers = await queues.ingest.getJobSchedulers();
    expect(schedulers.map((s) => s.key).sort()).toEqual(ids.map((id) => `source-${id}`).sort());
    expect(await queues.ingest.getJobSchedulersCount()).toBe(3);
    // One next job per scheduler, not one per process.
    const delayed = await queues.ingest.getDelayed();
    expect(delayed.map((j) => j.repeatJobKey).sort()).toEqual(ids.map((id) => `source-${id}`).sort());
  });

  it('changes a schedule from the CLI and the next run moves; pause and resume follow', async () => {
    const before = (await queues.ingest.getJobScheduler('source-onet'))!.next!;
    const set = await cli(['sources', 'schedule', 'onet', '--cron', '17 5 * * *', '--tz', 'America/New_York'], env);
    expect(set.code, set.out).toBe(0);
    expect(set.out).toMatch(/onet: schedule set; next run \d{4}-/);
    const after = await queues.ingest.getJobScheduler('source-onet');
    expect(after).toMatchObject({ pattern: '17 5 * * *', tz: 'America/New_York' });
    expect(after!.next).not.toBe(before);
    expect(new Date(after!.next!).getUTCMinutes()).toBe(17);
    expect((await queues.ingest.getDelayed()).filter((j) => j.repeatJobKey === 'source-onet').map((j) => j.timestamp + (j.delay ?? 0))).toEqual([after!.next]);

    const bad = await cli(['sources', 'schedule', 'onet', '--cron', '0 3 * * 1', '--tz', 'Nowhere/Land'], env);
    expect(bad.code).toBe(1);
    expect(bad.out).toContain('unknown time zone "Nowhere/Land"');
    expect((await cli(['sources', 'pause', 'oews'], env)).out).toContain('oews: paused');
    expect(await queues.ingest.getJobScheduler('source-oews')).toBeUndefined();
    const list = await cli(['sources', 'list'], env);
    expect(list.out).toMatch(/oews\s+onet-database\s+paused/);
    expect(list.out).toMatch(/onet\s+onet-database\s+enabled\s+17 5 \* \* \* \(America\/New_York\)/);
    expect((await cli(['sources', 'resume', 'oews'], env)).out).toMatch(/oews: resumed; next run \d{4}-/);
    expect(await queues.ingest.getJobScheduler('source-oews')).toBeTruthy();
    expect((await cli(['sources', 'run', 'nope'], env)).out).toContain('no source "nope"');

    const audit = await tdb.db.$client<{ actor: string; action: string; target: string }[]>`select actor, action, target from audit_log order by id`;
    expect(audit).toEqual([
      { actor: 'cli', action: 'source.schedule', target: 'onet' },
      { actor: 'cli', action: 'source.pause', target: 'oews' },
      { actor: 'cli', action: 'source.resume', target: 'oews' },
    ]);
  });

  it('creates keys that are printed once and stored hashed', async () => {
    const r = await cli(['keys', 'create', '--role', 'operator', '--name', 'alice'], env);
    expect(r.code, r.out).toBe(0);
    const key = /clk_op_[A-Za-z0-9_-]{43}/.exec(r.out)![0];
    const rows = await tdb.db.$client<{ name: string; role: string; hash: string; prefix: string }[]>`select name, role, hash, prefix from api_keys`;
    expect(rows).toEqual([{ name: 'alice', role: 'operator', hash: expect.stringMatching(/^[0-9a-f]{64}$/), prefix: key.slice(0, 12) }]);
    expect(JSON.stringify(rows)).not.toContain(key);
    expect((await cli(['keys', 'create', '--role', 'admin'], env)).code).toBe(1);

    const id = (await tdb.db.$client<{ id: number }[]>`select id from api_keys where name = 'alice'`)[0]!.id;
    const listed = await cli(['keys', 'list'], env);
    expect(listed.code, listed.out).toBe(0);
    expect(listed.out).toMatch(new RegExp(`^${id}\\s+operator\\s+alice\\s+${key.slice(0, 12)}….*active$`, 'm'));
    expect(listed.out).not.toContain(key);
    expect(await findKeyBySecret(tdb.db, key)).toMatchObject({ name: 'alice', role: 'operator' });
    const revoked = await cli(['keys', 'revoke', String(id)], env);
    expect(revoked.code, revoked.out).toBe(0);
    expect(await findKeyBySecret(tdb.db, key)).toBeUndefined();
    expect((await cli(['keys', 'revoke', String(id)], env)).code).toBe(1);
  });
});
