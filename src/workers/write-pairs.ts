import type { Sql } from '../db/client.js';
import { writePairs, type PairChunk, type SideSeqs } from '../db/queries/pairs.js';

/** Write transactions in flight at once: Postgres then uses both cores while Node computes. */
const IN_FLIGHT = 2;

/**
 * Writes chunks of pairs, each in its own transaction, while the caller computes the next ones.
 */
export async function writePairChunks(
  sql: Sql,
  chunks: AsyncIterator<PairChunk> | Iterator<PairChunk>,
  sides: SideSeqs,
  opts: { signal?: AbortSignal; onChunk?: (pairs: number) => Promise<void> } = {},
): Promise<{ written: number; aborted: boolean }> {
  let written = 0;
  const inFlight = new Set<Promise<void>>();
  let failure: unknown;
  for (;;) {
    const next = await chunks.next();
    while (inFlight.size >= IN_FLIGHT) await Promise.race(inFlight);
    if (failure) throw failure;
    if (next.done) break;
    if (opts.signal?.aborted) {
      await Promise.allSettled(inFlight);
      return { written, aborted: true };
    }
    const chunk = next.value;
    const p: Promise<void> = writePairs(sql, chunk, sides)
      .then(async (n) => {
        written += n;
        await opts.onChunk?.(chunk.lines.length);
      })
      .catch((err) => {
        failure ??= err;
      })
      .finally(() => {
        inFlight.delete(p);
      });
    inFlight.add(p);
  }
  await Promise.all(inFlight);
  if (failure) throw failure;
  return { written, aborted: false };
}
