import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { serve, type ServerType } from '@hono/node-server';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { createApp } from '../../src/runtime/app.js';
import { apiServices } from '../../src/http/services.js';
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
  server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(s));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  profileDir = mkdtempSync(path.join(tmpdir(), 'careerlens-chromium-'));
  browser = await chromium.launchPersistentContext(profileDir, {
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
    viewport: { width: 1200, height: 900 },
  });
  page = browser.pages()[0] ?? (await browser.newPage());
  page.on('pageerror', (err) => {
    throw err;
  });
}, 420_000); // longer than the seed's own 6-minute wait, so a slow seed reports itself

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
    await expect(page.getByRole('heading', { name: 'What CareerLens published when' }).count()).resolves.toBe(1);
    expect(await page.locator('details.audit summary').first().textContent()).toMatch(
      /^Median salary: (first published, not changed since|\d+ changes? since first published)$/,
    );
    await expect(page.getByRole('heading', { name: 'Similar careers' }).count()).resolves.toBe(1);
    expect(await page.locator('h2:has-text("Similar careers") ~ ul li').count()).toBeGreaterThan(0);
    await page.screenshot({ path: path.join(artifacts, 'career.png') });
  });

  it('compare page: tasks and AI and the outlook of Software Developers vs Data Scientists', async () => {
    await page.goto(`${base}/compare/software-developers-vs-data-scientists`);
    const tasks = page.locator('section[aria-labelledby="tasks-h"]');
    await expect(tasks.locator('h3').first().textContent()).resolves.toMatch(/^Software Developers: \d+ of \d+ tasks exposed \(\d+%\)$/);
    await expect(tasks.getByText('Train users to use new or modified equipment.').count()).resolves.toBe(1);
    const bright = await page.locator('tr:has(th:text-is("Bright Outlook (O*NET rule)")) td').allTextContents();
    expect(bright[1]).toMatch(/Yes \(grows-rapidly/);
    await expect(page.locator('p.summary').textContent()).resolves.not.toMatch(/Data Scientists pays|Software Developers pays/);
    await tasks.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(artifacts, 'compare-tasks-and-ai.png'), fullPage: true });
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
    // Each side's salary and employment by period, with growth text taken from those series.
    await page.waitForSelector('#cmp-chart-salary[data-rendered] canvas');
    const growth = await page.locator('.period-chart:has(#cmp-chart-employment) ul.growth li').allTextContents();
    expect(growth[0]).toMatch(/^Software Developers: grew 12 % from May 2020 to May 2024 \(May 2020 counts a wider hybrid SOC group\)/);
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

  it('compare page: skills and knowledge by importance and level, estimated where O*NET has no ratings, and the moves each way', async () => {
    await page.goto(`${base}/compare/software-developers-vs-data-scientists`);
    await expect(page.getByRole('heading', { name: 'Skills and knowledge', exact: true }).count()).resolves.toBe(1);
    const rated = page.locator('section[aria-labelledby="rated-h"]');
    await expect(rated.getByText('Estimated from', { exact: false }).count()).resolves.toBe(2);
    await expect(rated.locator('a', { hasText: 'Software Quality Assurance Analysts and Testers' }).count()).resolves.toBe(1);
    await expect(rated.locator('a', { hasText: 'Financial Quantitative Analysts' }).count()).resolves.toBe(1);
    expect(await rated.locator('table.rated').first().locator('tbody tr').count()).toBe(10);
    expect(await rated.locator('ul.shared-levels li').first().textContent()).toMatch(/^[A-Z][\w ,]+: level \d\.\d vs \d\.\d$/);
    const moves = await page.locator('section[aria-labelledby="transition-h"] li').allTextContents();
    expect(moves).toHaveLength(2);
    for (const m of moves) expect(m).toMatch(/: (easy|moderate),.*Learn first: /);
    const classes = await page.locator('ul.tech-classes').first().locator('li').allTextContents();
    expect(classes.length).toBeLessThanOrEqual(6);
    expect(classes[0]).toMatch(/^[\w ,-]+: \d+ tools?/);
    await page.screenshot({ path: path.join(artifacts, 'compare-rated.png'), fullPage: true });
    await page.goto(`${base}/compare/computer-programmers-vs-statisticians`);
    await expect(page.locator('section[aria-labelledby="rated-h"]').getByText("O*NET's own ratings").count()).resolves.toBe(2);
    await page.screenshot({ path: path.join(artifacts, 'compare-rated-onet.png'), fullPage: true });
  });

  it('trends page: two careers by period on a year axis, top movers between two chosen periods, CSVs with period, value and source', async () => {
    await page.goto(`${base}/trends?c=software-developers&c=chief-executives`);
    await page.waitForSelector('#chart-salary[data-rendered] canvas');
    await page.waitForSelector('#chart-employment[data-rendered] canvas');
    type PeriodData = { x: number[]; xUnit: string; labels: string[]; series: { label: string; values: (number | null)[]; sources: (string | null)[] }[] };
    const salary = JSON.parse((await page.locator('#chart-salary').getAttribute('data-chart'))!) as PeriodData;
    expect(salary.xUnit).toBe('period');
    expect(salary.labels).toEqual(['May 2020', 'May 2021', 'May 2022', 'May 2024']);
    // The x axis is time: each tick sits at its period's date, years apart.
    expect(salary.x.map((t) => new Date(t * 1000).toISOString().slice(0, 10))).toEqual(['2020-05-01', '2021-05-01', '2022-05-01', '2024-05-01']);
    expect(salary.series.map((s) => s.label)).toEqual(['Software Developers', 'Chief Executives']);
    expect(salary.series[0]!.values).toEqual([110_140, 120_730, 127_260, 133_080]);
    expect(salary.series[0]!.sources[0]).toMatch(/^BLS OEWS \(oews\); BLS published hybrid 15-1256 \(a wider group\), May 2020$/);
    // The data table's first column is the period.
    expect(await page.locator('#chart-salary-cap ~ details thead th').first().textContent()).toBe('Period');
    expect(await page.locator('#chart-salary-cap ~ details tbody td:first-child').allTextContents()).toEqual(salary.labels);
    // Growth from the series itself, with CAGR.
    const growth = await page.locator('.period-chart:has(#chart-salary) ul.growth li').allTextContents();
    expect(growth[0]).toBe('Software Developers: grew 20.8 % from May 2020 to May 2024 (May 2020 counts a wider hybrid SOC group) · CAGR 4.8 %/yr');
    // Top movers between two chosen periods.
    await page.getByLabel('From period').selectOption('May 2021');
    await page.getByLabel('To period').selectOption('May 2024');
    await page.getByLabel('Rank by').selectOption('pct');
    await page.getByRole('button', { name: 'Update' }).click();
    await page.waitForURL(/from=May\+2021&to=May\+2024/);
    await expect(page.locator('#movers-heading').textContent()).resolves.toBe('Top movers: Median salary (USD/yr), May 2021 → May 2024');
    const movers = await page
      .locator('#movers tbody tr')
      .evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent ?? '')));
    expect(movers.length).toBe(20);
    const num = (t: string) => Number(t.replace(/[^\d.-]/g, ''));
    const pcts = movers.map((m) => Math.abs(num(m[5]!)));
    expect(pcts).toEqual([...pcts].sort((a, b) => b - a));
    for (const m of movers) expect(num(m[5]!)).toBeCloseTo(Math.round(((num(m[3]!) - num(m[2]!)) / num(m[2]!)) * 1000) / 10, 1);
    // A chart's CSV: one row per career and period, with value and source columns.
    const csv = await (await fetch(`${base}${await page.locator('#chart-salary-cap a').getAttribute('href')}`)).text();
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toBe('career,series,period,period_start,metric,value,bound,source,note');
    expect(lines).toContain('software-developers,BLS OEWS (oews),May 2024,2024-05-01,salaryMedian,133080,,BLS OEWS (oews),');
    expect(lines).toContain('software-developers,BLS OEWS (oews),May 2020,2020-05-01,salaryMedian,110140,,BLS OEWS (oews),mapped from 15-1256 (87.8 %)');
    expect(lines.filter((l) => l.startsWith('chief-executives,'))).toHaveLength(4);
    // The movers' CSV names both periods.
    const moversCsv = await (await fetch(`${base}${await page.getByRole('link', { name: 'Download CSV' }).last().getAttribute('href')}`)).text();
    expect(moversCsv.split('\r\n')[0]).toBe('career,title,category,metric,from_period,from_value,to_period,to_value,change,change_pct,source,note');
    expect(moversCsv.split('\r\n')[1]).toMatch(/^[a-z0-9-]+,.*,salaryMedian,May 2021,\d+,May 2024,\d+,/);
    // Filtered by category: every mover in it.
    await page.getByLabel('Category').selectOption({ index: 1 });
    const category = await page.getByLabel('Category').inputValue();
    await page.getByRole('button', { name: 'Update' }).click();
    await page.waitForURL(/category=/);
    const cats = await page.locator('#movers tbody tr td:nth-child(2)').allTextContents();
    expect(cats.length).toBeGreaterThan(0);
    expect(new Set(cats)).toEqual(new Set([category]));
    // The empty "Add a career" field adds nobody.
    expect(JSON.parse((await page.locator('#chart-salary').getAttribute('data-chart'))!).series).toHaveLength(2);
    await page.screenshot({ path: path.join(artifacts, 'trends.png'), fullPage: true });
    // Salaries as the survey reported them, by survey year, each point with its source.
    await page.goto(`${base}/trends?c=data-scientists&c=software-developers`);
    await page.waitForSelector('#chart-survey[data-rendered] canvas');
    const survey = JSON.parse((await page.locator('#chart-survey').getAttribute('data-chart'))!) as PeriodData;
    expect(survey.labels).toEqual(['2020', '2021', '2022', '2023']);
    const ds = survey.series.find((x) => x.label === 'Data Scientists')!;
    expect(ds.values.every((v) => v !== null && v > 50_000)).toBe(true);
    expect(ds.sources[2]).toMatch(/^ai-jobs\.net salary survey \(salaries\); \d+ salaries, 2022$/);
    const surveyCsv = await (await fetch(`${base}${await page.locator('#chart-survey-cap a').getAttribute('href')}`)).text();
    expect(surveyCsv.split('\r\n')[0]).toBe('career,series,period,period_start,metric,value,bound,source,note');
    expect(surveyCsv).toMatch(/\r\ndata-scientists,salaries,2020,2020-01-01,surveyMedian,\d+,,ai-jobs\.net salary survey \(salaries\),\d+ salaries\r\n/);
    await page.screenshot({ path: path.join(artifacts, 'trends-survey.png'), fullPage: true });
  });

  it('hostile input on pages: a clear 4xx, escaped', async () => {
    for (const p of [
      '/careers/%3Cscript%3Ealert(1)%3C%2Fscript%3E',
      '/compare/x-vs-%3Cscript%3E',
      `/?q=${encodeURIComponent('<script>alert(1)</script>')}`,
      '/careers/software-developper',
    ]) {
      const res = await fetch(`${base}${p}`);
      expect(res.status, p).toBeLessThan(500);
      expect(await res.text(), p).not.toContain('<script>alert');
    }
    expect((await fetch(`${base}/careers/software-developper`)).status).toBe(404);
  });
});
