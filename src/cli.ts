import { parseArgs } from 'node:util';
import { getConfig, type Config } from './config.js';
import { createLogger, type Logger } from './log.js';
import { startFillProgress } from './runtime/fill-progress.js';
import { startRuntime, type Role, type Runtime } from './runtime/start.js';
import { getRun } from './db/queries/sources.js';
import { countMarkedCareers } from './db/queries/metrics.js';
import { createApiKey, listApiKeys, revokeApiKey } from './db/queries/keys.js';
import type { Actor } from './db/queries/audit.js';
import { apiKeyRoles, type ApiKeyRole } from './db/schema/auth.js';
import { listSourceStatus, purgeDelistedSource, runSourceNow, setSourceEnabled, setSourceSchedule, type OpsResult } from './ops/sources.js';
import { cancelRun, requestRecompute } from './ops/runs.js';
import { formatKeysTable, formatPinsTable, formatRunStats, formatSourcesTable, formatUnmatchedTable } from './cli-format.js';
import { listPins, listUnmatched, pinTitle, unpinTitle } from './ops/title-pins.js';
import { recordAudit } from './db/queries/audit.js';

/** CLI actions are audited as the terminal's operator. */
const CLI: Actor = { kind: 'cli' };

/** An expected failure of an operation becomes the CLI's one-line error. */
function unwrap<T>(r: OpsResult<T>): T {
  if (r.ok) return r.value;
  throw new Error(r.message);
}

const USAGE = `usage: careerlens <command>
  start [--offline]             migrate, then API + dashboard + workers + scheduler in one process
                                (--offline: no publisher is fetched; empty sources fill from the bundled snapshot)
  api | worker | scheduler      one role (scale-out: run any number of each)
  migrate                       apply database migrations and exit
  sources list                  sources with schedule, last and next run, and freshness
  sources run <id> [--wait] [--allow-shrink]
                                queue a run now (--wait: show progress and the run's stats;
                                --allow-shrink: it may remove more facts than the shrink limit, audited)
  sources schedule <id> --cron "0 3 * * 1" [--tz Europe/Paris] | --every-ms 3600000
  sources pause <id> | resume <id>
  sources remove <id> --purge   delete a delisted source with its facts, documents and runs (audited)
  runs cancel <id>              end a queued or running run as cancelled (audited); its source can run again
  recompute [--all | --career <slug>] [--wait]
  keys create --role client|operator [--name <name>] [--rate <requests per minute>]   prints the new key once
  keys list | keys revoke <id>  the keys (never their secrets); revoking ends their sessions at once
  titles pin "<title>" <career>  always send this job title to this career (slug or O*NET-SOC code); audited, re-runs title sources
  titles unpin "<title>"        let the matcher decide this title again
  titles list [--unmatched]     the pins, or the titles sources could not place with their candidates`;

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
  // One process doing everything (`start`): the console follows a fill stage by stage.
  const stopProgress = roles.length === 3 ? startFillProgress(runtime.db, (line) => process.stdout.write(`${line}\n`)) : async () => {};
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down: no new work, finishing or releasing active jobs');
    // The whole shutdown is bounded: after 10 s the process exits whatever is left.
    setTimeout(() => {
      log.error('shutdown took longer than 10 s; exiting');
      process.exit(1);
    }, 10_000).unref();
    stopProgress()
      .then(() => runtime.stop())
      .then(
        () => process.exit(0),
        (err) => fail(err, config),
      );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

async function withRuntime<T>(config: Config, fn: (rt: Runtime, log: Logger) => Promise<T>): Promise<T> {
  const log = createLogger(process.env.LOG_LEVEL ? config.LOG_LEVEL : 'warn');
  const rt = await startRuntime(config, [], log);
  try {
    return await fn(rt, log);
  } finally {
    await rt.stop();
  }
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
    if (line !== last) {
      process.stdout.write(`${line}\n`);
      last = line;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** Follows a recompute job until it and the pair recomputations it causes are done. */
async function waitForRecompute(rt: Runtime, jobId: string): Promise<number> {
  for (;;) {
    const job = await rt.queues.careers.getJob(jobId);
    const state = job ? await job.getState() : 'missing';
    if (state === 'failed') {
      process.stdout.write(`recompute failed: ${job?.failedReason}\n`);
      return 1;
    }
    if (state === 'completed' || state === 'missing') break;
    await new Promise((r) => setTimeout(r, 500));
  }
  for (;;) {
    const left = await countMarkedCareers(rt.db);
    if (left === 0) break;
    process.stdout.write(`${left} careers left to recompute\n`);
    await new Promise((r) => setTimeout(r, 1000));
  }
  process.stdout.write('recompute done\n');
  return 0;
}

async function main(argv: string[]): Promise<void> {
  let config: Config | undefined;
  try {
    config = getConfig();
    const { positionals, values } = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        wait: { type: 'boolean' },
        all: { type: 'boolean' },
        career: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        purge: { type: 'boolean' },
        unmatched: { type: 'boolean' },
        'allow-shrink': { type: 'boolean' },
        cron: { type: 'string' },
        tz: { type: 'string' },
        'every-ms': { type: 'string' },
        role: { type: 'string' },
        name: { type: 'string' },
        rate: { type: 'string' },
        offline: { type: 'boolean' },
      },
    });
    const [cmd, sub, arg] = positionals;
    if (values.offline) config = { ...config, OFFLINE: true };
    if (values.help || !cmd) {
      process.stdout.write(`${USAGE}\n`);
      return;
    }
    switch (cmd) {
      case 'start':
        return await serveRoles(config, ['api', 'worker', 'scheduler']);
      case 'api':
      case 'worker':
      case 'scheduler':
        return await serveRoles(config, [cmd]);
      case 'migrate':
        await withRuntime(config, async () => {
          process.stdout.write('migrations applied\n');
        });
        return;
      case 'sources': {
        const code = await withRuntime(config, async (rt) => {
          if (sub === 'list') {
            process.stdout.write(`${formatSourcesTable(await listSourceStatus(rt))}\n`);
            return 0;
          }
          if (!arg) throw new Error(`sources ${sub ?? ''}: which source?\n${USAGE}`);
          if (sub === 'run') {
            const { runId, existing } = unwrap(await runSourceNow(rt, CLI, arg, { allowShrink: values['allow-shrink'] }));
            process.stdout.write(`${existing ? 'already queued or running' : 'queued'}: run ${runId} of ${arg}\n`);
            return values.wait ? waitForRun(rt, runId) : 0;
          }
          if (sub === 'schedule') {
            const input =
              values['every-ms'] !== undefined
                ? { everyMs: Number(values['every-ms']) }
                : values.cron !== undefined
                  ? { cron: values.cron, tz: values.tz ?? 'UTC' }
                  : undefined;
            if (!input) throw new Error('sources schedule: give --cron "<expression>" [--tz <zone>] or --every-ms <ms>');
            const s = unwrap(await setSourceSchedule(rt, CLI, arg, input));
            process.stdout.write(`${s.id}: schedule set; next run ${s.nextRunAt ?? 'not scheduled (paused)'}\n`);
            return 0;
          }
          if (sub === 'pause' || sub === 'resume') {
            const s = unwrap(await setSourceEnabled(rt, CLI, arg, sub === 'resume'));
            process.stdout.write(`${s.id}: ${s.enabled ? `resumed; next run ${s.nextRunAt ?? '—'}` : 'paused'}\n`);
            return 0;
          }
          if (sub === 'remove') {
            if (!values.purge)
              throw new Error(
                `sources remove ${arg}: this deletes the source's facts, archived documents and runs for good; add --purge to confirm (a source left out of SOURCES_FILE is only delisted, its data kept)`,
              );
            const r = unwrap(await purgeDelistedSource(rt, CLI, arg));
            process.stdout.write(`${r.id}: purged ${r.facts} facts, ${r.documents} documents and ${r.runs} runs; ${r.careers} careers are recomputed\n`);
            return 0;
          }
          throw new Error(`unknown sources command: ${[sub, arg].filter(Boolean).join(' ')}\n${USAGE}`);
        });
        process.exitCode = code;
        return;
      }
      case 'runs': {
        const id = Number(arg);
        if (sub !== 'cancel' || !Number.isInteger(id) || id <= 0) throw new Error(`usage: careerlens runs cancel <id>\n${USAGE}`);
        await withRuntime(config, async (rt) => {
          const r = unwrap(await cancelRun(rt, CLI, id));
          process.stdout.write(`run ${r.id} of ${r.sourceId}: cancelled\n`);
        });
        return;
      }
      case 'recompute': {
        if (values.all && values.career) throw new Error('recompute: give --all or --career <slug>, not both');
        const code = await withRuntime(config, async (rt) => {
          const r = unwrap(await requestRecompute(rt, CLI, { career: values.career }));
          process.stdout.write(`queued a recompute of ${r.scope === 'all' ? 'every career and pair' : r.scope} (job ${r.jobId})\n`);
          return values.wait ? waitForRecompute(rt, r.jobId) : 0;
        });
        process.exitCode = code;
        return;
      }
      case 'titles': {
        await withRuntime(config, async (rt) => {
          if (sub === 'list') {
            process.stdout.write(`${values.unmatched ? formatUnmatchedTable(await listUnmatched(rt)) : formatPinsTable(await listPins(rt))}\n`);
            return;
          }
          if (sub === 'pin') {
            const career = positionals[3];
            if (!arg || !career)
              throw new Error('titles pin: give the title (quoted) and the career, e.g. careerlens titles pin "Sr. ML Engineer" data-scientists');
            const p = unwrap(await pinTitle(rt, CLI, { title: arg, career }));
            process.stdout.write(
              `pinned "${p.title}" → ${p.career.slug} (${p.career.title}); queued runs: ${p.runs?.map((r) => `${r.sourceId} #${r.runId}`).join(', ') || 'none'}\n`,
            );
            return;
          }
          if (sub === 'unpin') {
            if (!arg) throw new Error('titles unpin: give the title (quoted)');
            const p = unwrap(await unpinTitle(rt, CLI, arg));
            process.stdout.write(
              `unpinned "${p.title}" (was ${p.career}); queued runs: ${p.runs.map((r) => `${r.sourceId} #${r.runId}`).join(', ') || 'none'}\n`,
            );
            return;
          }
          throw new Error(`unknown titles command: ${sub ?? ''}\n${USAGE}`);
        });
        return;
      }
      case 'keys': {
        if (sub === 'list') {
          await withRuntime(config, async (rt) => {
            process.stdout.write(`${formatKeysTable(await listApiKeys(rt.db))}\n`);
          });
          return;
        }
        if (sub === 'revoke') {
          const id = Number(arg);
          if (!Number.isInteger(id) || id <= 0) throw new Error('keys revoke: give the key id shown by "careerlens keys list"');
          await withRuntime(config, async (rt) => {
            const row = await revokeApiKey(rt.db, id);
            if (!row) throw new Error(`keys revoke: no active key with id ${id}`);
            await recordAudit(rt.db, { actor: { kind: 'cli' }, action: 'key.revoke', target: String(id), details: { name: row.name, role: row.role } });
            process.stdout.write(`revoked ${row.role} key ${row.id} "${row.name}" (${row.prefix}…)\n`);
          });
          return;
        }
        if (sub !== 'create') throw new Error(`unknown keys command: ${sub ?? ''}\n${USAGE}`);
        const role = values.role as ApiKeyRole;
        if (!apiKeyRoles.includes(role)) throw new Error('keys create: --role client or --role operator is required');
        const rate = values.rate === undefined ? null : Number(values.rate);
        if (rate !== null && !(Number.isInteger(rate) && rate >= 1 && rate <= 1_000_000))
          throw new Error('keys create: --rate is requests per minute, a whole number from 1 to 1000000');
        await withRuntime(config, async (rt) => {
          const { key, row } = await createApiKey(rt.db, {
            role,
            name: values.name ?? `${role}-${new Date().toISOString().slice(0, 10)}`,
            ratePerMinute: rate,
          });
          process.stderr.write(`created ${role} key ${row.id} "${row.name}" (${row.prefix}…); it is shown once, store it now:\n`);
          process.stdout.write(`${key}\n`);
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
