import type { Db } from '../client.js';

/**
 * Compares the stored derived version with `version` under a row lock. When they differ (or
 * none is stored), `onChange` runs with the stored one, inside the lock, and the new version is
 * stored when it returns: one of several schedulers starting at once acts, and a failure in
 * `onChange` leaves the old version for the next start to act on. Returns the replaced version,
 * or null when nothing changed.
 */
export async function changeDerivedVersion(db: Db, version: string, onChange: (stored: string | null) => Promise<void>): Promise<string | null> {
  return db.$client.begin(async (tx) => {
    await tx`insert into app_state (key, value) values ('derived-version', 'unknown') on conflict (key) do nothing`;
    const [row] = await tx<{ value: string }[]>`select value from app_state where key = 'derived-version' for update`;
    const stored = row?.value ?? null;
    if (stored === version) return null;
    await onChange(stored);
    await tx`update app_state set value = ${version}, updated_at = now() where key = 'derived-version'`;
    return stored;
  });
}

/** The stored derived version ('unknown' for data derived before versions were kept). */
export async function storedDerivedVersion(db: Db): Promise<string | null> {
  const [row] = await db.$client<{ value: string }[]>`select value from app_state where key = 'derived-version'`;
  return row?.value ?? null;
}
