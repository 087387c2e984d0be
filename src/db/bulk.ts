import type postgres from 'postgres';

/**
 * `sql(rows, ...columns)` for a bulk insert, typed loosely on purpose: postgres.js's helper
 * types reject row objects built at run time, while the SQL it generates is the same.
 */
export function rowsOf(sql: postgres.Sql | postgres.TransactionSql, rows: readonly object[], columns: readonly string[]): never {
  return (sql as unknown as (r: readonly object[], ...c: string[]) => never)(rows, ...columns);
}
