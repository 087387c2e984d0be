import { parseArgs } from 'node:util';
import { getConfig, type Config } from './config.js';
import { createLogger, type Logger } from './log.js';
import { startRuntime, type Role, type Runtime } from './runtime/start.js';
import { getRun, listSources } from './db/queries/sources.js';
import { requestRun } from './workers/scheduler.js';
import { formatRunStats, formatSourcesTable } from './cli-format.js';

const USAGE = `usage: careerlens <command>
  start                         migrate, then API + dashboard + workers + scheduler in one process
  api | worker | scheduler      one role (scale-out: run any number of each)
  migrate                       apply database migrations and exit
  sources list                  sources with schedule, last run and freshness
  sources run <id> [--wait]     queue a run now (--wait: show progress and the run's stats)
  recompute --all [--wait]      recompute every career's metrics and every pair`;

/** Known, fixable failures print one line; anything else also prints its stack at debug level. */
function fail(err: unknown, config?: Config): never {
  const e = err as Error;
  process.stderr.write(`careerlens: ${e.message ?? String(err)}\n`);
  if (config?.LOG_LEVEL === 'debug' || config?.LOG_LEVEL === 'trace') process.stderr.write(`${e.stack}\n`);
  process.exit(1);
}

async function serveRoles(config: Config, roles: Role[]): Promise<void> {
  const log = createLogger(config.LOG_LEVEL);
  const runtime = await startRuntime(config, roles, log);
  if (runtime.url) process.stdout.write(`CareerLens is up: dashboard ${runtime.url}/  API ${runtime.url}/v1  ops ${runtime.url}/ops\n`);
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down: no new work, finishing or releasing active jobs');
    // The whole shutdown is bounded: after 10 s the process exits whatever is left.
    setTimeout(() => { log.error('shutdown took longer than 10 s; exiting'); process.exit(1); }, 10_000).unref();
    runtime.stop().then(() => process.exit(0), (err) => fail(err, config));
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

async function withRuntime<T>(config: Config, fn: (rt: Runtime, log: Logger) => Promise<T>): Promise<T> {
  const log = createLogger(process.env.LOG_LEVEL ? config.LOG_LEVEL : 'warn');
  const rt = await startRuntime(config, [], log);
  try { return await fn(rt, log); } finally { await rt.stop(); }
}

async function waitForRun(rt: Runtime, runId: number): Promise<number> {
  let last = '';
  for (;;) {
    const run = await getRun(rt.db, runId);
    if (!run) throw new Error(`run ${runId} disappeared`);
    if (run.status !== 'queued' && run.status !== 'running') {
      process.stdout.write(`run ${runId}: ${run.status}${run.error ? ` — ${run.error}` : ''}\n${formatRunStats(run.stats)}\n`);
      return run.status === 'failed' ? 1 : 0;
    }
    const job = await rt.queues.ingest.getJob(`run-${runId}`);
    const p = job?.progress as { percent?: number; message?: string } | undefined;
    const line = `run ${runId}: ${run.status}${p?.percent !== undefined ? ` ${p.percent}% ${p.message ?? ''}` : ''}`;
    if (line !== last) { process.stdout.write(`${line}\n`); last = line; }
    await new Promise((r) => setTimeout(r, 500));
  }
}

async function main(argv: string[]): Promise<void> {
  let config: Config | undefined;
  try {
    config = getConfig();
    const { positionals, values } = parseArgs({
      args: argv, allowPositionals: true, strict: true,
      options: { wait: { type: 'boolean' }, all: { type: 'boolean' }, career: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    });
    const [cmd, sub, arg] = positionals;
    if (values.help || !cmd) { process.stdout.write(`${USAGE}\n`); return; }
    switch (cmd) {
      case 'start': return await serveRoles(config, ['api', 'worker', 'scheduler']);
      case 'api': case 'worker': case 'scheduler': return await serveRoles(config, [cmd]);
      case 'migrate':
        await withRuntime(config, async () => { process.stdout.write('migrations applied\n'); });
        return;
      case 'sources': {
        const code = await withRuntime(config, async (rt) => {
          if (sub === 'list') { process.stdout.write(`${formatSourcesTable(await listSources(rt.db))}\n`); return 0; }
          if (sub === 'run' && arg) {
            const { runId, existing } = await requestRun(rt.db, rt.queues, arg);
            process.stdout.write(`${existing ? 'already running' : 'queued'}: run ${runId} of ${arg}\n`);
            return values.wait ? waitForRun(rt, runId) : 0;
          }
          throw new Error(`unknown sources command: ${[sub, arg].filter(Boolean).join(' ')}\n${USAGE}`);
        });
        process.exitCode = code;
        return;
      }
      case 'recompute': {
        await withRuntime(config, async (rt) => {
          await rt.queues.careers.add('recompute-all', {}, { jobId: `recompute-all-${Date.now()}` });
          process.stdout.write('queued a recompute of every career and pair\n');
        });
        return;
      }
      default:
        throw new Error(`unknown command "${cmd}"\n${USAGE}`);
    }
  } catch (err) {
    fail(err, config);
  }
}

await main(process.argv.slice(2));
