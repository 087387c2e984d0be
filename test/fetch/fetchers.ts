import { expect } from 'vitest';
import { createFetcher, FetchError, type Fetcher, type FetcherOptions } from '../../src/ingest/fetch/index.js';

/**
 * Fetchers for a test file, closed together after each test: `make` one with loopback allowed
 * and tiny delays (so a file stays within seconds) on top of `defaults`, or `track` one built
 * by hand.
 */
export function fetcherPool(defaults: FetcherOptions = {}) {
  const open: Fetcher[] = [];
  const track = (fetcher: Fetcher): Fetcher => {
    open.push(fetcher);
    return fetcher;
  };
  return {
    make: (options: FetcherOptions = {}) =>
      track(createFetcher({ allowHosts: ['127.0.0.1'], perHostMinDelayMs: 0, backoffBaseMs: 10, backoffCapMs: 40, ...defaults, ...options })),
    track,
    closeAll: () => {
      for (const f of open.splice(0)) f.close();
    },
  };
}

/** The FetchError a fetch rejects with (failing the test when it resolves or throws anything else). */
export async function catchFetchError(promise: Promise<unknown>): Promise<FetchError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(FetchError);
  return error as FetchError;
}
