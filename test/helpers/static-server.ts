import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { AddressInfo } from 'node:net';

/** The real public data beside the checkout (never copied into the repository). */
export const sharedDataDir = path.resolve(process.cwd(), '../shared/data');
export const fixturesDir = path.resolve(process.cwd(), 'test/fixtures');

/** Lets a test take over a path: answer it itself (return true) or fall through to the files. */
export type Override = (req: IncomingMessage, res: ServerResponse) => boolean | Promise<boolean>;

export interface StaticServer {
  url: string;
  /** Every request seen, in order. */
  requests: { method: string; path: string; at: number; headers: IncomingMessage['headers'] }[];
  override(fn: Override | null): void;
  close(): Promise<void>;
}

/**
 * Serves `/data/...` from ../shared/data and `/fixtures/...` from test/fixtures over real HTTP on
 * 127.0.0.1 (on `port`, else any free one), with ETag and Last-Modified validators and 304 answers, as a publisher would.
 */
export async function startStaticServer(opts: { port?: number } = {}): Promise<StaticServer> {
  const requests: StaticServer['requests'] = [];
  let override: Override | null = null;
  const server = createServer(async (req, res) => {
    const pathOf = () => {
      const raw = new URL(req.url ?? '/', 'http://x').pathname;
      try {
        return decodeURIComponent(raw);
      } catch {
        return raw;
      } // a malformed escape is served (or not) as written
    };
    requests.push({ method: req.method ?? 'GET', path: pathOf(), at: Date.now(), headers: req.headers });
    try {
      // An override may answer itself, or rewrite req.url and fall through to the files.
      if (override && (await override(req, res))) return;
      const urlPath = pathOf();
      const [, top, ...rest] = urlPath.split('/');
      const root = top === 'data' ? sharedDataDir : top === 'fixtures' ? fixturesDir : null;
      const file = root ? path.resolve(root, rest.join('/')) : null;
      if (!root || !file?.startsWith(root) || !(await stat(file).catch(() => null))?.isFile()) {
        res.writeHead(404).end('not found');
        return;
      }
      const body = await readFile(file);
      const etag = `"${createHash('sha1').update(body).digest('hex')}"`;
      const lastModified = (await stat(file)).mtime.toUTCString();
      if (req.headers['if-none-match'] === etag) {
        res.writeHead(304, { etag }).end();
        return;
      }
      res.writeHead(200, { 'content-length': body.length, etag, 'last-modified': lastModified, 'content-type': contentType(file) });
      res.end(body);
    } catch (err) {
      res.writeHead(500).end(String(err));
    }
  });
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    override: (fn) => {
      override = fn;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function contentType(file: string): string {
  if (file.endsWith('.html')) return 'text/html; charset=utf-8';
  if (file.endsWith('.json')) return 'application/json';
  if (file.endsWith('.csv')) return 'text/csv; charset=utf-8';
  return 'text/plain; charset=utf-8';
}
