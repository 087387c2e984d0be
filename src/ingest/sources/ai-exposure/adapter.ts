/**
 * AI exposure, one method per source: GPTs-are-GPTs `occ_level.csv` (O*NET-SOC 2019 codes, joins
 * directly) or Felten et al. AIOE (the publisher's xlsx or a CSV of its "Appendix A" sheet,
 * 6-digit SOC 2010 codes, joined to 2019 codes through the O*NET crosswalk given by the
 * `crosswalkUrl` option, a second document of this source).
 */
import { writeCsv } from '../../../core/csv-write.js';
import { crosswalkValues, toSocCode } from '../../../core/soc.js';
import { listXlsxSheets, readXlsxSheet, XlsxFormatError } from '../../../core/xlsx.js';
import { FACT_KEYS, type AiExposureFact, type AiExposureMethodName } from '../../../core/fact-keys.js';
import { IngestRejectedError, type AdapterContext, type FactInput, type NormalizedBatch, type SourceAdapter } from '../../types.js';
import { fetchRequired, fileNameOf, stringOption } from '../adapter-kit.js';
import { parseSocCrosswalkCsv } from '../telework/parse-crosswalk.js';
import { decodeSourceText, SourceFormatError } from '../types.js';
import { isTaskLabelset, taskLabelBatch } from './task-labels.js';
import { GPTS_HEADLINE, parseFeltenAioeCsv, parseGptsExposureCsv, type AiExposureRecord } from './parse.js';

/** Publication year of each method: the fact's period. */
export const METHOD_PERIODS: Record<AiExposureMethodName, string> = {
  'gpts-are-gpts': '2023', // Eloundou, Manning, Mishkin & Rock, "GPTs are GPTs" (2023)
  'felten-aioe': '2021', // Felten, Raj & Seamans, Strategic Management Journal 42(12) (2021)
  'felten-lm-aioe': '2023', // Felten, Raj & Seamans, language-modeling AIOE (2023)
};

export const aiExposureAdapter: SourceAdapter = {
  kind: 'ai-exposure',
  version: 4, // 2: CSV read by csv-parse (unclosed quotes are rejects, a lone CR ends a line); 3: xlsx read by saxes; 4: per-task labels (full_labelset.tsv)
  async load(ctx) {
    const doc = await fetchRequired(ctx, ctx.url);
    const file = fileNameOf(doc.url);
    const table = isZip(doc.body) ? feltenSheetAsCsv(doc.body, file) : decodeSourceText(doc.body, file);
    if (isTaskLabelset(table.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '', stringOption(ctx, 'method'))) {
      return doc.changed ? taskLabelBatch(table, file, doc.url) : 'unchanged';
    }
    const method = readMethod(ctx, table, file);
    if (method === 'gpts-are-gpts') {
      if (!doc.changed) return 'unchanged';
      const { records, rejects } = parseGptsExposureCsv(table, file);
      const facts = records.map(
        (r): FactInput => ({
          career: { onetCode: r.code },
          key: FACT_KEYS.aiExposure,
          period: METHOD_PERIODS[r.method],
          documentUrl: doc.url,
          value: {
            method: r.method,
            scale: r.scale,
            score: r.score,
            percent: r.percent,
            headlineColumn: GPTS_HEADLINE,
            columns: r.columns,
            codeVintage: 'onet-soc-2019',
            crosswalk: null,
          } satisfies AiExposureFact,
        }),
      );
      return batchOf(facts, rejects, records.length);
    }
    const crosswalkUrl = stringOption(ctx, 'crosswalkUrl');
    if (!crosswalkUrl)
      throw new IngestRejectedError(
        `source "${ctx.sourceId}": Felten AIOE uses SOC 2010 codes; set option "crosswalkUrl" to the O*NET-SOC 2010 → 2019 crosswalk`,
      );
    const cw = await fetchRequired(ctx, new URL(crosswalkUrl, ctx.url).toString());
    if (!doc.changed && !cw.changed) return 'unchanged';
    const { records, rejects } = parseFeltenAioeCsv(table, file);
    const crosswalk = parseSocCrosswalkCsv(cw.body, fileNameOf(cw.url));
    if (records.length === 0) return batchOf([], rejects, 0);
    const facts = joinThroughCrosswalk(records, crosswalk.records, doc.url);
    return batchOf(facts, [...rejects, ...crosswalk.rejects], records.length + crosswalk.records.length);
  },
};

function batchOf(facts: FactInput[], rejects: NormalizedBatch['rejects'], records: number): NormalizedBatch {
  return { careers: [], facts, rejects, parsed: records + rejects.length, ownedKeys: [FACT_KEYS.aiExposure] };
}

/** The `method` option, else the header: GPTs-are-GPTs has `dv_rating_beta`, Felten an `AIOE` column. */
function readMethod(ctx: AdapterContext, table: string, file: string): 'gpts-are-gpts' | 'felten' {
  const option = stringOption(ctx, 'method');
  if (option === 'gpts-are-gpts') return 'gpts-are-gpts';
  if (option === 'felten-aioe' || option === 'felten-lm-aioe') return 'felten';
  if (option) throw new IngestRejectedError(`source "${ctx.sourceId}": option "method" must be gpts-are-gpts, felten-aioe or felten-lm-aioe, not "${option}"`);
  const header = table.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  if (header.includes(GPTS_HEADLINE)) return 'gpts-are-gpts';
  if (/\bAIOE\b/.test(header)) return 'felten';
  throw new SourceFormatError(`${file}: neither a GPTs-are-GPTs (${GPTS_HEADLINE}) nor a Felten AIOE table; header is ${header.slice(0, 200)}`);
}

/**
 * Felten's 6-digit SOC 2010 score applies to every O*NET-SOC 2010 occupation under that code;
 * the crosswalk then carries it to 2019 codes (a split copies it, a merge takes the unweighted
 * mean: the crosswalk has no employment weights). The percentile rank travels the same way.
 */
function joinThroughCrosswalk(records: AiExposureRecord[], pairs: ReturnType<typeof parseSocCrosswalkCsv>['records'], documentUrl: string): FactInput[] {
  const bySoc = new Map(records.map((r) => [r.code, r]));
  const scores = new Map<string, number>();
  const percents = new Map<string, number>();
  for (const { code2010 } of pairs) {
    const r = bySoc.get(toSocCode(code2010)!);
    if (r) {
      scores.set(code2010, r.score);
      percents.set(code2010, r.percent);
    }
  }
  const joined = crosswalkValues(scores, pairs);
  const joinedPercent = crosswalkValues(percents, pairs);
  const first = records[0]!;
  const headlineColumn = Object.keys(first.columns)[0]!;
  const facts: FactInput[] = [];
  for (const [code2019, v] of joined) {
    const socs = [...new Set(v.from.map((c) => toSocCode(c)!))];
    // One SOC 2010 code behind it (however many O*NET detail codes): its published figures hold
    // exactly (a mean of equal values can differ in the last binary digit).
    const only = socs.length === 1 ? bySoc.get(socs[0]!)! : null;
    facts.push({
      career: { onetCode: code2019 },
      key: FACT_KEYS.aiExposure,
      period: METHOD_PERIODS[first.method],
      documentUrl,
      value: {
        method: first.method,
        scale: first.scale,
        score: only?.score ?? v.value,
        percent: only?.percent ?? joinedPercent.get(code2019)!.value,
        headlineColumn,
        columns: only?.columns ?? {},
        codeVintage: 'soc-2010',
        crosswalk: { rule: v.rule, from: v.from },
      } satisfies AiExposureFact,
    });
  }
  return facts;
}

function isZip(body: Buffer): boolean {
  return body.subarray(0, 4).toString('latin1') === 'PK\u0003\u0004';
}

/** The publisher's xlsx: the sheet whose header has `SOC Code` and an AIOE column ("Appendix A", "LM AIOE"), as CSV text. */
function feltenSheetAsCsv(body: Buffer, file: string): string {
  try {
    for (const name of listXlsxSheets(body)) {
      const rows = readXlsxSheet(body, name).rows;
      const header = rows[0]?.fields ?? [];
      if (!header.includes('SOC Code') || !header.some((h) => /AIOE$/.test(h))) continue;
      return writeCsv(
        rows.map((r) => [...r.fields, ...Array<string>(Math.max(0, header.length - r.fields.length)).fill('')]),
        { escapeFormulas: false },
      );
    }
  } catch (err) {
    if (err instanceof XlsxFormatError) throw new SourceFormatError(`${file}: ${err.message}`);
    throw err;
  }
  throw new SourceFormatError(`${file}: no sheet with "SOC Code" and an AIOE column`);
}
