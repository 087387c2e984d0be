/**
 * `npm run bench`: every benchmark, printing its figures and ratios. Needs the PostgreSQL the
 * tests use (BENCH_ADMIN_DATABASE_URL, default postgres://127.0.0.1:5432/postgres).
 */
import { benchApi } from './api-bench.js';

const adminUrl = process.env.BENCH_ADMIN_DATABASE_URL ?? 'postgres://127.0.0.1:5432/postgres';

async function main() {
  const api = await benchApi({ adminUrl });
  console.log(`api: warm ${api.warmRatio.toFixed(2)}×, cold ${api.coldRatio.toFixed(2)}×`);
}

main().then(() => process.exit(0), (err) => { console.error(err); process.exit(1); });
