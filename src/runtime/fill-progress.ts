import type { Db } from '../db/client.js';
import { loadFillStatus, type FillStatus } from '../db/queries/fill.js';

const n = (v: number) => v.toLocaleString('en-US');

/** One console line for a fill: `filling from the bundled snapshot: careers 1,016 · metrics 1,016 · pairs 312,000 / 515,620`. */
export function fillLine(f: FillStatus): string {
  const from = f.activeSnapshotRuns > 0 || f.snapshotSources > 0 ? 'filling from the bundled snapshot' : 'filling from the sources';
  const runs = f.activeRuns > 0 ? `sources ${f.activeRuns} running · ` : '';
  return `${from}: ${runs}careers ${n(f.careers)} · metrics ${n(f.metrics)} · pairs ${n(f.pairs)} / ${n(f.pairsExpected)}`;
}

/**
 * Prints a progress line each time a fill moves on (every `everyMs` at most), and a last line when
 * it is done; a start with nothing to fill prints nothing. Returns the stop function.
 */
export function startFillProgress(db: Db, write: (line: string) => void, everyMs = 3_000): () => Promise<void> {
  let last = '';
  let filled = false;
  let stopped = false;
  let pending: Promise<void> = Promise.resolve();
  const tick = async () => {
    const f = await loadFillStatus(db);
    if (f.filling) {
      filled = true;
      const line = fillLine(f);
      if (line !== last) write(line);
      last = line;
    } else if (filled) {
      write(
        `ready: ${n(f.careers)} careers, ${n(f.pairs)} pairs compared${f.snapshotSources ? ` (${f.snapshotSources} sources from the bundled snapshot until their publishers are reached)` : ''}`,
      );
      filled = false;
      last = '';
    }
  };
  const timer = setInterval(() => {
    if (!stopped) pending = tick().catch(() => {});
  }, everyMs);
  timer.unref();
  return async () => {
    stopped = true;
    clearInterval(timer);
    await pending;
  };
}
