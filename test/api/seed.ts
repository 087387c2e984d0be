import { inject } from 'vitest';
import postgres from 'postgres';
import { randomBytes } from 'node:crypto';
import { createTestDatabase } from '../helpers/db.js';
import { startStaticServer } from '../helpers/static-server.js';
import { startTestRuntime, testEnv, waitFor, writeSourcesFile } from '../helpers/runtime.js';
import { closeDb, openDb, type Db } from '../../src/db/client.js';

export interface Seeded {
  db: Db;
  url: string;
  /** Drops this file's database. */
  stop(): Promise<void>;
}

const adminSql = () => postgres(inject('adminDatabaseUrl'), { max: 1, onnotice: () => {} });
const urlOf = (name: string) => Object.assign(new URL(inject('adminDatabaseUrl')), { pathname: `/${name}` }).toString();

/**
 * A database filled by the real pipeline: O*NET (with its 29.0 skill and knowledge ratings), OEWS wages (May 2020 to May 2024), GPTs-are-GPTs exposure,
 * its per-task labels, BLS Employment Projections (2022-32 and 2024-34), the Indeed Hiring Lab sector postings index,
 * teleworkability and the ai-jobs.net salary survey ingested over HTTP from the shared data, metrics and every pair computed by
 * the workers (Redis backend, the faster one). The first file of a run pays for the ingest
 * (about 45 s) and keeps a snapshot database; later files clone it in a few seconds. The run's
 * teardown drops both (their names carry the run id).
 */
export async function seedRealData(name: string): Promise<Seeded> {
  const snapshot = `cl_seeded_${inject('runId')}`;
  const admin = adminSql();
  try {
    const [exists] = await admin`select 1 from pg_database where datname = ${snapshot}`;
    if (!exists) await ingestSnapshot(name, snapshot, admin);
    const clone = `cl_${randomBytes(3).toString('hex')}_${inject('runId')}`;
    await admin.unsafe(`create database "${clone}" template "${snapshot}"`);
    const url = urlOf(clone);
    const db = openDb(url, { max: 10, appName: 'careerlens-test' });
    return {
      db,
      url,
      async stop() {
        await closeDb(db, 1);
        const a = adminSql();
        await a.unsafe(`drop database if exists "${clone}" with (force)`);
        await a.end();
      },
    };
  } finally {
    await admin.end();
  }
}

async function ingestSnapshot(name: string, snapshot: string, admin: postgres.Sql): Promise<void> {
  const tdb = await createTestDatabase();
  const server = await startStaticServer();
  const d = `${server.url}/data`;
  const crosswalkUrl = `${d}/onet-soc-2010-to-2019-crosswalk/2010_to_2019_Crosswalk.csv`;
  const sourcesFile = writeSourcesFile([
    { id: 'onet', kind: 'onet-database', url: `${d}/onet-29.2/` },
    { id: 'onet-ratings', kind: 'onet-ratings', url: `${d}/onet-29.0-excel/` },
    {
      id: 'oews',
      kind: 'oews-wages',
      url: `${d}/bls-oews-national/national_M2024_dl.xlsx`,
      options: {
        history: ['national_M2022_dl.xlsx', 'national_May2021_dl.csv', 'national_M2020_dl.xlsx'].map((f) => `${d}/bls-oews-national/${f}`),
      },
    },
    { id: 'gpts-are-gpts', kind: 'ai-exposure', url: `${d}/gpts-are-gpts-ai-exposure/occ_level.csv`, options: { method: 'gpts-are-gpts' } },
    { id: 'dingel-neiman', kind: 'telework', url: `${d}/dingel-neiman-teleworkability/occupations_workathome.csv`, options: { crosswalkUrl } },
    { id: 'salaries', kind: 'salary-survey', url: `${d}/ai-jobs-net-salaries/salaries.csv` },
    {
      id: 'bls-projections',
      kind: 'employment-projections',
      url: `${d}/bls-employment-projections/Employment%20Projections%202024-34.csv`,
      options: {
        history: [`${d}/bls-employment-projections/occupation_2022-32.xlsx`],
      },
    },
    { id: 'gpts-are-gpts-tasks', kind: 'ai-exposure', url: `${d}/gpts-are-gpts-ai-exposure/full_labelset.tsv`, options: { method: 'gpts-are-gpts-tasks' } },
    { id: 'indeed-postings', kind: 'postings-index', url: `${d}/indeed-hiring-lab/job_postings_by_sector_US.csv` },
  ]);
  const rt = await startTestRuntime(testEnv({ databaseUrl: tdb.url, backend: 'redis', name, sourcesFile }), ['worker', 'scheduler']);
  try {
    const sql = tdb.db.$client;
    await waitFor(
      'every source ingested, metrics and every pair computed',
      async () => {
        const [r] = await sql<{ s: number; n: number; m: number; p: number; d: number }[]>`
        select (select count(*)::int from sources where last_success_at is null) as s, (select count(*)::int from careers) as n,
          (select count(*)::int from career_metrics) as m, (select count(*)::int from comparisons) as p,
          (select count(*)::int from dirty_careers) as d`;
        return r && r.s === 0 && r.n > 0 && r.m === r.n && r.p === (r.n * (r.n - 1)) / 2 && r.d === 0;
      },
      360_000,
      250,
    );
  } finally {
    await rt.stop();
    await server.close();
  }
  await closeDb(tdb.db, 1);
  const source = new URL(tdb.url).pathname.slice(1);
  await admin.unsafe(`select pg_terminate_backend(pid) from pg_stat_activity where datname = '${source}' and pid <> pg_backend_pid()`);
  await admin.unsafe(`alter database "${source}" rename to "${snapshot}"`);
}
