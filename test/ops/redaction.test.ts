import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFetcher } from '../../src/ingest/fetch/index.js';
import { createRun, finishRun } from '../../src/db/queries/sources.js';
import { checkAlerts } from '../../src/ops/alerts.js';
import { createLogger } from '../../src/log.js';
import { catchFetchError } from '../fetch/fetchers.js';
import { startTestServer, type TestServer } from '../fetch/test-server.js';
import { source, startOpsFixture, type OpsFixture } from './helpers.js';

/** Credentials in URLs stay out of run errors, rejected rows, alerts and webhooks. */
describe('secrets in URLs are redacted', () => {
  let f: OpsFixture;
  let server: TestServer;
  const posted: string[] = [];

  beforeAll(async () => {
    f = await startOpsFixture('redaction', [source('secret-src')]);
    server = await startTestServer({
      '/hook': (req, res) => {
        let body = '';
        req.on('data', (c) => {
          body += c;
        });
        req.on('end', () => {
          posted.push(body);
          res.writeHead(204).end();
        });
      },
    });
  });
  afterAll(async () => {
    await server?.close();
    await f?.close();
  });

  it('a fetch error names the URL without its user info or token', async () => {
    const fetcher = createFetcher({ allowHosts: ['127.0.0.1'], retries: 0 });
    try {
      const error = await catchFetchError(fetcher.fetch(`http://alice:hunter2@${server.host}/missing.csv?token=s3cr3t&year=2024`));
      expect(error.message).toContain(`http://***@${server.host}/missing.csv?token=***&year=2024`);
      expect(error.message).not.toMatch(/hunter2|s3cr3t/);
    } finally {
      fetcher.close();
    }
  });

  it('run errors, alerts and the webhook body carry the redacted text', async () => {
    const run = await createRun(f.tdb.db, { sourceId: 'secret-src', trigger: 'manual' });
    await finishRun(f.tdb.db, { id: run!.id, status: 'failed', stats: {}, error: 'GET https://bot:pw123@data.example/x.zip?api_key=k9k9 answered 500' });
    const [stored] = await f.tdb.db.$client<{ error: string }[]>`select error from ingest_runs where id = ${run!.id}`;
    expect(stored!.error).toBe('GET https://***@data.example/x.zip?api_key=*** answered 500');
    // The run's rejected rows name their file and reason: shown by the console and GET /v1/ops/runs/{id}.
    const withRejects = await createRun(f.tdb.db, { sourceId: 'secret-src', trigger: 'manual' });
    await finishRun(f.tdb.db, {
      id: withRejects!.id,
      status: 'succeeded',
      stats: {
        rejects: [
          { line: null, file: 'https://data.example/jobs/1?token=t0k3n', reason: 'posting page not found (404/410); skipped' },
          { line: 3, file: 'x.csv', reason: "link https://u:pw456@data.example/y leaves the listing's site" },
        ],
      },
    });
    const [kept] = await f.tdb.db.$client<{ stats: { rejects: unknown[] } }[]>`select stats from ingest_runs where id = ${withRejects!.id}`;
    expect(kept!.stats.rejects).toEqual([
      { line: null, file: 'https://data.example/jobs/1?token=***', reason: 'posting page not found (404/410); skipped' },
      { line: 3, file: 'x.csv', reason: "link https://***@data.example/y leaves the listing's site" },
    ]);
    const raised = await checkAlerts({ db: f.tdb.db, queues: f.queues, log: createLogger('silent') }, { webhookUrl: `${server.origin}/hook` });
    expect(raised.map((a) => a.message).join(' ')).not.toMatch(/pw123|k9k9/);
    expect(posted.join(' ')).toContain('https://***@data.example/x.zip?api_key=***');
    expect(posted.join(' ')).not.toMatch(/pw123|k9k9/);
  });
});
