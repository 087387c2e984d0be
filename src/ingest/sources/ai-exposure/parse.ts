/**
 * Pure parsers for AI-exposure scores per occupation, one method per source file:
 * - GPTs-are-GPTs (Eloundou et al. 2023) `occ_level.csv`: share of an occupation's tasks exposed
 *   to LLMs, 0..1, keyed by O*NET-SOC 2019 codes (joins O*NET 29.x directly);
 * - Felten, Raj & Seamans AIOE `AIOE_AppendixA_occupation.csv` (or the Language-Modeling AIOE
 *   file): a standardized score (mean ≈ 0), keyed by 6-digit SOC 2010 codes (needs the crosswalk).
 */
import { isOnetSocCode, isSocCode, type SocVintage } from '../../../core/soc.js';
import { readSourceTable, SourceFormatError, type ParseResult, type Reject } from '../types.js';

export type AiExposureMethod = 'gpts-are-gpts' | 'felten-aioe' | 'felten-lm-aioe';

export interface AiExposureRecord {
  method: AiExposureMethod;
  /** What `score` measures and its range, in words (shown next to the figure). */
  scale: string;
  code: string;
  codeVintage: Extract<SocVintage, 'onet-soc-2019' | 'soc-2010'>;
  title: string;
  /** Headline value in the method's own scale (GPTs: 0..1 share; Felten: standardized score). */
  score: number;
  /** 0..100 on one footing for display: GPTs → score × 100; Felten → percentile rank in the file. */
  percent: number;
  /** Every numeric column of the row, as published (parsed to numbers). */
  columns: Record<string, number>;
}

/**
 * The headline GPTs-are-GPTs column: dv_rating_beta = GPT-4's rating of E1 + 0.5 × E2, where E1
 * = tasks an LLM alone makes ≥ 50 % faster and E2 = tasks that need software built on an LLM.
 * It is the middle of the three measures (alpha = E1 only, gamma = E1 + E2, both kept in
 * `columns`): tool-dependent exposure counts, at half weight, because those tools may not exist yet.
 */
export const GPTS_HEADLINE = 'dv_rating_beta';
const GPTS_COLUMNS = ['dv_rating_alpha', 'dv_rating_beta', 'dv_rating_gamma', 'human_rating_alpha', 'human_rating_beta', 'human_rating_gamma'] as const;

function readNumber(raw: string): number | null {
  const t = raw.trim();
  return /^-?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(t) ? Number(t) : null;
}

/** Parses GPTs-are-GPTs occ_level.csv. Out-of-range (not 0..1) or non-numeric values and bad codes are Rejects. */
export function parseGptsExposureCsv(input: string | Buffer, file = 'occ_level.csv'): ParseResult<AiExposureRecord> {
  const t = readSourceTable(input, file, ['O*NET-SOC Code', 'Title', ...GPTS_COLUMNS]);
  const records: AiExposureRecord[] = [];
  const rejects: Reject[] = [...t.rejects];
  for (const row of t.rows) {
    const code = row.fields[t.index['O*NET-SOC Code']]!.trim();
    if (!isOnetSocCode(code)) {
      rejects.push({ line: row.line, file, reason: `bad O*NET-SOC code "${code}"` });
      continue;
    }
    const columns: Record<string, number> = {};
    const bad = GPTS_COLUMNS.filter((c) => {
      const v = readNumber(row.fields[t.index[c]]!);
      if (v === null || v < 0 || v > 1) return true;
      columns[c] = v;
      return false;
    });
    if (bad.length) {
      rejects.push({ line: row.line, file, reason: `${bad.join(', ')}: not a number in 0..1` });
      continue;
    }
    const score = columns[GPTS_HEADLINE]!;
    records.push({
      method: 'gpts-are-gpts',
      scale: 'share of tasks exposed to LLMs, 0..1 (GPT-4 rating, E1 + 0.5×E2)',
      code,
      codeVintage: 'onet-soc-2019',
      title: row.fields[t.index.Title]!.trim(),
      score,
      percent: score * 100,
      columns,
    });
  }
  return { records, rejects };
}

/**
 * Percentile rank of each score, 0..100: 100 × (scores strictly lower + ½ × ties other than
 * itself) / (n − 1). Lowest → 0, highest → 100, median → 50; it keeps only the order, which is
 * all a standardized score supports (its units are standard deviations across occupations).
 */
export function rankPercentiles(scores: readonly number[]): number[] {
  const n = scores.length;
  if (n < 2) return scores.map(() => 50);
  const sorted = [...scores].sort((a, b) => a - b);
  // Binary search: first index whose value is >= x, or > x when `strict`.
  const bound = (x: number, strict: boolean): number => {
    let lo = 0,
      hi = n;
    while (lo < hi) {
      const m = (lo + hi) >> 1;
      if (sorted[m]! < x || (strict && sorted[m] === x)) lo = m + 1;
      else hi = m;
    }
    return lo;
  };
  return scores.map((s) => {
    const below = bound(s, false);
    const ties = bound(s, true) - below - 1;
    return (100 * (below + ties / 2)) / (n - 1);
  });
}

/**
 * Parses a Felten AIOE occupation CSV (`SOC Code, Occupation Title, AIOE` or `… Language Modeling
 * AIOE`). Scores keep their xlsx float artifacts' intended value (`0.57487730000000004` → 0.5748773).
 */
export function parseFeltenAioeCsv(input: string | Buffer, file = 'AIOE_AppendixA_occupation.csv'): ParseResult<AiExposureRecord> {
  const probe = readSourceTable(input, file, ['SOC Code', 'Occupation Title']);
  const scoreCol = ['AIOE', 'Language Modeling AIOE'].find((c) => probe.header.includes(c));
  if (!scoreCol) throw new SourceFormatError(`${file}: missing column "AIOE" (or "Language Modeling AIOE"); header is ${probe.header.join(' | ')}`);
  const method: AiExposureMethod = scoreCol === 'AIOE' ? 'felten-aioe' : 'felten-lm-aioe';
  const at = probe.header.indexOf(scoreCol);
  const rejects: Reject[] = [...probe.rejects];
  const valid: { code: string; title: string; score: number }[] = [];
  for (const row of probe.rows) {
    const code = row.fields[probe.index['SOC Code']]!.trim();
    const score = readNumber(row.fields[at]!);
    if (!isSocCode(code)) {
      rejects.push({ line: row.line, file, reason: `bad SOC code "${code}"` });
      continue;
    }
    if (score === null) {
      rejects.push({ line: row.line, file, reason: `${scoreCol}: non-numeric "${row.fields[at]}"` });
      continue;
    }
    valid.push({ code, title: row.fields[probe.index['Occupation Title']]!.trim(), score });
  }
  const ranks = rankPercentiles(valid.map((v) => v.score));
  const scale = `${method === 'felten-aioe' ? 'AI' : 'language-modeling AI'} occupational exposure, standardized score (mean ≈ 0, SD units); percent = percentile rank across the file's occupations`;
  const records = valid.map(
    (v, i): AiExposureRecord => ({
      method,
      scale,
      code: v.code,
      codeVintage: 'soc-2010',
      title: v.title,
      score: v.score,
      percent: ranks[i]!,
      columns: { [scoreCol]: v.score },
    }),
  );
  return { records, rejects };
}
