import { describe, expect, it } from 'vitest';
import { computeBackoffDelay, computeRetryDelay, parseRetryAfter } from '../../src/ingest/fetch/backoff.js';

const policy = { baseMs: 500, capMs: 30_000 };

describe('computeBackoffDelay', () => {
  it('doubles the ceiling per failure and applies full jitter below it', () => {
    expect([1, 2, 3, 4].map((n) => computeBackoffDelay(n, policy, () => 0.999999))).toEqual([499, 999, 1999, 3999]);
    expect(computeBackoffDelay(3, policy, () => 0.5)).toBe(1000);
    expect(computeBackoffDelay(3, policy, () => 0)).toBe(0);
  });
  it('never exceeds the cap, however many failures', () => {
    expect(computeBackoffDelay(20, policy, () => 0.999999)).toBe(29_999);
    expect(computeBackoffDelay(200, policy, () => 0.999999)).toBe(29_999);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('Wed, 21 Oct 2015 07:28:00 GMT');
  it('reads delta-seconds', () => {
    expect(parseRetryAfter('1', now)).toBe(1000);
    expect(parseRetryAfter(' 120 ', now)).toBe(120_000);
    expect(parseRetryAfter('0', now)).toBe(0);
  });
  it('reads an HTTP-date relative to now, past dates meaning now', () => {
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:00:00 GMT', now)).toBe(0);
  });
  it('returns null for absent or malformed values', () => {
    for (const bad of [undefined, null, '', '-1', '1.5', 'soon', 'Someday 99']) expect(parseRetryAfter(bad, now), String(bad)).toBeNull();
  });
});

describe('computeRetryDelay', () => {
  const withCap = { ...policy, retryAfterCapMs: 60_000 };
  it('prefers the server Retry-After, capped', () => {
    expect(computeRetryDelay(1, 1000, withCap, () => 0)).toBe(1000);
    expect(computeRetryDelay(1, 3_600_000, withCap, () => 0)).toBe(60_000);
  });
  it('falls back to jittered backoff', () => {
    expect(computeRetryDelay(2, undefined, withCap, () => 0.5)).toBe(500);
  });
});
