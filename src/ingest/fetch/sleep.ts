/**
 * Resolves once the wall clock reaches `targetMs` (epoch ms); rejects with the signal's reason
 * when aborted. Re-checks the clock after each timer because a timer may fire a millisecond
 * early against Date.now(), and a promised politeness delay must never be shortened.
 */
export async function sleepUntil(targetMs: number, signal?: AbortSignal): Promise<void> {
  for (let remaining = targetMs - Date.now(); remaining > 0; remaining = targetMs - Date.now()) {
    await sleepFor(remaining, signal);
  }
  signal?.throwIfAborted();
}

/** Waits `ms` milliseconds; rejects with the signal's reason when aborted. */
export function sleepFor(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Waits for `promise`, but gives up with the signal's reason when the signal aborts first. */
export function raceWithSignal<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
