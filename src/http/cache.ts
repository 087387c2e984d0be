import { LRUCache } from 'lru-cache';
import type { Sql } from '../db/client.js';
import { listenForChanges, newestContentSeq } from '../db/queries/changes.js';
import type { Logger } from '../log.js';

/** A cached answer: the serialized body and its strong validator. */
export interface CachedEntry {
  /** UTF-8 bytes, so a hit writes them as they are. */
  body: Uint8Array<ArrayBuffer>;
  etag: string;
  /** Status and content type when not a plain 200 JSON answer. */
  status?: number;
  contentType?: string;
}

/** What a loader returns: a body as text or bytes. */
export type LoadedEntry = Omit<CachedEntry, 'body'> & { body: string | Uint8Array<ArrayBuffer> };

/**
 * The API's in-process cache of finished answers. Everything is dropped on any content change
 * (metrics or pairs): changes come in batches, and a cold read costs one primary-key lookup, so
 * a precise per-key invalidation would buy little. Bounded by `maxEntries` and by `maxBytes`
 * of bodies, least recently used out first (lru-cache): a comparison is ~8 KB, so the byte
 * bound is what holds an API process's memory under a stream of distinct pairs, while the
 * pairs clients keep asking for stay.
 */
export class ResponseCache {
  private readonly entries: LRUCache<string, CachedEntry>;
  private loading = new Map<string, Promise<CachedEntry>>();
  /** Bumped by every invalidation; a load started under an older generation is not kept. */
  generation = 0;
  hits = 0;
  misses = 0;

  constructor(maxEntries = 50_000, maxBytes = 128 * 1024 * 1024) {
    this.entries = new LRUCache({ max: maxEntries, maxSize: maxBytes, sizeCalculation: (e) => Math.max(1, e.body.length) });
  }

  /** The cached entry, or the one `load` produces (concurrent misses share one load). */
  async get(key: string, load: () => Promise<LoadedEntry>): Promise<CachedEntry> {
    const hit = this.entries.get(key);
    if (hit) {
      this.hits++;
      return hit;
    }
    this.misses++;
    const pending = this.loading.get(key);
    if (pending) return pending;
    const gen = this.generation;
    const p = load()
      .then((loaded) => {
        const entry = typeof loaded.body === 'string' ? { ...loaded, body: Buffer.from(loaded.body) } : (loaded as CachedEntry);
        if (gen === this.generation) this.entries.set(key, entry);
        return entry;
      })
      .finally(() => {
        if (this.loading.get(key) === p) this.loading.delete(key);
      });
    this.loading.set(key, p);
    return p;
  }

  /** The cached entry for `key` (a hit), or undefined without loading or counting a miss. */
  cached(key: string): CachedEntry | undefined {
    const hit = this.entries.get(key);
    if (hit) this.hits++;
    return hit;
  }

  invalidate(): void {
    this.generation++;
    this.entries.clear();
    this.loading.clear();
  }

  get size(): number {
    return this.entries.size;
  }

  /** Bytes of cached bodies. */
  get byteSize(): number {
    return this.entries.calculatedSize;
  }
}

export interface ChangeWatcher {
  /** The newest committed change seq seen (metrics or pairs). */
  readonly lastSeq: number;
  /** Whether LISTEN is currently connected. */
  readonly listening: boolean;
  /** Checks now (used by tests and after a NOTIFY). */
  check(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Calls `onChange` within about a second of any committed content change: on the workers'
 * NOTIFY at once, and by polling the newest committed `seq` every `pollMs` (which also catches
 * metric changes, which send no NOTIFY, and anything missed while LISTEN was reconnecting).
 * Reading max(seq) walks the seq indexes backwards: one cheap query per interval, not per request.
 */
export function watchChanges(sql: Sql, log: Logger, onChange: () => void, pollMs = 1_000): ChangeWatcher {
  let lastSeq = -1;
  let listening = false;
  let stopped = false;
  let unlisten: (() => Promise<void>) | undefined;
  let checking: Promise<void> | undefined;

  const check = (): Promise<void> => {
    if (checking) return checking;
    let run: Promise<void> | undefined;
    run = (async () => {
      try {
        const seq = Number((await newestContentSeq(sql)) ?? 0);
        if (seq !== lastSeq) {
          const first = lastSeq === -1;
          lastSeq = seq;
          if (!first) onChange();
        }
      } catch (err) {
        if (!stopped) log.warn({ err: (err as Error).message }, 'change poll failed; retrying');
      } finally {
        if (checking === run) checking = undefined;
      }
    })();
    checking = run;
    return run;
  };

  void listenForChanges(
    sql,
    () => {
      // A NOTIFY means pairs were written: drop caches at once, then learn the new seq.
      onChange();
      void check();
    },
    () => {
      listening = true;
    },
  ).then(
    (l) => {
      unlisten = l.unlisten;
    },
    (err: Error) => {
      listening = false;
      log.warn({ err: err.message }, 'LISTEN failed; relying on polling');
    },
  );

  void check();
  const timer = setInterval(() => {
    void check();
  }, pollMs);
  timer.unref();
  return {
    get lastSeq() {
      return lastSeq;
    },
    get listening() {
      return listening;
    },
    check,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await unlisten?.().catch(() => {});
    },
  };
}
