/**
 * Servers a fault test owns and restarts: an embedded PostgreSQL and a redis-server, each on its
 * own port and data folder. Never the machine's shared PostgreSQL (5432) or Redis (6379), which
 * other test files use at the same time.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { Redis } from 'ioredis';
import { startEmbeddedPostgres, type EmbeddedHandle } from '../../src/runtime/embedded-postgres.js';
import { createLogger } from '../../src/log.js';
import { freePort } from '../helpers/process.js';
import { waitFor } from '../helpers/runtime.js';

export interface OwnServer {
  /** Stops the server and starts it again on the same port and data (a restart as operators see it). */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export interface OwnPostgres extends OwnServer {
  /** A new database on this server, by URL. */
  createDatabase(name: string): Promise<string>;
}

export async function startOwnPostgres(): Promise<OwnPostgres> {
  const dir = mkdtempSync(path.join(tmpdir(), 'careerlens-faults-pg-'));
  const port = await freePort();
  const log = createLogger('silent');
  let handle: EmbeddedHandle = await startEmbeddedPostgres(dir, port, log);
  const urlOf = (db: string) => Object.assign(new URL(handle.url), { pathname: `/${db}` }).toString();
  return {
    async createDatabase(name) {
      const admin = postgres(handle.url, { max: 1, onnotice: () => {} });
      await admin.unsafe(`create database "${name}"`);
      await admin.end();
      return urlOf(name);
    },
    async restart() {
      await handle.stop();
      handle = await startEmbeddedPostgres(dir, port, log);
    },
    async stop() {
      await handle.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface OwnRedis extends OwnServer {
  url: string;
}

/**
 * A redis-server with an append-only file (fsync on every write), as production runs BullMQ;
 * with `persist: false`, one that comes back empty from a restart.
 */
export async function startOwnRedis(opts: { persist?: boolean } = {}): Promise<OwnRedis> {
  const dir = mkdtempSync(path.join(tmpdir(), 'careerlens-faults-redis-'));
  const port = await freePort();
  const url = `redis://127.0.0.1:${port}`;
  let child: ChildProcess;
  const start = async () => {
    child = spawn(
      'redis-server',
      [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--dir',
        dir,
        '--appendonly',
        opts.persist === false ? 'no' : 'yes',
        '--appendfsync',
        'always',
        '--save',
        '',
      ],
      { stdio: 'ignore' },
    );
    await waitFor(
      'redis-server to answer',
      async () => {
        const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
        probe.on('error', () => {});
        try {
          await probe.connect();
          return (await probe.ping()) === 'PONG';
        } catch {
          return false;
        } finally {
          probe.disconnect();
        }
      },
      20_000,
      50,
    );
  };
  const stopChild = async () => {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM'); // a graceful shutdown: the append-only file is complete
    await exited;
  };
  await start();
  return {
    url,
    restart: async () => {
      await stopChild();
      await start();
    },
    stop: async () => {
      await stopChild();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
