/**
 * Reads the bundled snapshot (snapshot/ in the checkout, or SNAPSHOT_DIR): the manifest, and a
 * fetcher that answers a snapshot run's `snapshot:` URLs from the compressed files, so the same
 * adapters read them as they read the publishers' downloads. A file whose content does not match
 * its manifest checksum is refused, naming the file; the other sources are not affected.
 */
import { brotliDecompressSync } from 'node:zlib';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FetchError } from '../fetch/index.js';
import { IngestRejectedError } from '../types.js';
import type { DocumentFetcher } from '../run-ingest.js';
import { snapshotManifestSchema, type SnapshotManifest, type SnapshotSource } from './manifest.js';

/** The snapshot folder of this checkout. */
export const DEFAULT_SNAPSHOT_DIR = path.resolve(fileURLToPath(import.meta.url), '../../../../snapshot');

/** A bundled file does not match its manifest: the source is not filled from it. */
export class SnapshotDamagedError extends IngestRejectedError {
  override name = 'SnapshotDamagedError';
}

export interface Snapshot {
  dir: string;
  manifest: SnapshotManifest;
  source(id: string): SnapshotSource | undefined;
}

const loaded = new Map<string, Snapshot | null>();

/** The snapshot in `dir`, or null when there is none (a build without it); read once per folder. */
export function loadSnapshot(dir: string = DEFAULT_SNAPSHOT_DIR): Snapshot | null {
  const key = path.resolve(dir);
  if (loaded.has(key)) return loaded.get(key)!;
  let snapshot: Snapshot | null = null;
  try {
    const manifest = snapshotManifestSchema.parse(JSON.parse(readFileSync(path.join(key, 'manifest.json'), 'utf8')));
    const byId = new Map(manifest.sources.map((s) => [s.id, s]));
    snapshot = { dir: key, manifest, source: (id) => byId.get(id) };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw new Error(`bundled snapshot ${path.join(key, 'manifest.json')}: ${(err as Error).message}`);
  }
  loaded.set(key, snapshot);
  return snapshot;
}

/**
 * Reads one bundled file: inflated no further than its recorded size, and refused unless its
 * sha256 is the manifest's.
 */
export async function readSnapshotFile(snapshot: Snapshot, source: SnapshotSource, name: string): Promise<Buffer> {
  const file = source.files.find((f) => f.name === name);
  if (!file)
    throw new FetchError(`snapshot:/${source.id}/${name}: not in the bundled snapshot`, {
      code: 'http-status',
      status: 404,
      url: `snapshot:/${source.id}/${name}`,
      attempts: 1,
    });
  const where = `snapshot/${file.path}`;
  let body: Buffer;
  try {
    body = brotliDecompressSync(await readFile(path.join(snapshot.dir, file.path)), { maxOutputLength: Math.max(1, file.bytes) });
  } catch (err) {
    throw new SnapshotDamagedError(
      `bundled snapshot file ${where} is damaged (${(err as Error).message}); source "${source.id}" is not filled from the snapshot. Rebuild it with npm run snapshot:build`,
    );
  }
  const sum = createHash('sha256').update(body).digest('hex');
  if (sum !== file.sha256 || body.length !== file.bytes) {
    throw new SnapshotDamagedError(
      `bundled snapshot file ${where} is damaged: its checksum ${sum.slice(0, 16)}… is not the manifest's ${file.sha256.slice(0, 16)}…; source "${source.id}" is not filled from the snapshot. Rebuild it with npm run snapshot:build`,
    );
  }
  return body;
}

/** A fetcher over one source's bundled files; it reads `snapshot:/<source>/<file>` URLs only. */
export function snapshotFetcher(snapshot: Snapshot, source: SnapshotSource): DocumentFetcher {
  return {
    async fetch(url, opts) {
      const u = new URL(url);
      const [, id, ...rest] = u.pathname.split('/');
      if (u.protocol !== 'snapshot:' || id !== source.id || rest.length !== 1) {
        throw new FetchError(`${url}: a snapshot run reads only its own bundled files`, { code: 'bad-scheme', url, attempts: 1 });
      }
      const body = await readSnapshotFile(snapshot, source, decodeURIComponent(rest[0]!));
      const hash = createHash('sha256').update(body).digest('hex');
      if (opts.previousHash === hash) return { status: 'unchanged', reason: 'same bundled file as last read' };
      return { status: 'fetched', body, hash, etag: null, lastModified: null, contentType: null };
    },
    close() {},
  };
}
