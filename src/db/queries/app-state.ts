import type { Db } from '../client.js';

/**
 * Compares the stored derived version with `version` under a lock. When they differ, `onChange`
 * runs with the stored one, inside the lock, and the new version is stored when it returns: one
 * of several schedulers starting at once acts, and a failure in `onChange` leaves the old version
 * for the next start to act on. With no version stored (a database migrated before it held any
 * career, or whose careers this code's generation derived), `version` is recorded and nothing
 * runs. Returns the replaced version, or null when nothing changed.
 */
export async function changeDerivedVersion(db: Db, version: string, onChange: (stored: string) => Promise<void>): Promise<string | null> {
  return db.$client.begin(async (tx) => {
    await tx`lock table app_state in share row exclusive mode`;
    const [row] = await tx<{ value: string }[]>`select value from app_state where key = 'derived-version'`;
    if (!row) {
      await tx`insert into app_state (key, value) values ('derived-version', ${version})`;
      return null;
    }
    if (row.value === version) return null;
    await onChange(row.value);
    await tx`update app_state set value = ${version}, updated_at = now() where key = 'derived-version'`;
    return row.value;
  });
}

/** The stored derived version ('unknown' for data derived before versions were kept). */
export async function storedDerivedVersion(db: Db): Promise<string | null> {
  const [row] = await db.$client<{ value: string }[]>`select value from app_state where key = 'derived-version'`;
  return row?.value ?? null;
}
