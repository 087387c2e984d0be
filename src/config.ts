import { z } from 'zod';
import { parseIpAddress } from './core/ip-address.js';
import { describeSetting } from './core/redact.js';

/** Thrown when the environment is unusable; the message is one line naming the variable. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

const port = z.coerce.number().int().min(0).max(65535);
/** A comma-separated list, trimmed, empty entries dropped. */
const list = z.string().transform((v) =>
  v
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean),
);
const flag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
const url = (schemes: string[]) =>
  z.string().refine(
    (v) => {
      try {
        return schemes.includes(new URL(v).protocol);
      } catch {
        return false;
      }
    },
    `a URL starting with ${schemes.map((s) => `${s}//`).join(' or ')}`,
  );

/**
 * Which proxies in front of the API to believe: `hops` trusted proxies (each appends the
 * address it received from to X-Forwarded-For), or only peers with one of `addresses`.
 */
export type TrustProxy = { hops: number } | { addresses: readonly string[] };

const trustProxy = z.string().transform((v, ctx): TrustProxy => {
  const t = v.trim().toLowerCase();
  if (t === 'false' || t === '0') return { hops: 0 };
  if (t === 'true') return { hops: 1 };
  if (/^\d{1,2}$/.test(t)) return { hops: Number(t) };
  const addresses = t
    .split(',')
    .map((a) => a.trim())
    .filter(Boolean);
  if (addresses.length > 0 && addresses.every((a) => parseIpAddress(a) !== null)) return { addresses };
  ctx.addIssue({ code: 'custom', message: 'true, false, a number of proxy hops, or comma-separated proxy IP addresses' });
  return z.NEVER;
});
const perMinute = z.coerce.number().int().min(1).max(1_000_000);

const envSchema = z.object({
  DATABASE_URL: url(['postgres:', 'postgresql:']).optional(),
  REDIS_URL: url(['redis:', 'rediss:']).optional(),
  PORT: port.default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./.careerlens'),
  /** Port for the embedded PostgreSQL when no DATABASE_URL is set. */
  EMBEDDED_PG_PORT: port.default(54329),
  SOURCES_FILE: z.string().min(1).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Namespaces BullMQ keys on Redis (and the schema on the PostgreSQL backend). */
  QUEUE_PREFIX: z
    .string()
    .regex(/^[a-z][a-z0-9_]*$/, 'lowercase letters, digits and _')
    .default('careerlens'),
  /**
   * How a dead worker's jobs are found: a running job holds a lock renewed every half
   * WORKER_LOCK_DURATION_MS; workers look for expired locks every WORKER_STALLED_INTERVAL_MS and
   * hand those jobs to another worker. Shorter values recover sooner but cost more polling (tests).
   */
  WORKER_LOCK_DURATION_MS: z.coerce.number().int().min(500).default(30_000),
  WORKER_STALLED_INTERVAL_MS: z.coerce.number().int().min(500).default(15_000),
  /** Pairs per child job of a large pair recomputation (a full one is about 515,000 pairs). */
  PAIRS_PER_JOB: z.coerce.number().int().min(1_000).default(40_000),
  /** Jobs one worker process runs at once per queue. */
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(2),
  /**
   * Deprecated: lets every source reach loopback and private addresses. Use PRIVATE_SOURCE_HOSTS
   * or a source's `allowPrivateHosts`. Metadata and link-local addresses stay refused either way.
   */
  ALLOW_PRIVATE_NETWORKS: flag.default(false),
  /** Hosts ("host" or "host:port") any source may reach although they resolve to private addresses (local mirrors). */
  PRIVATE_SOURCE_HOSTS: list.default([]),
  /** Directories (comma-separated) that file: source URLs may read from; unset, file: URLs are refused. */
  FILE_SOURCES_DIR: list.default([]),
  /** Run each enabled source that never succeeded, or was last read by an older adapter, as soon as the scheduler starts. */
  RUN_NEVER_SUCCEEDED_ON_START: flag.default(true),
  /**
   * No source is fetched from its publisher: sources without live data are filled from the bundled
   * snapshot (`careerlens start --offline` sets it). Unset, the snapshot stands in only for a
   * source whose publisher cannot be reached and that has no live data yet.
   */
  OFFLINE: flag.default(false),
  /** The bundled snapshot's folder (default: snapshot/ in the checkout). */
  SNAPSHOT_DIR: z.string().min(1).optional(),
  /** Fetching politeness and patience: per-host spacing, per-attempt timeout, retries, backoff base. */
  FETCH_HOST_DELAY_MS: z.coerce.number().int().min(0).default(1_000),
  FETCH_TIMEOUT_MS: z.coerce.number().int().min(100).default(30_000),
  FETCH_RETRIES: z.coerce.number().int().min(0).max(10).default(4),
  FETCH_BACKOFF_MS: z.coerce.number().int().min(1).default(500),
  /**
   * Largest response body the fetcher reads, in bytes; a larger one fails the run. 64 MiB: a body,
   * its text and its parsed rows fit a worker whose heap is capped at 384 MB.
   */
  FETCH_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1_024)
    .default(64 * 2 ** 20),
  /** Share (0–1) of a source's facts one run may remove; more fails the run unless re-run with --allow-shrink. */
  MAX_SHRINK_RATIO: z.coerce.number().min(0).max(1).default(0.2),
  /** A run still running after this long (ms) is failed by the scheduler's reaper as stalled. */
  RUN_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .min(1_000)
    .default(2 * 3600_000),
  /** How long (ms) after a run is queued the reaper waits before failing it for having no job. */
  RUN_ENQUEUE_GRACE_MS: z.coerce.number().int().min(0).default(120_000),
  ALERT_WEBHOOK_URL: url(['http:', 'https:']).optional(),
  /** Days kept of archived documents no fact or validator needs any more, of metric history, and of finished runs (0: forever). */
  RETENTION_RAW_DOCUMENTS_DAYS: z.coerce.number().int().min(0).default(180),
  RETENTION_METRIC_HISTORY_DAYS: z.coerce.number().int().min(0).default(1_825),
  RETENTION_RUNS_DAYS: z.coerce.number().int().min(0).default(90),
  /** How often the scheduler role applies retention, in ms. */
  RETENTION_CHECK_MS: z.coerce
    .number()
    .int()
    .min(1_000)
    .default(6 * 3_600_000),
  /** API requests per minute: per address without a key, per key with one (a key's own `--rate` wins). */
  RATE_LIMIT_ANONYMOUS: perMinute.default(120),
  RATE_LIMIT_KEYED: perMinute.default(1_200),
  /** Dashboard page requests per minute per address; unset: RATE_LIMIT_ANONYMOUS. */
  RATE_LIMIT_PAGES: perMinute.optional(),
  /** Refused credentials (401/403 to a request that sent a key) per minute per address before every request from it answers 429. */
  RATE_LIMIT_AUTH_FAILURES: perMinute.default(30),
  /** Proxies in front of the API whose X-Forwarded-For is believed (see README). Default: none. */
  TRUST_PROXY: trustProxy.default({ hops: 0 }),
  /** Largest request body the API reads, in bytes. */
  API_BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1_024)
    .max(100 * 1024 * 1024)
    .default(64 * 1024),
  /** Longest SQL statement an API request may run, in ms (the pool's statement_timeout). */
  API_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
  /** How often the scheduler role checks for failed runs and stale sources (alerts), in ms. */
  OPS_ALERT_CHECK_MS: z.coerce.number().int().min(100).default(60_000),
});

export type Config = z.infer<typeof envSchema> & {
  /** Which stores the process uses: given URLs, or the embedded defaults. */
  mode: 'production' | 'embedded';
  queueBackend: 'redis' | 'postgres';
};

/** Parses an environment once; the first bad variable becomes a one-line ConfigError. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = String(issue.path[0] ?? 'environment');
    const got = cleaned[name];
    throw new ConfigError(`${name}=${JSON.stringify(describeSetting(got ?? ''))} is invalid: expected ${describeIssue(issue)}`);
  }
  const c = parsed.data;
  return {
    ...c,
    mode: c.DATABASE_URL ? 'production' : 'embedded',
    queueBackend: c.REDIS_URL ? 'redis' : 'postgres',
  };
}

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_value') return `one of ${issue.values.map(String).join(', ')}`;
  if (issue.code === 'too_small' || issue.code === 'too_big') return issue.message.replace(/^Too (small|big): expected /, '');
  if (issue.code === 'invalid_type') return `a ${issue.expected}`;
  return issue.message;
}

let loaded: Config | undefined;

/** The process configuration, parsed from process.env on first use. */
export function getConfig(): Config {
  loaded ??= parseConfig(process.env);
  return loaded;
}
