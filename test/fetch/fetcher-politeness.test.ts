import { mkdtemp, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { createFetcher } from '../../src/ingest/fetch/index.js';
import { startTestServer, type Handler, type TestServer } from './test-server.js';
import { catchFetchError, fetcherPool } from './fetchers.js';

const text =
  (body: string, status = 200): Handler =>
  (_req, res) =>
    res.writeHead(status, { 'content-type': 'text/plain' }).end(body);
const servers: TestServer[] = [];
/** Node timers may fire a millisecond or two before Date.now() reaches their time. */
const timerSlackMs = 5;
const fetchers = fetcherPool();
const makeFetcher = fetchers.make;
async function serve(routes: Record<string, Handler>): Promise<TestServer> {
  const server = await startTestServer(routes);
  servers.push(server);
  return server;
}
afterEach(async () => {
  fetchers.closeAll();
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

describe('robots.txt', () => {
  const robots = 'User-agent: *\nDisallow: /\n\nUser-agent: CareerLens\nDisallow: /private\nCrawl-delay: 0.3\n';

  it('records a disallowed page, fetches robots.txt once, and honors Crawl-delay', async () => {
    const server = await serve({ '/robots.txt': text(robots), '/private/page': text('secret'), '/public/a': text('a'), '/public/b': text('b') });
    const fetcher = makeFetcher();
    const before = Date.now();
    const denied = await fetcher.fetch(`${server.origin}/private/page`, { robots: true });
    expect(denied).toEqual({
      status: 'disallowed',
      url: `${server.origin}/private/page`,
      rule: 'Disallow: /private (robots.txt line 5)',
      reason: `${server.origin}/robots.txt disallows /private/page for user-agent careerlens; the page is skipped`,
    });
    const [a, b] = await Promise.all(['/public/a', '/public/b'].map((p) => fetcher.fetch(`${server.origin}${p}`, { robots: true })));
    expect([a?.status, b?.status]).toEqual(['fetched', 'fetched']);
    expect(server.hits('/robots.txt')).toBe(1);
    expect(server.hits('/private/page')).toBe(0);
    // robots.txt starts no earlier than `before`, and each later start waits its Crawl-delay after
    // the one before. Load can only delay arrivals, so these cumulative lower bounds hold however
    // busy the machine is.
    const pageArrivals = server.requests.filter((r) => r.path.startsWith('/public/')).map((r) => r.at);
    expect(pageArrivals).toHaveLength(2);
    pageArrivals.forEach((at, i) => {
      expect(at - before).toBeGreaterThanOrEqual(300 * (i + 1) - timerSlackMs);
    });
  });

  it('shares one robots.txt fetch among concurrent first requests', async () => {
    const server = await serve({ '/robots.txt': text('User-agent: *\nDisallow: /x'), '/p1': text('1'), '/p2': text('2') });
    const fetcher = makeFetcher();
    const results = await Promise.all(['/p1', '/p2'].map((p) => fetcher.fetch(`${server.origin}${p}`, { robots: true })));
    expect(results.map((r) => r.status)).toEqual(['fetched', 'fetched']);
    expect(server.hits('/robots.txt')).toBe(1);
  });

  it('is not consulted for data files (robots: false)', async () => {
    const server = await serve({ '/robots.txt': text(robots), '/private/data.csv': text('a,b') });
    expect((await makeFetcher().fetch(`${server.origin}/private/data.csv`)).status).toBe('fetched');
    expect(server.hits('/robots.txt')).toBe(0);
  });

  it('allows everything when robots.txt is 404', async () => {
    const server = await serve({ '/page': text('page') });
    expect((await makeFetcher().fetch(`${server.origin}/page`, { robots: true })).status).toBe('fetched');
    expect(server.hits('/robots.txt')).toBe(1);
  });

  it('disallows the whole origin when robots.txt answers 5xx, with a clear reason', async () => {
    const server = await serve({ '/robots.txt': text('oops', 503), '/page': text('page') });
    const result = await makeFetcher({ retries: 1 }).fetch(`${server.origin}/page`, { robots: true });
    expect(result).toMatchObject({ status: 'disallowed', rule: 'robots.txt unreachable: disallow all' });
    expect(result.status === 'disallowed' && result.reason).toContain('could not be read (answered 503 after 2 attempts)');
    expect(server.hits('/page')).toBe(0);
  });
});

describe('URL policy', () => {
  it('refuses loopback before connecting unless private networks are allowed', async () => {
    const server = await serve({ '/data': text('data') });
    const error = await catchFetchError(createFetcher().fetch(`${server.origin}/data`));
    expect(error).toMatchObject({ code: 'blocked-url', attempts: 0 });
    expect(error.message).toContain('resolves to 127.0.0.1 (loopback)');
    expect(server.hits('/data')).toBe(0);
    expect((await makeFetcher().fetch(`${server.origin}/data`)).status).toBe('fetched');
  });

  it('refuses a host name when any of its addresses is private or metadata', async () => {
    const resolveHost = async (name: string) => (name === 'mixed.example' ? ['93.184.215.14', '10.0.0.8'] : ['169.254.169.254']);
    const fetcher = createFetcher({ resolveHost });
    fetchers.track(fetcher);
    expect(await catchFetchError(fetcher.fetch('http://mixed.example/x'))).toMatchObject({ code: 'blocked-url' });
    const metadata = await catchFetchError(fetcher.fetch('http://instance-data.example/latest/meta-data/'));
    expect(metadata.message).toContain('169.254.169.254 (metadata)');
  });

  it('never reaches metadata, link-local or reserved addresses, even for listed hosts or with allowPrivateNetworks', async () => {
    const answers: Record<string, string> = {
      'meta.example': '169.254.169.254',
      'll.example': 'fe80::1',
      'ali.example': '100.100.100.200',
      'aws6.example': 'fd00:ec2::254',
      'siit.example': '::ffff:0:a9fe:a9fe',
      'nat64.example': '64:ff9b:1::a9fe:a9fe',
      'zero.example': '0.0.0.0',
    };
    const resolveHost = async (name: string) => [answers[name]!];
    for (const options of [{ allowPrivateNetworks: true }, { allowHosts: Object.keys(answers) }]) {
      const fetcher = fetchers.track(createFetcher({ resolveHost, ...options }));
      for (const host of Object.keys(answers)) {
        const error = await catchFetchError(fetcher.fetch(`http://${host}/latest/meta-data/`));
        expect(error, host).toMatchObject({ code: 'blocked-url', attempts: 0 });
        expect(error.message).toContain('which no source may reach');
      }
    }
  });

  it('lets a listed private host through by name (any port) or host:port, and no other', async () => {
    const server = await serve({ '/data': text('data') });
    expect((await fetchers.track(createFetcher({ allowHosts: ['127.0.0.1'] })).fetch(`${server.origin}/data`)).status).toBe('fetched');
    expect((await fetchers.track(createFetcher({ allowHosts: [server.host] })).fetch(`${server.origin}/data`)).status).toBe('fetched');
    const other = await catchFetchError(fetchers.track(createFetcher({ allowHosts: ['127.0.0.1:1'] })).fetch(`${server.origin}/data`));
    expect(other.message).toContain('allowPrivateHosts');
  });

  it('re-checks every redirect hop: an allowed mirror cannot redirect into another private host', async () => {
    const inner = await serve({ '/secret': text('secret') });
    const mirror = await serve({ '/go': (_req, res) => res.writeHead(302, { location: `${inner.origin}/secret` }).end() });
    const fetcher = createFetcher({ allowHosts: [mirror.host] });
    fetchers.track(fetcher);
    const error = await catchFetchError(fetcher.fetch(`${mirror.origin}/go`));
    expect(error).toMatchObject({ code: 'blocked-url', attempts: 1 });
    expect(inner.hits('/secret')).toBe(0);
  });

  it('refuses ftp: and other schemes, and redirects to file:', async () => {
    const server = await serve({ '/to-file': (_req, res) => res.writeHead(302, { location: 'file:///etc/passwd' }).end() });
    const fetcher = makeFetcher();
    expect(await catchFetchError(fetcher.fetch('ftp://ftp.example.org/data.zip'))).toMatchObject({ code: 'bad-scheme', attempts: 0 });
    expect(await catchFetchError(fetcher.fetch('not a url'))).toMatchObject({ code: 'bad-scheme' });
    const error = await catchFetchError(fetcher.fetch(`${server.origin}/to-file`));
    expect(error.code).toBe('bad-scheme');
    expect(error.message).toContain('scheme file: is not allowed here (only http: and https:)');
  });

  it('stops after 5 redirects', async () => {
    const server = await serve({ '/loop': (_req, res) => res.writeHead(302, { location: '/loop' }).end() });
    const error = await catchFetchError(makeFetcher().fetch(`${server.origin}/loop`));
    expect(error).toMatchObject({ code: 'too-many-redirects', attempts: 6 });
    expect(server.hits('/loop')).toBe(6);
  });

  it('reads file: URLs only under fileRoots (hash-unchanged on the second read) and refuses them by default', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'careerlens-fetch-'));
    await writeFile(join(dir, 'occupations.txt'), 'O*NET-SOC Code\tTitle\n');
    const url = pathToFileURL(join(dir, 'occupations.txt'));
    const first = await makeFetcher({ fileRoots: [dir] }).fetch(url);
    expect(first).toMatchObject({ status: 'fetched', bytes: 21, attempts: 1, etag: null });
    const again = await makeFetcher({ fileRoots: [dir] }).fetch(url, { previousHash: first.status === 'fetched' ? first.hash : null });
    expect(again).toMatchObject({ status: 'unchanged', reason: 'same-hash' });
    expect(await catchFetchError(makeFetcher().fetch(url))).toMatchObject({ code: 'bad-scheme' });
    expect(await catchFetchError(makeFetcher({ fileRoots: [dir] }).fetch(pathToFileURL(join(dir, 'missing.txt'))))).toMatchObject({ code: 'network' });
  });

  it('refuses files outside fileRoots, through .. and through symbolic links alike', async () => {
    const root = await mkdtemp(join(tmpdir(), 'careerlens-root-'));
    const outside = await mkdtemp(join(tmpdir(), 'careerlens-outside-'));
    await writeFile(join(outside, 'secret.txt'), 'private-content');
    await symlink(join(outside, 'secret.txt'), join(root, 'link.txt'));
    const fetcher = makeFetcher({ fileRoots: [root] });
    for (const url of [
      pathToFileURL(join(outside, 'secret.txt')),
      new URL(`${pathToFileURL(root).href}/../${basename(outside)}/secret.txt`),
      pathToFileURL(join(root, 'link.txt')),
      new URL('file:///etc/passwd'),
    ]) {
      const error = await catchFetchError(fetcher.fetch(url));
      expect(error.code, url.href).toBe('blocked-url');
      expect(error.message).not.toContain('private-content');
    }
  });
});

describe('per-host politeness', () => {
  it('never has more than perHostConcurrency requests in flight on one host', async () => {
    const server = await serve({ '/slow': (_req, res) => setTimeout(() => res.writeHead(200).end('slow'), 80) });
    const fetcher = makeFetcher({ perHostConcurrency: 2 });
    const results = await Promise.all(Array.from({ length: 6 }, () => fetcher.fetch(`${server.origin}/slow`)));
    expect(results.every((r) => r.status === 'fetched')).toBe(true);
    expect(server.hits('/slow')).toBe(6);
    expect(server.maxInFlight()).toBe(2);
  });

  it('spaces request starts on one host by perHostMinDelayMs (server-side timestamps)', async () => {
    const server = await serve({ '/page': text('page') });
    const fetcher = makeFetcher({ perHostMinDelayMs: 150 });
    const before = Date.now();
    await Promise.all(Array.from({ length: 3 }, () => fetcher.fetch(`${server.origin}/page`)));
    // The k-th start waits k gaps after the first; load can only delay arrivals, so the
    // cumulative lower bound holds however busy the machine is.
    const starts = server.startsOf('/page');
    expect(starts).toHaveLength(3);
    starts.forEach((at, k) => {
      expect(at - before).toBeGreaterThanOrEqual(150 * k - timerSlackMs);
    });
  });
});
