import { gunzipSync } from 'node:zlib';
import { createHash } from 'node:crypto';
import type { Db, Sql } from '../db/client.js';
import type { Logger } from '../log.js';
import {
  createRun,
  finishRun,
  getDocumentValidators,
  getRun,
  getSource,
  loadArchivedDocument,
  markRunRunning,
  markSourceSucceeded,
  type SourceRow,
} from '../db/queries/sources.js';
import type { RunStats, RunTrigger } from '../db/schema/sources.js';
import { writeBatch, type DocumentRecord } from '../db/queries/write-batch.js';
import {
  archiveDocument,
  careerDirectoryKey,
  careersFingerprint,
  loadCareerDirectory,
  loadTechnologySkills,
  technologySkillsKey,
} from '../db/queries/ingest.js';
import { loadTitlePins } from '../db/queries/title-pins.js';
import {
  IngestRejectedError,
  RunEndedError,
  type AdapterContext,
  type DirectoryCareer,
  type NormalizedBatch,
  type SourceAdapter,
  type SourceDocument,
} from './types.js';
import { SourceFormatError } from './sources/types.js';
import { fileNameOf } from './sources/adapter-kit.js';
import { FetchError } from './fetch/index.js';
import { FACT_KEYS } from '../core/fact-keys.js';
import { redactText } from '../core/redact.js';
import { InputTooLargeError } from '../core/bounds.js';
import type { TechSkillRow } from '../core/skills.js';
import { snapshotFetcher, type Snapshot } from './snapshot/bundle.js';
import type { SnapshotSource } from './snapshot/manifest.js';

/** The fetcher contract every source uses (see src/ingest/fetch). */
export interface DocumentFetcher {
  fetch(
    url: string,
    opts: { etag?: string | null; lastModified?: string | null; previousHash?: string | null; robots?: boolean; signal?: AbortSignal },
  ): Promise<
    | { status: 'fetched'; body: Buffer; hash: string; etag: string | null; lastModified: string | null; contentType: string | null }
    | { status: 'unchanged'; reason: string }
    | { status: 'disallowed'; url: string; rule: string }
  >;
  /** Releases idle connections at the end of a run. */
  close(): void;
}

export interface IngestDeps {
  db: Db;
  /** A fresh fetcher per run: robots.txt and per-host limits live for one run; private hosts per source. */
  newFetcher: (source?: { id: string; options: Record<string, unknown> }) => DocumentFetcher;
  adapters: Map<string, SourceAdapter>;
  log: Logger;
  /** Default share of a source's facts one run may remove (config MAX_SHRINK_RATIO; a source's `maxShrinkRatio` option wins). */
  maxShrinkRatio?: number;
}

/** Without configuration, a run may remove at most a fifth of its source's facts. */
export const DEFAULT_MAX_SHRINK_RATIO = 0.2;

export interface IngestOutcome {
  runId: number;
  status: 'succeeded' | 'unchanged' | 'failed' | 'skipped';
  stats: Partial<RunStats>;
  changedCareerIds: number[];
  /** Careers this run inserted or updated (their own rows, not facts). */
  careersWritten: number;
  error?: string;
}

/** True for errors no retry can fix: the input itself is wrong. */
export function isPermanentIngestError(err: unknown): boolean {
  if (err instanceof SourceFormatError || err instanceof IngestRejectedError || err instanceof InputTooLargeError) return true;
  // The fetcher already retried what can be retried; a refused URL or a 4xx will not change.
  return (
    err instanceof FetchError &&
    (['blocked-url', 'bad-scheme', 'too-large'].includes(err.code) ||
      (err.code === 'http-status' && err.status !== undefined && err.status < 500 && err.status !== 429 && err.status !== 408))
  );
}

/**
 * Runs one source end to end: fetch (conditionally) → parse → normalize → write in one
 * transaction. A failure leaves earlier data as it was; `final` says whether this attempt is
 * the last, so a retryable failure keeps the run open for the next attempt.
 */
export async function runIngest(
  deps: IngestDeps,
  params: {
    sourceId: string;
    runId?: number;
    trigger: RunTrigger;
    final: boolean;
    signal?: AbortSignal;
    onProgress?: (p: number, msg: string) => Promise<void>;
    /** An operator confirmed the source really shrank: the shrink limit does not apply to this run. */
    allowShrink?: boolean;
    /** Read the source's files from the bundled snapshot (same adapter), not from its publisher. */
    snapshot?: { bundle: Snapshot; source: SnapshotSource };
    /** OFFLINE is set: a live run is refused instead of reaching the publisher. */
    offline?: boolean;
  },
): Promise<IngestOutcome> {
  const { db, log } = deps;
  const source = await getSource(db, params.sourceId);
  if (!source) throw new IngestRejectedError(`source "${params.sourceId}" is not configured`);
  const runId = params.runId ?? (await createRun(db, { sourceId: source.id, trigger: params.trigger }))?.id;
  if (runId === undefined) {
    log.info({ sourceId: source.id }, 'a run of this source is already queued or running; this tick is skipped');
    return { runId: -1, status: 'skipped', stats: {}, changedCareerIds: [], careersWritten: 0 };
  }
  if (!(await markRunRunning(db, runId))) {
    const ended = await getRun(db, runId);
    throw new RunEndedError(runId, ended?.status ?? 'gone', ended?.error ?? null);
  }
  const started = Date.now();
  const runLog = log.child({ sourceId: source.id, runId });
  const documents: DocumentRecord[] = [];
  const stats: Partial<RunStats> = { fetched: 0, bytes: 0 };
  try {
    if (source.delistedAt)
      throw new IngestRejectedError(`source "${source.id}" is delisted (not in the source list): it no longer runs; add it to SOURCES_FILE again`);
    const adapter = deps.adapters.get(source.kind);
    if (!adapter) throw new IngestRejectedError(`source kind "${source.kind}" has no adapter`);
    const snap = params.snapshot;
    if (params.trigger === 'snapshot' && !snap) throw new IngestRejectedError(`source "${source.id}" has no bundled snapshot`);
    if (params.offline && !snap)
      throw new IngestRejectedError(
        `OFFLINE is set: source "${source.id}" is not fetched from its publisher${source.lastSuccessAt ? '; its data stays as last read' : ' and has no bundled snapshot'}`,
      );
    if (snap && source.lastSuccessAt && !source.snapshot) {
      throw new IngestRejectedError(
        `source "${source.id}" serves live data (last success ${source.lastSuccessAt.toISOString()}): a bundled snapshot never replaces it`,
      );
    }
    if (snap && snap.source.kind !== source.kind)
      throw new IngestRejectedError(`source "${source.id}" is of kind ${source.kind}; the bundled snapshot of that id is ${snap.source.kind}`);
    const fetcher = snap ? snapshotFetcher(snap.bundle, snap.source) : deps.newFetcher(source);
    const readFrom = snap ? { ...source, url: snap.source.url, options: snap.source.options } : source;
    const ctx = await buildContext(deps, fetcher, readFrom, documents, stats, runLog, { ...params, normalizerVersion: adapter.version });
    const batch = await adapter.load(ctx).finally(() => fetcher.close());
    if (batch === 'unchanged') {
      const done = {
        ...stats,
        parsed: 0,
        inserted: 0,
        updated: 0,
        unchanged: 0,
        rejected: 0,
        rejects: [],
        changedCareers: 0,
        durationMs: Date.now() - started,
      };
      await finishRun(db, { id: runId, status: 'unchanged', stats: done });
      await markSourceSucceeded(db, source.id);
      runLog.info({ stats: done }, 'source unchanged since its last successful run');
      return { runId, status: 'unchanged', stats: done, changedCareerIds: [], careersWritten: 0 };
    }
    checkRejects(source, batch);
    await params.onProgress?.(80, `writing ${batch.facts.length} facts`);
    const shrink = { maxRatio: shrinkLimit(source, deps.maxShrinkRatio), allow: params.allowShrink ?? false };
    const result = await writeBatch(db.$client, {
      sourceId: source.id,
      batch,
      documents,
      fetchedAt: new Date(),
      normalizerVersion: adapter.version,
      shrink,
      runId,
      snapshot: snap ? { release: snap.source.release, retrievedAt: snap.source.retrievedAt } : null,
    });
    const done: Partial<RunStats> = {
      ...stats,
      parsed: batch.parsed,
      inserted: result.inserted,
      updated: result.updated,
      unchanged: result.unchanged,
      removed: result.removed,
      rejected: batch.rejects.length,
      rejects: batch.rejects.slice(0, 500),
      changedCareers: result.changedCareerIds.length,
      unresolved: result.unresolved,
      durationMs: Date.now() - started,
    };
    const status = result.changedCareerIds.length || result.inserted || result.updated || result.removed ? 'succeeded' : 'unchanged';
    await finishRun(db, { id: runId, status, stats: done, written: true });
    runLog.info({ stats: { ...done, rejects: undefined } }, 'ingest run finished');
    return { runId, status, stats: done, changedCareerIds: result.changedCareerIds, careersWritten: result.careersWritten };
  } catch (err) {
    const message = redactText((err as Error).message ?? String(err));
    const permanent = isPermanentIngestError(err);
    if (permanent || params.final) {
      await finishRun(db, { id: runId, status: 'failed', stats: { ...stats, durationMs: Date.now() - started }, error: message });
      runLog.error({ err: message }, 'ingest run failed; earlier data stays served');
    } else {
      runLog.warn({ err: message }, 'ingest attempt failed; it will be retried');
    }
    throw err;
  }
}

/** The source's `maxShrinkRatio` option (0–1) when set, else the configured default. */
function shrinkLimit(source: SourceRow, configured: number | undefined): number {
  const v = source.options.maxShrinkRatio;
  if (v === undefined || v === null) return configured ?? DEFAULT_MAX_SHRINK_RATIO;
  if (typeof v !== 'number' || !(v >= 0 && v <= 1))
    throw new IngestRejectedError(`source "${source.id}": option "maxShrinkRatio" must be a number from 0 to 1`);
  return v;
}

function checkRejects(source: SourceRow, batch: NormalizedBatch): void {
  const maxRatio = typeof source.options.maxRejectRatio === 'number' ? source.options.maxRejectRatio : 0.05;
  const total = Math.max(batch.parsed, 1);
  if (batch.rejects.length / total > maxRatio) {
    const sample = batch.rejects
      .slice(0, 3)
      .map((r) => `${r.file ?? ''}${r.line ? `:${r.line}` : ''} ${r.reason}`)
      .join('; ');
    throw new IngestRejectedError(
      `${batch.rejects.length} of ${batch.parsed} records rejected (more than ${Math.round(maxRatio * 100)}%); nothing was written. First: ${sample}`,
    );
  }
}

async function buildContext(
  deps: IngestDeps,
  fetcher: DocumentFetcher,
  source: SourceRow,
  documents: DocumentRecord[],
  stats: Partial<RunStats>,
  log: Logger,
  params: { signal?: AbortSignal; onProgress?: (p: number, msg: string) => Promise<void>; normalizerVersion: number },
): Promise<AdapterContext> {
  const validators = await getDocumentValidators(deps.db, source.id);
  const sql = deps.db.$client;
  // Careers added or changed since the last success, or a newer adapter: documents are read again even if unchanged.
  const fingerprint = await careersFingerprint(sql);
  const careersMoved = fingerprint !== source.careersFingerprint;
  const readAgain = careersMoved || source.normalizerVersion !== params.normalizerVersion;
  const configured = configuredUrls(source);
  let directory: Promise<DirectoryCareer[]> | undefined;
  let skills: Promise<TechSkillRow[]> | undefined;
  let pins: Promise<Map<string, string>> | undefined;
  return {
    careerDirectory: () => (directory ??= cachedCareerDirectory(sql, fingerprint)),
    titlePins: () => (pins ??= loadTitlePins(sql)),
    technologySkills: () => (skills ??= cachedTechnologySkills(sql)),
    sourceId: source.id,
    url: source.url,
    options: source.options,
    log,
    signal: params.signal ?? new AbortController().signal,
    progress: async (p, msg) => {
      await params.onProgress?.(p, msg);
    },
    fetchDocument: async (url, opts = {}): Promise<SourceDocument | { disallowed: true; url: string; rule: string }> => {
      if (url.startsWith('file:') && !isConfiguredUrl(configured, url)) {
        throw new IngestRejectedError(`${url.slice(0, 200)}: a file: URL is read only when it is the source's own URL or one of its options`);
      }
      const prev = validators.get(url);
      const archived = prev ? await readArchived(deps.db, prev.rawDocumentId, log) : null;
      const res = await fetcher.fetch(url, {
        etag: archived ? prev?.etag : null,
        lastModified: archived ? prev?.lastModified : null,
        previousHash: archived ? prev?.sha256 : null,
        robots: opts.robots ?? false,
        signal: params.signal,
      });
      if (res.status === 'disallowed') return { disallowed: true, url: res.url, rule: res.rule };
      if (res.status === 'unchanged' && prev && archived) {
        documents.push({ url, sha256: prev.sha256, etag: prev.etag, lastModified: prev.lastModified, rawDocumentId: prev.rawDocumentId });
        return { url, body: archived, sha256: prev.sha256, changed: readAgain, contentType: null };
      }
      if (res.status !== 'fetched') throw new Error(`${url}: answered "unchanged" but no archived copy exists`);
      stats.fetched = (stats.fetched ?? 0) + 1;
      stats.bytes = (stats.bytes ?? 0) + res.body.length;
      const sha256 = res.hash || createHash('sha256').update(res.body).digest('hex');
      const rawDocumentId = await archiveDocument(sql, { sourceId: source.id, url, body: res.body, sha256, contentType: res.contentType });
      const name = fileNameOf(url);
      await params.onProgress?.(Math.min(35, 5 * (stats.fetched ?? 1)), `fetched ${name} (${res.body.length} bytes)`);
      documents.push({ url, sha256: res.hash, etag: res.etag, lastModified: res.lastModified, rawDocumentId });
      return { url, body: res.body, sha256: res.hash, changed: true, contentType: res.contentType };
    },
  };
}

/** The source's URL and every URL its options name (resolved against it): the only file: URLs a run may read. */
function configuredUrls(source: SourceRow): Set<string> {
  const out = new Set<string>([source.url]);
  const add = (value: unknown) => {
    // A list entry may be an object naming its URL (oews-wages `history: [{ url, period }]`).
    const url = value && typeof value === 'object' && 'url' in value ? (value as { url: unknown }).url : value;
    if (typeof url === 'string' && URL.canParse(url, source.url)) out.add(new URL(url, source.url).href);
  };
  for (const value of Object.values(source.options)) (Array.isArray(value) ? value : [value]).forEach(add);
  add(source.url);
  return out;
}

/** A configured URL, or a file under a configured folder URL (ending in `/`) the adapter reads from. */
function isConfiguredUrl(configured: Set<string>, url: string): boolean {
  if (configured.has(url)) return true;
  const href = URL.canParse(url) ? new URL(url).href : url;
  return [...configured].some((c) => c === href || (c.endsWith('/') && href.startsWith(c) && !href.slice(c.length).includes('/')));
}

/**
 * An archived body, inflated no further than the size recorded when it was fetched. A damaged or
 * altered row is treated as missing (the document is downloaded again), never inflated without bound.
 */
async function readArchived(db: Db, id: number, log: Logger): Promise<Buffer | null> {
  const row = await loadArchivedDocument(db, id);
  if (!row) return null;
  try {
    const body = gunzipSync(row.body, { maxOutputLength: Math.max(1, Number(row.bytes)) });
    if (body.length === Number(row.bytes)) return body;
  } catch {
    // falls through: damaged
  }
  log.warn({ rawDocumentId: id, bytes: Number(row.bytes) }, 'archived document does not inflate to its recorded size: downloading it again');
  return null;
}

/**
 * One value per process, loaded again when its key changes; a failed load is forgotten, so the
 * next run asks again instead of keeping the error.
 */
function keyedLoader<T>(): (key: string, load: () => Promise<T>) => Promise<T> {
  let kept: { key: string; value: Promise<T> } | undefined;
  return (key, load) => {
    if (kept?.key !== key) {
      const value = load();
      kept = { key, value };
      value.catch(() => {
        if (kept?.value === value) kept = undefined;
      });
    }
    return kept.value;
  };
}

// The key names the database, so a load always reads the database of the run that asked.
const directoryLoader = keyedLoader<DirectoryCareer[]>();
const technologyLoader = keyedLoader<TechSkillRow[]>();

/**
 * The career directory, reused across runs while the career set, its aliases and task statements
 * stay the same (61k alias rows and the title index built on them cost about a second a run).
 */
async function cachedCareerDirectory(sql: Sql, fingerprint: string): Promise<DirectoryCareer[]> {
  const key = `${await careerDirectoryKey(sql, FACT_KEYS.tasks)}|${fingerprint}`;
  return directoryLoader(key, () => loadCareerDirectory(sql, FACT_KEYS.tasks));
}

/**
 * O*NET's technology skills, reused across runs until the facts they come from change (the
 * query expands every career's skill list: 0.1–0.3 s a run, for a list that changes weekly).
 */
async function cachedTechnologySkills(sql: Sql): Promise<TechSkillRow[]> {
  const key = await technologySkillsKey(sql, FACT_KEYS.techSkills);
  return technologyLoader(key, () => loadTechnologySkills(sql, FACT_KEYS.techSkills));
}
