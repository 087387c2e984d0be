import http, { type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as the server saw it, stamped on arrival (Date.now(), ms). */
export interface RecordedRequest {
  path: string;
  at: number;
  headers: IncomingHttpHeaders;
}

/** `hit` counts requests to this path so far, 1-based, so a handler can misbehave on the first ones. */
export type Handler = (req: IncomingMessage, res: ServerResponse, hit: number) => void;

export interface TestServer {
  origin: string;
  host: string;
  requests: RecordedRequest[];
  hits(path: string): number;
  /** Start times (ms) of requests to `path`, in arrival order. */
  startsOf(path: string): number[];
  /** The most requests this server ever had in flight at once. */
  maxInFlight(): number;
  close(): Promise<void>;
}

/** Starts a real HTTP server on 127.0.0.1 with an ephemeral port; unknown paths answer 404. */
export async function startTestServer(routes: Record<string, Handler>): Promise<TestServer> {
  const requests: RecordedRequest[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const server = http.createServer((req, res) => {
    const path = req.url ?? '/';
    requests.push({ path, at: Date.now(), headers: req.headers });
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    res.once('close', () => (inFlight -= 1));
    const handler = routes[path];
    if (!handler) return void res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    handler(req, res, requests.filter((r) => r.path === path).length);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    host: `127.0.0.1:${port}`,
    requests,
    hits: (path) => requests.filter((r) => r.path === path).length,
    startsOf: (path) => requests.filter((r) => r.path === path).map((r) => r.at),
    maxInFlight: () => maxInFlight,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Gaps between consecutive timestamps, in ms. */
export function gapsBetween(times: number[]): number[] {
  return times.slice(1).map((t, i) => t - (times[i] ?? t));
}
