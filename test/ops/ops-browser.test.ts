import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { startStaticServer, type StaticServer } from '../helpers/static-server.js';
import { startTestRuntime, testEnv, waitFor, writeSourcesFile } from '../helpers/runtime.js';
import type { Runtime } from '../../src/runtime/start.js';
import { createApiKey } from '../../src/db/queries/keys.js';

const artifacts = path.resolve('test-artifacts');
const shot = (page: Page, name: string) => page.screenshot({ path: path.join(artifacts, `ops-${name}.png`), fullPage: true });

/**
 * The console in a real browser (Debian chromium): sign in, run a source served over HTTP and see
 * it finish with its stats without reloading; a source whose server answers 500 shows as failed
 * with its error, then stale, on the API and the console, and both alerts reach the webhook.
 */
describe('ops console in a browser', () => {
  let tdb: TestDatabase;
  let server: StaticServer;
  let rt: Runtime;
  let ctx: BrowserContext;
  let page: Page;
  let profile: string;
  let operatorKey: string;
  const hooks: { type: string; sourceId: string; message: string }[] = [];
  const api = async (p: string, init: RequestInit = {}) => {
    const res = await fetch(`${rt.url}${p}`, { ...init, headers: { authorization: `Bearer ${operatorKey}`, 'content-type': 'application/json' } });
    // biome-ignore lint/suspicious/noExplicitAny: answers of several operations, whose fields the assertions check
    return { status: res.status, json: (await res.json()) as any };
  };

  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true });
    tdb = await createTestDatabase();
    server = await startStaticServer();
    server.override(async (req, res) => {
      if (req.url?.startsWith('/broken/')) {
        res.writeHead(500).end('upstream exploded');
        return true;
      }
      if (req.url === '/hook' && req.method === 'POST') {
        let body = '';
        for await (const chunk of req) body += chunk;
        hooks.push(JSON.parse(body));
        res.writeHead(204).end();
        return true;
      }
      return false;
    });
    const sourcesFile = writeSourcesFile([
      { id: 'onet', kind: 'onet-database', url: `${server.url}/data/onet-29.2/` },
      { id: 'broken', kind: 'onet-database', url: `${server.url}/broken/` },
    ]);
    rt = await startTestRuntime(
      testEnv({
        databaseUrl: tdb.url,
        backend: 'redis',
        name: 'ops_browser',
        sourcesFile,
        extra: { RUN_NEVER_SUCCEEDED_ON_START: 'false', FETCH_RETRIES: '0', OPS_ALERT_CHECK_MS: '300', ALERT_WEBHOOK_URL: `${server.url}/hook` },
      }),
    );
    operatorKey = (await createApiKey(rt.db, { role: 'operator', name: 'browser-test' })).key;
    profile = mkdtempSync(path.join(tmpdir(), 'careerlens-chromium-'));
    ctx = await chromium.launchPersistentContext(profile, {
      executablePath: '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    page = ctx.pages()[0] ?? (await ctx.newPage());
  });

  afterAll(async () => {
    await ctx?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
    await rt?.stop();
    await server?.close();
    await tdb?.drop();
  });

  it('signs in, runs a source and sees it finish with its stats; a failing source shows failed, then stale', async () => {
    // The failing source is started first: its four attempts with backoff take ~15 s.
    const broken = await api('/v1/ops/sources/broken/runs', { method: 'POST' });
    expect(broken.status).toBe(202);

    await page.goto(`${rt.url}/ops`);
    expect(new URL(page.url()).pathname).toBe('/ops/signin');
    await page.fill('input[name="key"]', 'clk_op_wrong');
    await page.click('button[type="submit"]');
    await page.getByText('That key cannot open the console.').waitFor();
    await page.fill('input[name="key"]', operatorKey);
    await shot(page, '1-signin');
    await page.click('button[type="submit"]');
    await page.waitForURL(`${rt.url}/ops`);
    expect(await page.locator('#source-onet').textContent()).toContain('never run');
    await shot(page, '2-sources');

    await page.locator('#source-onet').getByRole('button', { name: 'Run now' }).click();
    await page.waitForURL(/\/ops\/runs\/\d+$/);
    await page.evaluate(() => {
      (window as unknown as { marker: number }).marker = 1;
    });
    const status = page.locator('#run [data-field="status"]').first();
    await waitFor(
      'the onet run to finish on the page',
      async () => ['succeeded', 'failed', 'unchanged'].includes((await status.textContent()) ?? ''),
      90_000,
      250,
    );
    expect(await status.textContent()).toBe('succeeded');
    // Updated in place by the polling script, not by a reload.
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(1);
    const stats = await page.locator('#run dl.stats').innerText();
    expect(stats).toMatch(/inserted\s+\d+/);
    expect(stats).toMatch(/changedCareers\s+1016/);
    await shot(page, '3-run-finished');

    // The failing source: failed with its error on the API, then stale (two intervals pass).
    const failed = await waitFor(
      "the broken source's run to fail after its retries",
      async () => {
        const s = (await api('/v1/ops/sources')).json.items.find((x: { id: string }) => x.id === 'broken');
        return s.lastRun?.status === 'failed' ? s : undefined;
      },
      60_000,
      300,
    );
    expect(failed.lastRun.error).toMatch(/500/);
    expect(failed.freshness.state).toBe('pending');
    await page.goto(`${rt.url}/ops`);
    const row = page.locator('#source-broken');
    expect(await row.locator('[data-field="status"]').first().textContent()).toBe('failed');
    expect(await row.locator('.err').first().textContent()).toMatch(/500/);
    await shot(page, '4-failed');

    // Two weekly intervals "pass": the source was added more than 14 days ago and never succeeded.
    await rt.db.$client`update sources set created_at = now() - interval '15 days' where id = 'broken'`;
    const stale = (await api('/v1/ops/sources')).json.items.find((x: { id: string }) => x.id === 'broken');
    expect(stale.freshness.state).toBe('stale');
    expect((await api('/v1/ops/sources')).json.items.find((x: { id: string }) => x.id === 'onet').freshness.state).toBe('fresh');
    await waitFor(
      'both alerts to reach the webhook',
      async () => hooks.some((h) => h.type === 'source-stale') && hooks.some((h) => h.type === 'run-failed'),
      10_000,
      100,
    );
    expect(
      hooks
        .filter((h) => h.sourceId === 'broken')
        .map((h) => h.type)
        .sort(),
    ).toEqual(['run-failed', 'source-stale']);
    await page.reload();
    expect(await row.locator('[data-freshness]').textContent()).toBe('stale');
    expect(await page.locator('#alerts').innerText()).toMatch(/source broken is stale/);
    expect(await page.locator('#alerts').innerText()).toMatch(/failed after its retries/);
    await shot(page, '5-stale');

    await page.goto(`${rt.url}/ops/queues`);
    await page.getByText('ingest', { exact: false }).first().waitFor({ timeout: 15_000 });
    await page
      .getByText('Loading...')
      .waitFor({ state: 'hidden', timeout: 10_000 })
      .catch(() => {});
    await shot(page, '6-queue-board');
  });
});
