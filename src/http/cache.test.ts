import { describe, expect, it } from 'vitest';
import { ResponseCache, type CachedEntry } from './cache.js';

const entry = (bytes: number): CachedEntry => ({ body: new Uint8Array(bytes), etag: `"${bytes}"` });

describe('ResponseCache', () => {
  it('keeps the newest entries within its byte budget, dropping the oldest first', async () => {
    const cache = new ResponseCache(1_000, 10_000);
    for (let i = 0; i < 5; i++) await cache.get(`k${i}`, async () => entry(3_000));
    expect(cache.size).toBe(3);
    expect(cache.byteSize).toBe(9_000);
    let loads = 0;
    await cache.get('k4', async () => {
      loads++;
      return entry(1);
    });
    await cache.get('k0', async () => {
      loads++;
      return entry(1);
    });
    expect(loads).toBe(1);
  });

  it('evicts the least recently used entry, not the oldest: a hot comparison stays cached', async () => {
    const cache = new ResponseCache(1_000, 10_000);
    for (const k of ['hot', 'b', 'c']) await cache.get(k, async () => entry(3_000));
    await cache.get('hot', async () => entry(3_000)); // a hit: now the most recently used
    await cache.get('d', async () => entry(3_000));
    let loads = 0;
    await cache.get('hot', async () => {
      loads++;
      return entry(3_000);
    });
    expect(loads).toBe(0);
    await cache.get('b', async () => {
      loads++;
      return entry(3_000);
    });
    expect(loads).toBe(1);
  });

  it('does not keep a body larger than the whole budget', async () => {
    const cache = new ResponseCache(10, 100);
    await cache.get('big', async () => entry(101));
    expect(cache.size).toBe(0);
    expect(cache.byteSize).toBe(0);
  });

  it('keeps at most maxEntries and shares one load among concurrent misses', async () => {
    const cache = new ResponseCache(2, 1 << 20);
    let loads = 0;
    const load = async () => {
      loads++;
      await new Promise((r) => setTimeout(r, 5));
      return entry(10);
    };
    await Promise.all([cache.get('a', load), cache.get('a', load), cache.get('a', load)]);
    expect(loads).toBe(1);
    await cache.get('b', load);
    await cache.get('c', load);
    expect(cache.size).toBe(2);
    expect(cache.byteSize).toBe(20);
  });

  it('keeps a text body as its UTF-8 bytes, counted as bytes', async () => {
    const cache = new ResponseCache();
    const got = await cache.get('k', async () => ({ body: '{"t":"é"}', etag: '"x"' }));
    expect(Buffer.from(got.body).toString('utf8')).toBe('{"t":"é"}');
    expect(cache.byteSize).toBe(10);
  });

  it('does not keep a load that started before an invalidation', async () => {
    const cache = new ResponseCache();
    let release!: () => void;
    const pending = cache.get(
      'k',
      () =>
        new Promise<CachedEntry>((r) => {
          release = () => r(entry(5));
        }),
    );
    cache.invalidate();
    release();
    await pending;
    expect(cache.size).toBe(0);
    expect(cache.byteSize).toBe(0);
  });
});
