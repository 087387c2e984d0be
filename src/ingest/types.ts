import type { Logger } from '../log.js';
import type { SourceKind } from '../db/schema/sources.js';
import type { TechSkillRow } from '../core/skills.js';

import type { DirectoryCareer, NormalizedBatch } from '../core/batch.js';

export type { CareerInput, CareerRef, DirectoryCareer, FactInput, NormalizedBatch, Reject, UnmatchedTitle } from '../core/batch.js';
export { IngestRejectedError, RunEndedError, ShrinkRefusedError } from '../core/batch.js';

/** A document as seen by an adapter: its body, and whether it changed since the last success. */
export interface SourceDocument {
  url: string;
  body: Buffer;
  sha256: string;
  changed: boolean;
  contentType: string | null;
}

export interface AdapterContext {
  sourceId: string;
  url: string;
  options: Record<string, unknown>;
  log: Logger;
  signal: AbortSignal;
  /** Fetches a document of this source, conditionally on the last successful run. */
  fetchDocument(url: string, opts?: { robots?: boolean }): Promise<SourceDocument | { disallowed: true; url: string; rule: string }>;
  /** Every career with its aliases (loaded once per run, on first use). */
  careerDirectory(): Promise<DirectoryCareer[]>;
  /** Operators' title pins: title as normalizeText writes it → career slug. They win over the matcher. */
  titlePins(): Promise<ReadonlyMap<string, string>>;
  /** O*NET technology-skill rows stored so far (for a skill taxonomy); empty before O*NET ran. */
  technologySkills(): Promise<TechSkillRow[]>;
  /** Reports progress (0..100) and a short message to the run's job. */
  progress(percent: number, message: string): Promise<void>;
}

export interface SourceAdapter {
  kind: SourceKind;
  /**
   * Bumped whenever the adapter reads the same documents into a different batch (a parser
   * fix, a new field). A source last written by an older version reads its documents again
   * at its next run even when they did not change, and schedulers re-run it on start. A change
   * to shared normalization (title matching, skill extraction) counts for every adapter using it.
   */
  version: number;
  /** Returns the batch, or 'unchanged' when no document changed since the last success. */
  load(ctx: AdapterContext): Promise<NormalizedBatch | 'unchanged'>;
}
