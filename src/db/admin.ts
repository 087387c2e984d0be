/**
 * Server administration for the embedded PostgreSQL (src/runtime/embedded-postgres.ts): whether
 * a superuser password is accepted, changing it, and creating the application's database.
 * Each opens a one-connection client of its own (the server is not the app's pool yet).
 */
import postgres from 'postgres';

const admin = (url: string) => postgres(url, { max: 1, onnotice: () => {}, connect_timeout: 10 });

/** True when `url`'s credentials are accepted, false on a wrong password (28P01); other errors throw. */
export async function passwordAccepted(url: string): Promise<boolean> {
  const sql = admin(url);
  try {
    await sql`select 1`;
    return true;
  } catch (err) {
    if ((err as { code?: string }).code === '28P01') return false;
    throw err;
  } finally {
    await sql.end();
  }
}

/** Sets the password of role `postgres`, connected as `url`. */
export async function setSuperuserPassword(url: string, password: string): Promise<void> {
  const sql = admin(url);
  try {
    await sql.unsafe(`alter role postgres password '${password.replace(/'/g, "''")}'`);
  } finally {
    await sql.end();
  }
}

/** Creates database `name` unless it exists, connected as `adminUrl`. */
export async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  const sql = admin(adminUrl);
  try {
    const found = await sql`select 1 from pg_database where datname = ${name}`;
    if (found.length === 0) await sql.unsafe(`create database "${name.replace(/"/g, '""')}"`);
  } finally {
    await sql.end();
  }
}
