import { describe, expect, it } from 'vitest';
import { createHostLimiter } from '../../src/ingest/fetch/host-limiter.js';
import { createPinnedLookup } from '../../src/ingest/fetch/url-policy.js';

describe('createHostLimiter', () => {
  it('caps slots per host and keeps hosts independent', async () => {
    const limiter = createHostLimiter({ concurrency: 1, minDelayMs: 0 });
    const releaseA = await limiter.acquire('a:80');
    const releaseB = await limiter.acquire('b:80');
    let second = false;
    const pending = limiter.acquire('a:80').then((release) => {
      second = true;
      return release;
    });
    await new Promise((r) => setTimeout(r, 20));
    expect(second).toBe(false);
    releaseA();
    releaseA(); // idempotent: a double release must not open a second slot
    (await pending)();
    releaseB();
    expect(second).toBe(true);
  });

  it('raises but never lowers the gap between starts (Crawl-delay)', async () => {
    const limiter = createHostLimiter({ concurrency: 5, minDelayMs: 0 });
    limiter.raiseMinDelay('h', 60);
    limiter.raiseMinDelay('h', 10);
    const t0 = Date.now();
    (await limiter.acquire('h'))();
    (await limiter.acquire('h'))();
    expect(Date.now() - t0).toBeGreaterThanOrEqual(60);
  });

  it('gives up a queued wait when the signal aborts, freeing nothing it did not hold', async () => {
    const limiter = createHostLimiter({ concurrency: 1, minDelayMs: 0 });
    const release = await limiter.acquire('h');
    const controller = new AbortController();
    const waiting = limiter.acquire('h', controller.signal);
    controller.abort(new Error('cancelled'));
    await expect(waiting).rejects.toThrow('cancelled');
    release();
    (await limiter.acquire('h'))();
  });
});

describe('createPinnedLookup', () => {
  const lookup = createPinnedLookup([
    { address: '93.184.215.14', family: 4 },
    { address: '2606:2800:21f:cb07:6820:80da:af6b:8b2c', family: 6 },
  ]);
  it('answers only with the checked addresses, in both callback shapes', () => {
    lookup('example.org', { all: true }, (error, addresses) => {
      expect(error).toBeNull();
      expect(addresses).toHaveLength(2);
    });
    lookup('example.org', { family: 6 }, (error, address, family) => {
      expect([error, address, family]).toEqual([null, '2606:2800:21f:cb07:6820:80da:af6b:8b2c', 6]);
    });
  });
});
