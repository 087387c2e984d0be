/**
 * `npm run bench`: every benchmark, printing its figures and ratios. Needs the PostgreSQL the
 * tests use (BENCH_ADMIN_DATABASE_URL, default postgres://127.0.0.1:5432/postgres).
 */
import { benchApi } from './api-bench.js';
import { benchWorkers, printFigures } from './workers.js';
import { benchIngest } from './ingest.js';
import { benchTitles } from './titles.js';
import { benchTrends } from './trends.js';
import { benchFirstStart } from './first-start.js';

const adminUrl = process.env.BENCH_ADMIN_DATABASE_URL ?? 'postgres://127.0.0.1:5432/postgres';

/** BENCH_ONLY=api|workers|ingest|titles|trends|snapshot runs one section. */
const only = process.env.BENCH_ONLY;

async function main() {
  if (!only || only === 'api') {
    const api = await benchApi({ adminUrl });
    console.log(`api: warm ${api.warmRatio.toFixed(2)}×, cold ${api.coldRatio.toFixed(2)}×`);
  }
  if (!only || only === 'workers') {
    printFigures('workers (issue 4)', await benchWorkers({ adminUrl, redisUrl: process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379' }));
  }
  if (!only || only === 'ingest') printFigures('ingest (issue 3)', await benchIngest({ adminUrl }));
  if (!only || only === 'titles') printFigures('titles (issue 12)', await benchTitles());
  if (!only || only === 'trends') printFigures('series by period (issue 10)', await benchTrends({ adminUrl }));
  if (!only || only === 'snapshot') printFigures('first start from the bundled snapshot, OFFLINE (issue 14)', await benchFirstStart());
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
