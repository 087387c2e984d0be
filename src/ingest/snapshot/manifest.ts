/**
 * The bundled snapshot's manifest (snapshot/manifest.json): per source, what the files are, where
 * they were copied from, under which licence, and each file's checksum. Written by
 * scripts/build-snapshot.ts, read by the runtime before any file is used.
 */
import { z } from 'zod';
import { sourceKinds } from '../../db/schema/sources.js';

export const snapshotFileSchema = z.object({
  /** The publisher's file name (the adapters read periods and formats from it). */
  name: z.string().min(1),
  /** Brotli-compressed copy, relative to the snapshot folder. */
  path: z.string().min(1),
  /** Size and sha256 of the file as published (before compression). */
  bytes: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  compressedBytes: z.number().int().nonnegative(),
});

export const snapshotSourceSchema = z.object({
  id: z.string().min(1),
  kind: z.enum(sourceKinds),
  publisher: z.string(),
  dataset: z.string(),
  /** The release as its publisher names it (`O*NET 29.2`, `May 2024`). */
  release: z.string(),
  /** When the copy was taken from where it was published (YYYY-MM-DD). */
  retrievedAt: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  copiedFrom: z.string(),
  licence: z.object({ id: z.string(), name: z.string(), file: z.string(), url: z.string().nullable() }),
  citation: z.string(),
  /** The source's location and options when read from the snapshot (`snapshot:` URLs). */
  url: z.string().startsWith('snapshot:/'),
  options: z.record(z.string(), z.unknown()),
  files: z.array(snapshotFileSchema).min(1),
});

export const snapshotManifestSchema = z.object({
  format: z.literal(1),
  note: z.string(),
  sources: z.array(snapshotSourceSchema),
});

export type SnapshotFile = z.infer<typeof snapshotFileSchema>;
export type SnapshotSource = z.infer<typeof snapshotSourceSchema>;
export type SnapshotManifest = z.infer<typeof snapshotManifestSchema>;

/** The `snapshot:` URL of one bundled file of a source. */
export function snapshotUrl(sourceId: string, name: string): string {
  return `snapshot:/${sourceId}/${encodeURIComponent(name)}`;
}
