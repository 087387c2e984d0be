import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { serve, type ServerType } from '@hono/node-server';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { createApp } from '../../src/api/app.js';
import { apiServices } from '../../src/api/routes/services.js';
import { createLogger } from '../../src/log.js';
import { seedRealData, type Seeded } from '../api/seed.js';

const artifacts = path.resolve('test-artifacts');
let seeded: Seeded;
let server: ServerType;
let base: string;
let browser: BrowserContext;
let page: Page;
let profileDir: string;
let deps: Parameters<typeof createApp>[0];

beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true });
  seeded = await seedRealData('web');
  // No queues: the routes under test never touch them (the health routes do, and are tested elsewhere).
  deps = { db: seeded.db, kit: {} as never, queues: {} as never, log: createLogger('silent') };
  const app = createApp(deps, { anonymousPerMinute: 100_000 });
  server = await new Promise<ServerType>((resolve) => { const s = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(s)); });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  profileDir = mkdtempSync(path.join(tmpdir(), 'careerlens-chromium-'));
  browser = await chromium.launchPersistentContext(profileDir, {
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1200, height: 900 },
  });
  page = browser.pages()[0] ?? await browser.newPage();
  page.on('pageerror', (err) => { throw err; });
});

afterAll(async () => {
  await browser?.close();
  if (profileDir) rmSync(profileDir, { recursive: true, force: true });
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  await apiServices(deps)?.stop();
  await seeded?.stop();
});

describe('dashboard in a browser, on ingested O*NET data', () => {
  it('overview: search suggests careers as you type and lists results', async () => {
    await page.goto(`${base}/`);
    const box = page.getByLabel('Search careers');
    await box.pressSequentially('sofware develo', { delay: 20 });
    await page.waitForFunction(() => Number(document.querySelector<HTMLInputElement>('#q')?.dataset.suggestions ?? 0) > 0);
    const options = await page.locator('#q-list option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    expect(options).toContain('software-developers');
    await box.press('Enter');
    await page.waitForURL(/\?q=/);
    await expect(page.getByRole('link', { name: 'Software Developers', exact: true }).count()).resolves.toBe(1);
    await expect(page.getByRole('heading', { name: 'Freshness' }).count()).resolves.toBe(1);
    await page.screenshot({ path: path.join(artifacts, 'overview.png'), fullPage: true });
  });

  it('career page: metrics, a history chart drawn with data, similar careers', async () => {
    await page.goto(`${base}/careers/software-developers`);
    await expect(page.locator('h1').textContent()).resolves.toBe('Software Developers');
    await page.waitForSelector('#chart-salary[data-rendered] canvas');
    expect(Number(await page.locator('#chart-salary').getAttribute('data-rendered'))).toBeGreaterThanOrEqual(1);
    const chart = JSON.parse((await page.locator('#chart-salary').getAttribute('data-chart'))!) as { series: { values: (number | null)[] }[] };
    expect(chart.series[0]!.values.some((v) => typeof v === 'number' && v > 50_000)).toBe(true);
    await expect(page.getByRole('heading', { name: 'Similar careers' }).count()).resolves.toBe(1);
    expect(await page.locator('h2:has-text("Similar careers") ~ ul li').count()).toBeGreaterThan(0);
    await page.screenshot({ path: path.join(artifacts, 'career.png') });
  });

  it('compare page: the pair, and the picker leads to another shareable comparison', async () => {
    await page.goto(`${base}/compare/software-developers-vs-chief-executives`);
    await expect(page.locator('h1').textContent()).resolves.toBe('Software Developers vs Chief Executives');
    const header = await page.locator('table.glance thead th').allTextContents();
    expect(header[1]).toContain('Software Developers');
    expect(header[2]).toContain('Chief Executives');
    const median = await page.locator('tr:has(th:text-is("Median salary")) td').allTextContents();
    expect(median[0]).toMatch(/\$[\d,]+\/yr/);
    expect(median[0]).toMatch(/oews/i);
    await expect(page.getByRole('heading', { name: 'Conclusion' }).count()).resolves.toBe(1);
    await page.screenshot({ path: path.join(artifacts, 'compare.png') });
    await page.screenshot({ path: path.join(artifacts, 'compare-full.png'), fullPage: true });
    const picker = page.getByLabel('Compare with another career:');
    await picker.pressSequentially('database admin', { delay: 20 });
    await page.waitForFunction(() => Number(document.querySelector<HTMLInputElement>('#picker')?.dataset.suggestions ?? 0) > 0);
    await picker.press('Enter');
    await page.waitForURL(/\/compare\/software-developers-vs-database-administrators$/);
    await expect(page.locator('h1').textContent()).resolves.toBe('Software Developers vs Database Administrators');
    await page.screenshot({ path: path.join(artifacts, 'compare-picked.png'), fullPage: true });
  });

  it('trends page: charts for chosen careers, movers, CSV downloads', async () => {
    await page.goto(`${base}/trends?c=software-developers&c=chief-executives`);
    await page.waitForSelector('#chart-demand[data-rendered] canvas');
    expect(Number(await page.locator('#chart-salary').getAttribute('data-rendered'))).toBeGreaterThanOrEqual(1);
    const series = JSON.parse((await page.locator('#chart-salary').getAttribute('data-chart'))!) as { series: { label: string }[] };
    expect(series.series.map((s) => s.label)).toEqual(['Software Developers', 'Chief Executives']);
    const csvHref = await page.locator('#chart-salary-cap a').getAttribute('href');
    const csv = await (await fetch(`${base}${csvHref}`)).text();
    expect(csv.split('\r\n')[0]).toBe('date,Software Developers,Software Developers source,Chief Executives,Chief Executives source');
    expect(csv).toMatch(/\r\n[^\r\n]*,\d+,"BLS OEWS \(oews\), May 2021",/);
    await page.getByLabel('Category').selectOption({ index: 1 });
    await page.getByRole('button', { name: 'Update' }).click();
    await page.waitForURL(/category=/);
    // The empty "Add a career" field adds nobody.
    expect(JSON.parse((await page.locator('#chart-salary').getAttribute('data-chart'))!).series).toHaveLength(2);
    await page.screenshot({ path: path.join(artifacts, 'trends.png'), fullPage: true });
    // Salaries as the survey reported them, by survey year, each point with its source.
    await page.goto(`${base}/trends?c=data-scientists&c=software-developers`);
    await page.waitForSelector('#chart-survey[data-rendered] canvas');
    const survey = JSON.parse((await page.locator('#chart-survey').getAttribute('data-chart'))!) as { x: number[]; xUnit: string; series: { label: string; values: (number | null)[]; sources: (string | null)[] }[] };
    expect(survey.xUnit).toBe('year');
    expect(survey.x.map((t) => new Date(t * 1000).getUTCFullYear())).toEqual([2020, 2021, 2022, 2023]);
    const ds = survey.series.find((x) => x.label === 'Data Scientists')!;
    expect(ds.values.every((v) => v !== null && v > 50_000)).toBe(true);
    expect(ds.sources[2]).toMatch(/^ai-jobs\.net salary survey \(salaries\), 2022, \d+ salaries$/);
    const surveyCsv = await (await fetch(`${base}${await page.locator('#chart-survey-cap a').getAttribute('href')}`)).text();
    expect(surveyCsv.split('\r\n').slice(0, 2)).toEqual([
      'year,Data Scientists,Data Scientists source,Software Developers,Software Developers source',
      expect.stringMatching(/^2020,\d+(\.\d+)?,"?ai-jobs\.net salary survey \(salaries\), 2020, \d+ salar/),
    ]);
    await page.screenshot({ path: path.join(artifacts, 'trends-survey.png'), fullPage: true });
  });

  it('hostile input on pages: a clear 4xx, escaped', async () => {
    for (const p of ['/careers/%3Cscript%3Ealert(1)%3C%2Fscript%3E', '/compare/x-vs-%3Cscript%3E', `/?q=${encodeURIComponent('<script>alert(1)</script>')}`, '/careers/software-developper']) {
      const res = await fetch(`${base}${p}`);
      expect(res.status, p).toBeLessThan(500);
      expect(await res.text(), p).not.toContain('<script>alert');
    }
    expect((await fetch(`${base}/careers/software-developper`)).status).toBe(404);
  });
});
