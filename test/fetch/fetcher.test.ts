import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { gapsBetween, startTestServer, type Handler, type TestServer } from './test-server.js';
import { catchFetchError, fetcherPool } from './fetchers.js';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const ok =
  (body: string, headers: Record<string, string> = {}): Handler =>
  (_req, res) =>
    void res.writeHead(200, { 'content-type': 'text/plain', ...headers }).end(body);

let server: TestServer;
const fetchers = fetcherPool({ attemptTimeoutMs: 2000 });
const makeFetcher = fetchers.make;

beforeAll(async () => {
  server = await startTestServer({
    '/flaky': (_req, res, hit) => (hit <= 2 ? res.writeHead(500).end('boom') : ok('ok')(_req, res, 0)),
    '/down': (_req, res) => res.writeHead(503).end('down'),
    '/busy': (_req, res, hit) => (hit === 1 ? res.writeHead(429, { 'retry-after': '1' }).end() : ok('served')(_req, res, 0)),
    '/hang': () => {},
    '/truncated': (_req, res, hit) => {
      if (hit > 1) return ok('0123456789'.repeat(10))(_req, res, 0);
      res.writeHead(200, { 'content-length': '100' }).write('0123456789');
      setTimeout(() => res.socket?.destroy(), 20);
    },
    '/big-chunked': (_req, res) => {
      res.writeHead(200);
      for (let i = 0; i < 5; i += 1) res.write(Buffer.alloc(1000, 97));
      res.end();
    },
    '/big-declared': (_req, res) => res.writeHead(200, { 'content-length': '5000' }).end(Buffer.alloc(5000, 97)),
    '/gzip': (_req, res) => res.writeHead(200, { 'content-encoding': 'gzip' }).end(gzipSync('unzipped text')),
    '/etag': (req, res) =>
      req.headers['if-none-match'] === '"v1"'
        ? res.writeHead(304, { etag: '"v1"' }).end()
        : ok('versioned', { etag: '"v1"', 'last-modified': 'Wed, 21 Oct 2015 07:28:00 GMT' })(req, res, 0),
    '/dated': (req, res) =>
      req.headers['if-modified-since'] === 'Wed, 21 Oct 2015 07:28:00 GMT'
        ? res.writeHead(304).end()
        : ok('dated', { 'last-modified': 'Wed, 21 Oct 2015 07:28:00 GMT' })(req, res, 0),
    '/stable': ok('same bytes every time'),
  });
});
afterEach(() => fetchers.closeAll());
afterAll(() => server.close());

describe('retries', () => {
  it('succeeds after two 500s, on the third attempt, with our User-Agent', async () => {
    const result = await makeFetcher().fetch(`${server.origin}/flaky`);
    expect(result).toMatchObject({ status: 'fetched', attempts: 3, hash: sha256('ok'), bytes: 2, contentType: 'text/plain' });
    expect(result.status === 'fetched' && result.body.toString()).toBe('ok');
    expect(server.hits('/flaky')).toBe(3);
    expect(server.requests.find((r) => r.path === '/flaky')?.headers['user-agent']).toMatch(/^CareerLens\/0\.1 \(\+https:/);
  });

  it('fails after retries + 1 attempts on a source that always answers 503, saying what happens next', async () => {
    const retries: number[] = [];
    const error = await catchFetchError(makeFetcher({ onRetry: (e) => retries.push(e.attempt) }).fetch(`${server.origin}/down`));
    expect(error).toMatchObject({ code: 'http-status', status: 503, attempts: 5, url: `${server.origin}/down` });
    expect(error.message).toBe(`GET ${server.origin}/down answered 503 after 5 attempts; the run fails and earlier data stays served`);
    expect(retries).toEqual([1, 2, 3, 4]);
    expect(server.hits('/down')).toBe(5);
  });

  it('waits at least Retry-After seconds after a 429 (server-side timestamps)', async () => {
    const result = await makeFetcher().fetch(`${server.origin}/busy`);
    expect(result).toMatchObject({ status: 'fetched', attempts: 2 });
    const [gap] = gapsBetween(server.startsOf('/busy'));
    expect(gap).toBeGreaterThanOrEqual(1000);
  });

  it('times out an attempt that never answers, retries, then fails with code timeout', async () => {
    const error = await catchFetchError(makeFetcher({ attemptTimeoutMs: 150, retries: 1 }).fetch(`${server.origin}/hang`));
    expect(error).toMatchObject({ code: 'timeout', attempts: 2 });
    expect(error.message).toContain('no answer within 150 ms');
    expect(server.hits('/hang')).toBe(2);
  });

  it('stops at the overall deadline with code timeout', async () => {
    const error = await catchFetchError(makeFetcher({ deadlineMs: 200 }).fetch(`${server.origin}/hang`));
    expect(error.code).toBe('timeout');
    expect(error.message).toContain('overall deadline');
  });

  it('retries a body cut short of its Content-Length as a network error', async () => {
    const result = await makeFetcher().fetch(`${server.origin}/truncated`);
    expect(result).toMatchObject({ status: 'fetched', attempts: 2, bytes: 100 });
    expect(server.hits('/truncated')).toBe(2);
  });

  it('rejects with the caller reason when the caller aborts', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('run cancelled')), 50);
    await expect(makeFetcher().fetch(`${server.origin}/hang`, { signal: controller.signal })).rejects.toThrow('run cancelled');
  });
});

describe('bodies', () => {
  it('cuts off a body over maxBytes, streamed or declared, without retrying', async () => {
    const fetcher = makeFetcher({ maxBytes: 1000 });
    for (const path of ['/big-chunked', '/big-declared']) {
      const error = await catchFetchError(fetcher.fetch(`${server.origin}${path}`));
      expect(error).toMatchObject({ code: 'too-large', attempts: 1 });
      expect(error.message).toContain('exceeds the 1000 bytes limit (maxBytes)');
      expect(server.hits(path)).toBe(1);
    }
  });

  it('decodes gzip bodies and hashes the decoded bytes', async () => {
    const result = await makeFetcher().fetch(`${server.origin}/gzip`);
    expect(result).toMatchObject({ status: 'fetched', hash: sha256('unzipped text') });
  });
});

describe('conditional GET and content hash', () => {
  it('round-trips an ETag: the second fetch is unchanged (not-modified)', async () => {
    const fetcher = makeFetcher();
    const first = await fetcher.fetch(`${server.origin}/etag`);
    expect(first).toMatchObject({ status: 'fetched', etag: '"v1"', lastModified: 'Wed, 21 Oct 2015 07:28:00 GMT' });
    const second = await fetcher.fetch(`${server.origin}/etag`, { etag: first.status === 'fetched' ? first.etag : null });
    expect(second).toMatchObject({ status: 'unchanged', reason: 'not-modified', etag: '"v1"', attempts: 1 });
    expect(server.requests.filter((r) => r.path === '/etag').map((r) => r.headers['if-none-match'])).toEqual([undefined, '"v1"']);
  });

  it('sends If-Modified-Since from lastModified', async () => {
    const result = await makeFetcher().fetch(`${server.origin}/dated`, { lastModified: 'Wed, 21 Oct 2015 07:28:00 GMT' });
    expect(result).toMatchObject({ status: 'unchanged', reason: 'not-modified', lastModified: 'Wed, 21 Oct 2015 07:28:00 GMT' });
  });

  it('ends unchanged (same-hash) when the body hashes to previousHash', async () => {
    const fetcher = makeFetcher();
    const first = await fetcher.fetch(`${server.origin}/stable`);
    expect(first.status).toBe('fetched');
    const second = await fetcher.fetch(`${server.origin}/stable`, { previousHash: sha256('same bytes every time') });
    expect(second).toMatchObject({ status: 'unchanged', reason: 'same-hash', hash: sha256('same bytes every time') });
  });
});
