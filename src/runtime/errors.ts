/** A start-up failure the operator can fix: printed as one line, then the process exits 1. */
export class StartupError extends Error {
  override name = 'StartupError';
}

/** Turns a connection error into a sentence naming the store, its address and the next step. */
export function describeConnectError(what: 'PostgreSQL' | 'Redis', url: string, err: unknown): StartupError {
  let where = url;
  try {
    const u = new URL(url);
    where = `${u.hostname}:${u.port || (what === 'Redis' ? 6379 : 5432)}`;
  } catch {
    /* keep the raw text */
  }
  const e = err as NodeJS.ErrnoException & { errors?: Error[] };
  const code = e.code ?? e.errors?.[0]?.name;
  const reason = code === 'ECONNREFUSED' ? 'connection refused' : code === 'ENOTFOUND' ? 'host not found' : (e.message ?? String(err));
  const variable = what === 'Redis' ? 'REDIS_URL' : 'DATABASE_URL';
  return new StartupError(`cannot reach ${what} at ${where} (${variable}): ${reason}. Start it, or fix ${variable}.`);
}
