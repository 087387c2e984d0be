/**
 * What a source's run hands to the writer (src/db/queries/write-batch.ts): careers, facts and
 * rejects, normalized; the careers adapters match titles against; and the ways a write is
 * refused. Pure data, shared by ingest (which builds batches) and db (which writes them).
 */

/** A record a source could not use: where it was and why. */
export interface Reject {
  line: number | null;
  reason: string;
  file?: string;
}

/** How a fact names its career: by O*NET-SOC code, by 6-digit SOC (all detail codes under it), or by slug. */
export type CareerRef = { onetCode: string } | { soc6: string } | { slug: string };

/** A career a source defines (O*NET occupations, career-page careers). */
export interface CareerInput {
  onetCode: string | null;
  slug: string;
  title: string;
  description: string;
  category: string;
  origin: 'onet' | 'career-page';
  aliases: string[];
  /** Per alias, how strongly the source ties it to the career (default 1 each). */
  aliasEvidence?: number[];
}

/** One fact about one career for one period; `key` names what it is (e.g. `wages`). */
export interface FactInput {
  career: CareerRef;
  key: string;
  period: string;
  value: unknown;
  /** The document it was read from (its URL); the writer links the archived copy. */
  documentUrl: string;
}

/** What an adapter hands to the writer: everything the source states, normalized. */
export interface NormalizedBatch {
  careers: CareerInput[];
  facts: FactInput[];
  rejects: Reject[];
  /** Records read from the documents, before normalization. */
  parsed: number;
  /**
   * The fact keys this source owns: facts of these keys the source stated before and no longer
   * states are removed. Defaults to the keys present in `facts`.
   */
  ownedKeys?: string[];
  /**
   * When set, the batch restates only these periods of its owned keys: facts of other periods
   * stay (a yearly source adds a year instead of replacing the previous one).
   */
  periods?: string[];
  /**
   * Careers whose records were rejected this run: their earlier facts of the owned keys stay
   * served instead of being removed as "no longer stated".
   */
  retain?: CareerRef[];
  /** Free-text titles no career matched with enough confidence: shown to operators, never attached. */
  unmatched?: UnmatchedTitle[];
}

export interface UnmatchedTitle {
  title: string;
  /** How many records carried this title. */
  count: number;
  /** The best candidates found, with their confidence 0..1. */
  candidates: { slug: string; confidence: number }[];
}

/** A career as adapters see it, for matching free-text titles. */
export interface DirectoryCareer {
  id: number;
  slug: string;
  onetCode: string | null;
  title: string;
  aliases: string[];
  /** Per alias (same order), its evidence (see career_aliases.evidence). */
  aliasEvidence: number[];
  /** What the career does (careers.description): field evidence for generic titles ("Scientist, Toxicology"). */
  description: string;
  /** Its task statements (the O*NET tasks fact), field evidence too; empty when none were ingested. */
  tasks: string[];
}

/** The run failed in a way retrying cannot fix (wrong file, too many rejects). */
export class IngestRejectedError extends Error {
  override name = 'IngestRejectedError';
}

/**
 * The batch would remove more of the source's facts than its shrink limit allows (a truncated or
 * shrunken file looks like a source that stopped stating most of what it said). Nothing is
 * written; an operator who knows the source really shrank re-runs it with allowShrink.
 */
export class ShrinkRefusedError extends IngestRejectedError {
  override name = 'ShrinkRefusedError';
  constructor(
    readonly sourceId: string,
    readonly removed: number,
    readonly existing: number,
    readonly maxRatio: number,
  ) {
    const pct = (x: number) => `${Math.round(x * 1000) / 10} %`;
    super(
      `source "${sourceId}": this run would remove ${removed} of its ${existing} facts (${pct(removed / existing)}), more than its limit of ${pct(maxRatio)} ` +
        `(option maxShrinkRatio, or MAX_SHRINK_RATIO); nothing was changed. A truncated or shrunken file looks like this. If the source really shrank, ` +
        `run it again with "careerlens sources run ${sourceId} --allow-shrink" (API: POST /v1/ops/sources/${sourceId}/runs {"allowShrink": true})`,
    );
  }
}

/** The run was cancelled or failed by the reaper before this attempt wrote anything; nothing is written. */
export class RunEndedError extends IngestRejectedError {
  override name = 'RunEndedError';
  constructor(runId: number, status: string, reason: string | null) {
    super(`run ${runId} is ${status}${reason ? ` (${reason})` : ''}; this attempt stops and writes nothing`);
  }
}
