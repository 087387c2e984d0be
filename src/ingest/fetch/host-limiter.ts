import { sleepUntil } from './sleep.js';

/** Per-host politeness: a cap on requests in flight and a minimum gap between request starts. */
export interface HostLimiter {
  /**
   * Waits for a free slot on `host` and for its start time, then returns the release function
   * (idempotent). Hold the slot until the body has been read: a slot is a connection in use.
   */
  acquire(host: string, signal?: AbortSignal): Promise<() => void>;
  /** Raises `host`'s minimum gap between starts to `delayMs` (never lowers it); for Crawl-delay. */
  raiseMinDelay(host: string, delayMs: number): void;
}

export interface HostLimiterOptions {
  /** Requests in flight per host. */
  concurrency: number;
  /** Minimum ms between two request starts on one host. */
  minDelayMs: number;
}

interface HostState {
  active: number;
  waiters: Array<() => void>;
  lastStartAt: number;
  minDelayMs: number;
}

/** Creates a limiter keyed by host ("name:port"); hosts never seen cost nothing. */
export function createHostLimiter(options: HostLimiterOptions): HostLimiter {
  const hosts = new Map<string, HostState>();
  const stateOf = (host: string): HostState => {
    let state = hosts.get(host);
    if (!state) hosts.set(host, (state = { active: 0, waiters: [], lastStartAt: -Infinity, minDelayMs: options.minDelayMs }));
    return state;
  };
  const release = (state: HostState) => {
    state.active -= 1;
    state.waiters.shift()?.();
  };

  return {
    async acquire(host, signal) {
      const state = stateOf(host);
      while (state.active >= options.concurrency) await waitForTurn(state, signal);
      state.active += 1;
      // Reserve the start time now, synchronously, so concurrent acquirers queue behind it.
      const startAt = Math.max(Date.now(), state.lastStartAt + state.minDelayMs);
      state.lastStartAt = startAt;
      try {
        await sleepUntil(startAt, signal);
      } catch (error) {
        release(state);
        throw error;
      }
      let released = false;
      return () => {
        if (released) return;
        released = true;
        release(state);
      };
    },
    raiseMinDelay(host, delayMs) {
      const state = stateOf(host);
      state.minDelayMs = Math.max(state.minDelayMs, delayMs);
    },
  };
}

function waitForTurn(state: HostState, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const wake = () => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    };
    const onAbort = () => {
      state.waiters = state.waiters.filter((w) => w !== wake);
      reject(signal?.reason);
    };
    state.waiters.push(wake);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
