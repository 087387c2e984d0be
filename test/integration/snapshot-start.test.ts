import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type BrowserContext } from 'playwright-core';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { defaultSources } from '../../src/ingest/catalog.js';
import { startStaticServer, type StaticServer } from '../helpers/static-server.js';
import { waitFor, writeSourcesFile } from '../helpers/runtime.js';
import { freePort, spawnCli, type CliProcess } from '../helpers/process.js';

interface Figure {
  value: unknown;
  source?: string;
}
interface Side {
  slug: string;
  salary: { median: Figure };
  demandScore: Figure;
  aiReplacementRisk: Figure;
  tasks: { value: { rated: number; mostExposed: unknown[] } | null; source?: string; reason?: string };
}
interface Comparison {
  a: Side;
  b: Side;
  verdicts?: unknown;
  skills?: { shared?: unknown[]; onlyA?: unknown[]; onlyB?: unknown[] };
}

/**
 * First start with every default source unreachable (each publisher's URL moved to a closed local
 * port): the embedded mode fills itself from the bundled snapshot and serves a comparison of two
 * O*NET careers whose figures say so. Later the OEWS publisher answers (a local mirror on the
 * port it was given) and a live run replaces the snapshot data.
 */
describe('first start without the publishers: the bundled snapshot', () => {
  let dataDir: string;
  let env: Record<string, string>;
  let proc: CliProcess | undefined;
  let mirror: StaticServer | undefined;
  let mirrorPort: number;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'careerlens-snapshot-start-'));
    const closed = `http://127.0.0.1:${await freePort()}`;
    mirrorPort = await freePort();
    const moved = (url: string) => `${closed}${new URL(url).pathname}`;
    const defs = defaultSources.map((d) => {
      if (d.id === 'oews') return { ...d, url: `http://127.0.0.1:${mirrorPort}/data/bls-oews-national/national_M2024_dl.xlsx`, options: {} };
      const options = Object.fromEntries(
        Object.entries(d.options).map(([k, v]) => [
          k,
          typeof v === 'string' && /^https?:/.test(v) ? moved(v) : Array.isArray(v) ? v.map((u) => moved(String(u))) : v,
        ]),
      );
      return { ...d, url: moved(d.url), options };
    });
    env = {
      DATA_DIR: dataDir,
      SOURCES_FILE: writeSourcesFile(defs),
      PORT: String(await freePort()),
      EMBEDDED_PG_PORT: String(await freePort()),
      PRIVATE_SOURCE_HOSTS: '127.0.0.1',
      FETCH_HOST_DELAY_MS: '0',
      FETCH_RETRIES: '1',
      FETCH_BACKOFF_MS: '20',
      LOG_LEVEL: 'warn',
    };
  });

  afterAll(async () => {
    if (proc && proc.child.exitCode === null) {
      proc.child.kill('SIGTERM');
      await proc.exited;
    }
    await mirror?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const base = () => `http://127.0.0.1:${env.PORT}`;
  const json = async <T>(p: string): Promise<T | null> => {
    const res = await fetch(`${base()}${p}`).catch(() => null);
    return res?.status === 200 ? ((await res.json()) as T) : null;
  };

  it('serves a comparison from the snapshot, lists every source on /about/data, then a live run replaces the snapshot', { timeout: 720_000 }, async () => {
    proc = spawnCli(['start'], env);
    const fail = (err: Error) => {
      throw new Error(`${err.message}; process output:\n${proc?.output().slice(-4000)}`);
    };
    const cmp = await waitFor(
      'the comparison of two O*NET careers',
      async () => {
        if (proc?.child.exitCode !== null) throw new Error(`careerlens exited with ${proc?.child.exitCode}`);
        const c = await json<Comparison>('/v1/compare/software-developers/data-scientists');
        return c?.verdicts ? c : null;
      },
      480_000,
      1_000,
    ).catch(fail);
    for (const side of [cmp.a, cmp.b]) {
      expect(side.salary.median.value).toEqual(expect.any(Number));
      expect(side.salary.median.source).toContain('bundled snapshot, retrieved 2026-11-30');
      expect(side.demandScore.value).toEqual(expect.any(Number));
      expect(side.demandScore.source).toContain('bundled snapshot');
      expect(side.aiReplacementRisk.value).toEqual(expect.any(Number));
      expect(side.aiReplacementRisk.source).toContain('bundled snapshot');
      // Tasks and their GPTs-are-GPTs labels come from the snapshot too (O*NET task statements, full_labelset.tsv).
      expect(side.tasks.value?.rated, JSON.stringify(side.tasks)).toBeGreaterThan(0);
      expect(side.tasks.value?.mostExposed.length).toBeGreaterThan(0);
      expect(side.tasks.source).toContain('bundled snapshot');
    }
    expect((cmp.skills?.shared?.length ?? 0) + (cmp.skills?.onlyA?.length ?? 0)).toBeGreaterThan(0);
    const page = await fetch(`${base()}/compare/software-developers-vs-data-scientists`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('bundled snapshot');
    // The console followed the fill stage by stage.
    expect(proc.output()).toMatch(/filling from the bundled snapshot: .*careers 1,016 · metrics [\d,]+ · pairs [\d,]+ \/ 515,620/);

    // /about/data in a browser: every source, its licence, retrieval date, and where its data comes from.
    const profileDir = mkdtempSync(path.join(tmpdir(), 'careerlens-chromium-'));
    let browser: BrowserContext | undefined;
    try {
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
      });
      const tab = browser.pages()[0] ?? (await browser.newPage());
      await tab.goto(`${base()}/about/data`);
      const rows = await tab.locator('table.about-data tbody tr').evaluateAll((trs) =>
        trs.map((tr) => ({
          id: tr.id,
          served: (tr as HTMLElement).dataset.served,
          cells: [...tr.querySelectorAll('th, td')].map((td) => (td as HTMLElement).innerText),
        })),
      );
      expect(rows.map((r) => r.id.replace(/^data-/, '')).sort()).toEqual(defaultSources.map((d) => d.id).sort());
      const row = (id: string) => rows.find((r) => r.id === `data-${id}`)!;
      expect(row('onet')).toMatchObject({ served: 'snapshot' });
      expect(row('onet').cells[1]).toContain('Creative Commons Attribution 4.0');
      expect(row('onet').cells[3]).toBe('2026-11-30');
      expect(row('onet').cells[5]).toContain('O*NET 29.2 Database');
      expect(row('dingel-neiman').cells[1]).toContain('GNU General Public License');
      expect(row('oews')).toMatchObject({ served: 'snapshot' });
      expect(row('glassdoor-postings')).toMatchObject({ served: 'none' });
      for (const r of rows) expect(r.cells[1]!.length).toBeGreaterThan(3);
      mkdirSync('test-artifacts', { recursive: true });
      await tab.screenshot({ path: 'test-artifacts/about-data.png', fullPage: true });
    } finally {
      await browser?.close();
      rmSync(profileDir, { recursive: true, force: true });
    }

    // The OEWS publisher answers now: a run reads it live and replaces the snapshot's data.
    mirror = await startStaticServer({ port: mirrorPort });
    const run = spawnCli(['sources', 'run', 'oews', '--wait'], { ...env, LOG_LEVEL: 'warn' });
    expect(await run.exited, run.output()).toBe(0);
    expect(mirror.requests.some((r) => r.path.endsWith('national_M2024_dl.xlsx'))).toBe(true);
    const live = await waitFor(
      'the salary to come from the live OEWS run',
      async () => {
        const c = await json<{ metrics: { salary: { median: Figure } } }>('/v1/careers/software-developers');
        const source = c?.metrics.salary.median.source;
        return source && !source.includes('bundled snapshot') ? c : null;
      },
      120_000,
      1_000,
    ).catch(fail);
    expect(live.metrics.salary.median.source).toBe('BLS OEWS (oews)');
    const list = spawnCli(['sources', 'list'], { ...env, LOG_LEVEL: 'warn' });
    await list.exited;
    expect(list.output()).toMatch(/^oews\s.*\slive\s*$/m);
    expect(list.output()).toMatch(/^onet\s.*\ssnapshot\s*$/m);
    proc.child.kill('SIGTERM');
    expect(await proc.exited).toBe(0);
  });
});
