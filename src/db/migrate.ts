import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import { drizzle } from 'drizzle-orm/postgres-js';
import { migrate } from 'drizzle-orm/postgres-js/migrator';

const migrationsFolder = fileURLToPath(new URL('../../drizzle', import.meta.url));

/** Thrown when a migration fails; the message names the migration folder and the cause. */
export class MigrationError extends Error {
  override name = 'MigrationError';
}

/** Applies the committed SQL migrations through its own single connection. */
export async function runMigrations(url: string): Promise<void> {
  const sql = postgres(url, { max: 1, onnotice: () => {}, connect_timeout: 10 });
  try {
    // Any number of processes may start at once; one migrates, the others wait, then find nothing to do.
    await sql`select pg_advisory_lock(hashtext('careerlens:migrate'))`;
    await migrate(drizzle(sql), { migrationsFolder });
  } catch (err) {
    const cause = (err as { cause?: Error }).cause ?? err;
    throw new MigrationError(`migration failed (${migrationsFolder}): ${(cause as Error).message}`);
  } finally {
    await sql.end({ timeout: 5 });
  }
}

/** Number of migrations committed with this build. */
export function expectedMigrationCount(): number {
  const journal = JSON.parse(readFileSync(`${migrationsFolder}/meta/_journal.json`, 'utf8')) as { entries: unknown[] };
  return journal.entries.length;
}

/** True when every committed migration is recorded as applied in the database. */
export async function migrationsApplied(sql: postgres.Sql): Promise<boolean> {
  const rows = await sql<{ n: number }[]>`
    select count(*)::int as n from drizzle.__drizzle_migrations`.catch(() => [{ n: -1 }]);
  return rows[0]!.n >= expectedMigrationCount();
}
