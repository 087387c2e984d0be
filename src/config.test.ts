import { describe, expect, it } from 'vitest';
import { parseConfig } from './config.js';

describe('security settings', () => {
  it('TRUST_PROXY: off by default, true is one hop, a hop count, or proxy addresses; anything else stops start-up', () => {
    expect(parseConfig({}).TRUST_PROXY).toEqual({ hops: 0 });
    expect(parseConfig({ TRUST_PROXY: 'true' }).TRUST_PROXY).toEqual({ hops: 1 });
    expect(parseConfig({ TRUST_PROXY: '2' }).TRUST_PROXY).toEqual({ hops: 2 });
    expect(parseConfig({ TRUST_PROXY: '10.0.0.1, fd00::1' }).TRUST_PROXY).toEqual({ addresses: ['10.0.0.1', 'fd00::1'] });
    expect(() => parseConfig({ TRUST_PROXY: 'loadbalancer' })).toThrowError(
      /^TRUST_PROXY="loadbalancer" is invalid: expected true, false, a number of proxy hops/,
    );
  });

  it('private source hosts and file directories are lists, empty by default', () => {
    expect(parseConfig({}).PRIVATE_SOURCE_HOSTS).toEqual([]);
    expect(parseConfig({}).FILE_SOURCES_DIR).toEqual([]);
    expect(parseConfig({ PRIVATE_SOURCE_HOSTS: '127.0.0.1:8080, mirror.internal' }).PRIVATE_SOURCE_HOSTS).toEqual(['127.0.0.1:8080', 'mirror.internal']);
  });

  it('rate limits and retention come from the environment', () => {
    const c = parseConfig({ RATE_LIMIT_ANONYMOUS: '30', RATE_LIMIT_KEYED: '600', RETENTION_RUNS_DAYS: '0' });
    expect([c.RATE_LIMIT_ANONYMOUS, c.RATE_LIMIT_KEYED, c.RATE_LIMIT_PAGES, c.RATE_LIMIT_AUTH_FAILURES, c.RETENTION_RUNS_DAYS]).toEqual([
      30,
      600,
      undefined,
      30,
      0,
    ]);
    expect(() => parseConfig({ RATE_LIMIT_KEYED: '0' })).toThrowError(/^RATE_LIMIT_KEYED="0" is invalid/);
  });
});
