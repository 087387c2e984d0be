import { inject } from 'vitest';
import postgres from 'postgres';
import { randomBytes } from 'node:crypto';
import { closeDb, openDb, type Db } from '../../src/db/client.js';

export interface TestDatabase {
  url: string;
  db: Db;
  /** Drops the database (closing this file's pool first). */
  drop(): Promise<void>;
}

/** A fresh, migrated database cloned from this run's template; drop it in afterAll. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = inject('adminDatabaseUrl');
  const name = `cl_${randomBytes(3).toString('hex')}_${inject('runId')}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}" template "${inject('templateDatabase')}"`);
  await admin.end();
  const url = Object.assign(new URL(adminUrl), { pathname: `/${name}` }).toString();
  const db = openDb(url, { max: 5, appName: 'careerlens-test' });
  return {
    url,
    db,
    drop: async () => {
      await closeDb(db, 1);
      const a = postgres(adminUrl, { max: 1, onnotice: () => {} });
      await a.unsafe(`drop database if exists "${name}" with (force)`);
      await a.end();
    },
  };
}

/** A queue prefix unique to this test run and name (Redis keys are deleted at the end of the run). */
export function testQueuePrefix(name: string): string {
  return `cltest_${inject('runId')}_${name.replace(/[^a-z0-9_]/gi, '_').toLowerCase()}`;
}
