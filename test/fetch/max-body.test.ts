import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config.js';
import { resolveFetcherOptions } from '../../src/ingest/fetch/defaults.js';
import { fetcherFactory } from '../../src/ingest/wiring.js';
import { catchFetchError } from './fetchers.js';

// A worker runs with its heap capped at 384 MB: the body, its decoded text and the parsed rows
// must fit together, so the default limit is 64 MiB rather than 200 MiB.
describe('the fetcher body limit', () => {
  let server: Server;
  let url: string;
  beforeAll(async () => {
    server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/csv' }).end('x'.repeat(4096));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/big.csv`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it('defaults to 64 MiB, in the fetcher and in the configuration', () => {
    expect(resolveFetcherOptions({}).maxBytes).toBe(64 * 2 ** 20);
    expect(parseConfig({}).FETCH_MAX_BYTES).toBe(64 * 2 ** 20);
  });

  it('is set by FETCH_MAX_BYTES: a larger body fails with too-large, a smaller one is read', async () => {
    const env = { ALLOW_PRIVATE_NETWORKS: 'true', FETCH_HOST_DELAY_MS: '0', FETCH_RETRIES: '0' };
    const small = fetcherFactory(parseConfig({ ...env, FETCH_MAX_BYTES: '2048' }))();
    try {
      const error = await catchFetchError(small.fetch(url, {}));
      expect(error).toMatchObject({ code: 'too-large' });
      expect(error.message).toContain('exceeds the 2 KiB limit');
    } finally {
      small.close();
    }
    const roomy = fetcherFactory(parseConfig({ ...env, FETCH_MAX_BYTES: '8192' }))();
    try {
      expect(await roomy.fetch(url, {})).toMatchObject({ status: 'fetched', bytes: 4096 });
    } finally {
      roomy.close();
    }
    expect(() => parseConfig({ FETCH_MAX_BYTES: 'lots' })).toThrowError(/FETCH_MAX_BYTES/);
  });
});
