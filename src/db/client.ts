import postgres from 'postgres';
import { drizzle, type PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import * as schema from './schema/index.js';

export type Db = PostgresJsDatabase<typeof schema> & { $client: postgres.Sql };

/**
 * The raw client of a pool (`db.$client`) and of one of its transactions, for the query
 * functions in db/queries that use postgres.js directly (COPY, bulk reads, advisory locks).
 * Other layers hold these handles and pass them on; only src/db imports postgres.js.
 */
export type Sql = postgres.Sql;
export type Tx = postgres.TransactionSql;
/** Either handle: a query that may run in or out of a transaction. */
export type SqlOrTx = Sql | Tx;

/**
 * Opens the pool every query function uses; `max` connections, closed with `closeDb`.
 * `statementTimeoutMs` caps every statement on the pool (PostgreSQL cancels it with 57014):
 * the API's pool sets it so a heavy request cannot hold its connections.
 */
export function openDb(url: string, options: { max?: number; appName?: string; statementTimeoutMs?: number } = {}): Db {
  const sql = postgres(url, {
    max: options.max ?? 10,
    onnotice: () => {},
    connection: {
      application_name: options.appName ?? 'careerlens',
      ...(options.statementTimeoutMs ? { statement_timeout: options.statementTimeoutMs } : {}),
    },
    connect_timeout: 10,
  });
  return drizzle(sql, { schema }) as Db;
}

/** Resolves when the database answers a trivial query (readiness checks, start-up). */
export async function pingDb(db: Db): Promise<void> {
  await db.$client`select 1`;
}

/** Closes the pool, letting running queries finish for up to `timeoutSec`. */
export async function closeDb(db: Db, timeoutSec = 5): Promise<void> {
  await db.$client.end({ timeout: timeoutSec });
}
