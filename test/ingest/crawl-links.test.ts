import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixturesDir, sharedDataDir } from '../helpers/static-server.js';
import { startIngestHarness, type IngestHarness } from './harness.js';

const pageNames = ['analytics-engineer-amer-4486497004', 'application-security-engineer-us-4626993004', 'content-engineer-us-4534477004'];
const postingPage = (name: string) => readFileSync(path.join(sharedDataDir, 'vercel-careers-html/careers', `${name}.html`));
const listingOf = (hrefs: string[]) => `<!doctype html><html><body>${hrefs.map((href, i) => `<a href="${href}"><h3>Job ${i}</h3></a>`).join('')}</body></html>`;

describe('links found in fetched pages', () => {
  let h: IngestHarness;
  const fileRoot = mkdtempSync(path.join(tmpdir(), 'careerlens-file-sources-'));
  const outside = mkdtempSync(path.join(tmpdir(), 'careerlens-outside-'));

  beforeAll(async () => {
    h = await startIngestHarness({ FILE_SOURCES_DIR: fileRoot });
    await h.define({ id: 'onet', kind: 'onet-database', url: `${h.server.url}/data/onet-29.2/` });
    expect((await h.run('onet')).status).toBe('succeeded');
  });
  afterAll(async () => {
    await h?.close();
  });

  it("a listing's posting links are followed only on its own origin and scheme, up to maxPages; the rest are rejects", async () => {
    const port = new URL(h.server.url).port;
    const hrefs = [
      ...pageNames.map((n) => `/careers/${n}`),
      `http://localhost:${port}/careers/other-host-us-11111111`, // same server, another origin
      `https://127.0.0.1:${port}/careers/other-scheme-us-22222222`,
      'file:///etc/careers/passwd-33333333',
      'http://exa mple.com/careers/malformed-44444444',
    ];
    h.server.override((req, res) => {
      if (req.url === '/jobs') {
        res.writeHead(200, { 'content-type': 'text/html' }).end(listingOf(hrefs));
        return true;
      }
      const m = /^\/careers\/([a-z0-9-]+)$/.exec(req.url ?? '');
      if (!m || !pageNames.includes(m[1]!)) return false;
      res.writeHead(200, { 'content-type': 'text/html' }).end(postingPage(m[1]!));
      return true;
    });
    try {
      const seen = h.server.requests.length;
      await h.define({
        id: 'jobs',
        kind: 'job-postings',
        url: `${h.server.url}/jobs`,
        options: { format: 'html-pages', period: '2024-01', maxRejectRatio: 1, maxPages: 2 },
      });
      const out = await h.run('jobs');
      expect(out.error).toBeUndefined();
      expect(out.status).toBe('succeeded');
      const requests = h.server.requests.slice(seen);
      const pages = requests.map((r) => r.path).filter((p) => p.startsWith('/careers/'));
      expect(pages.sort()).toEqual(pageNames.slice(0, 2).map((n) => `/careers/${n}`));
      expect(requests.every((r) => r.headers.host === `127.0.0.1:${port}`)).toBe(true);
      const reasons = out.stats.rejects!.map((r) => r.reason);
      expect(reasons).toHaveLength(4);
      expect(reasons.filter((r) => r.includes("leaves the listing's site"))).toHaveLength(3);
      expect(reasons.filter((r) => r.startsWith('malformed link'))).toHaveLength(1);
    } finally {
      h.server.override(null);
    }
  });

  it('a followed link with a malformed percent-escape is read like any page, and a page too large to parse is a reject: the run goes on', async () => {
    const odd = '/careers/analytics%zz-engineer-55555555';
    h.server.override((req, res) => {
      if (req.url === '/odd-jobs') {
        res.writeHead(200, { 'content-type': 'text/html' }).end(listingOf([odd, `/careers/${pageNames[1]}`, '/careers/huge-66666666']));
        return true;
      }
      if (req.url === odd) {
        res.writeHead(200, { 'content-type': 'text/html' }).end(postingPage(pageNames[0]!));
        return true;
      }
      if (req.url === `/careers/${pageNames[1]}`) {
        res.writeHead(200, { 'content-type': 'text/html' }).end(postingPage(pageNames[1]!));
        return true;
      }
      if (req.url === '/careers/huge-66666666') {
        res.writeHead(200, { 'content-type': 'text/html' }).end('<a>'.repeat(100_001));
        return true;
      }
      return false;
    });
    try {
      await h.define({
        id: 'odd-jobs',
        kind: 'job-postings',
        url: `${h.server.url}/odd-jobs`,
        options: { format: 'html-pages', period: '2024-01', maxRejectRatio: 1 },
      });
      const out = await h.run('odd-jobs');
      expect(out.error).toBeUndefined();
      expect(out.status).toBe('succeeded');
      expect(out.stats.fetched).toBe(4);
      expect(out.stats.rejects!.map((r) => r.reason)).toEqual([expect.stringMatching(/huge-66666666: more than 100000 tags: refused as damaged or hostile/)]);
    } finally {
      h.server.override(null);
    }
  });

  it('file: URLs are read only for configured source URLs under FILE_SOURCES_DIR', async () => {
    copyFileSync(path.join(fixturesDir, 'career-pages/compare-table.html'), path.join(fileRoot, 'compare.html'));
    await h.define({ id: 'local-site', kind: 'career-pages', url: pathToFileURL(path.join(fileRoot, 'compare.html')).href });
    expect((await h.run('local-site')).status).toBe('succeeded');

    writeFileSync(path.join(outside, 'secret.html'), '<html><body>private</body></html>');
    await h.define({ id: 'outside', kind: 'career-pages', url: pathToFileURL(path.join(outside, 'secret.html')).href });
    const refused = await h.run('outside');
    expect(refused.status).toBe('failed');
    expect(refused.error).toContain('outside the directories FILE_SOURCES_DIR allows');

    // A file: listing's links are never followed, even to files under the allowed directory.
    mkdirSync(path.join(fileRoot, 'careers'));
    writeFileSync(path.join(fileRoot, 'careers/target-11111111.html'), postingPage(pageNames[0]!));
    writeFileSync(path.join(fileRoot, 'jobs.html'), listingOf([pathToFileURL(path.join(fileRoot, 'careers/target-11111111.html')).href]));
    await h.define({
      id: 'file-jobs',
      kind: 'job-postings',
      url: pathToFileURL(path.join(fileRoot, 'jobs.html')).href,
      options: { format: 'html-pages', maxRejectRatio: 1 },
    });
    const jobs = await h.run('file-jobs');
    expect(jobs.stats.fetched).toBe(1);
    expect(jobs.stats.rejects?.[0]?.reason).toMatch(/found in a file: page; only links of http\(s\) pages are followed/);
  });
});
