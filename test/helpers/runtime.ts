import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';
import { parseConfig, type Config } from '../../src/config.js';
import type { SourceDefinition } from '../../src/ingest/catalog.js';
import { createLogger } from '../../src/log.js';
import { startRuntime, type Role, type Runtime } from '../../src/runtime/start.js';
import { testQueuePrefix } from './db.js';

export type Backend = 'redis' | 'postgres';

/** Writes a SOURCES_FILE for a test and returns its path. */
export function writeSourcesFile(defs: Partial<SourceDefinition>[]): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'careerlens-sources-'));
  const file = path.join(dir, 'sources.json');
  writeFileSync(file, JSON.stringify(defs.map((d) => ({ schedule: { cron: '0 3 * * 1', tz: 'UTC' }, options: {}, ...d }))));
  return file;
}

/** The environment of a test process: its own database, its own queue prefix, the local mirror host allowed. */
export function testEnv(params: {
  databaseUrl: string;
  backend: Backend;
  name: string;
  sourcesFile?: string;
  extra?: Record<string, string>;
}): Record<string, string> {
  return {
    DATABASE_URL: params.databaseUrl,
    ...(params.backend === 'redis' ? { REDIS_URL: inject('redisUrl') } : {}),
    QUEUE_PREFIX: testQueuePrefix(params.name),
    PORT: '0',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    PRIVATE_SOURCE_HOSTS: '127.0.0.1',
    FETCH_HOST_DELAY_MS: '0',
    FETCH_BACKOFF_MS: '20',
    ...(params.sourcesFile ? { SOURCES_FILE: params.sourcesFile } : {}),
    ...params.extra,
  };
}

/** Starts roles in this process against the test database and queue backend. */
export async function startTestRuntime(env: Record<string, string>, roles: Role[] = ['api', 'worker', 'scheduler']): Promise<Runtime & { config: Config }> {
  const config = parseConfig(env);
  const runtime = await startRuntime(config, roles, createLogger(config.LOG_LEVEL));
  return { ...runtime, config };
}

/** Polls `fn` until it returns a truthy value or `timeoutMs` passes (then throws with `what`). */
export async function waitFor<T>(what: string, fn: () => Promise<T | undefined | null | false>, timeoutMs = 60_000, everyMs = 200): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/**
 * Rate limits count in fixed windows that reset on the minute (hourly ones on the hour, also a
 * minute): a test asserting exact 429s starts its burst with at least `needSec` left in the
 * minute, so a reset never lands in the middle of it.
 */
export async function startInOneRateWindow(needSec = 15): Promise<void> {
  const left = 60_000 - (Date.now() % 60_000);
  if (left < needSec * 1000) await new Promise((resolve) => setTimeout(resolve, left + 50));
}
