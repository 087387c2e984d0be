/**
 * Indeed Hiring Lab job postings index by occupational sector (CC BY 4.0; attribution: Indeed
 * Hiring Lab) → per mapped career one `postings-index` fact per calendar month: the sector's mean
 * daily index that month. Sectors reach careers through the reviewed table in sectors.ts
 * (option `sectors` replaces it: `{ "Software Development": ["15-1252"] }`).
 */
import { isSocCode } from '../../../core/soc.js';
import { FACT_KEYS, type PostingsIndexFact } from '../../../core/fact-keys.js';
import { IngestRejectedError, type AdapterContext, type FactInput, type SourceAdapter } from '../../types.js';
import { fetchRequired, fileNameOf } from '../adapter-kit.js';
import { parseSectorIndex } from './parse.js';
import { SECTOR_SOC_CODES } from './sectors.js';

export const postingsIndexAdapter: SourceAdapter = {
  kind: 'postings-index',
  version: 1,
  async load(ctx) {
    const sectors = sectorOption(ctx);
    const doc = await fetchRequired(ctx, ctx.url);
    if (!doc.changed) return 'unchanged';
    const { records, rejects } = parseSectorIndex(doc.body, fileNameOf(doc.url));
    const facts: FactInput[] = [];
    for (const r of records) {
      const value: PostingsIndexFact = {
        sector: r.sector,
        index: r.index,
        days: r.days,
        base: '2020-02-01 = 100',
        attribution: 'Indeed Hiring Lab (CC BY 4.0)',
      };
      for (const soc6 of sectors[r.sector] ?? []) facts.push({ career: { soc6 }, key: FACT_KEYS.postingsIndex, period: r.month, value, documentUrl: doc.url });
    }
    const unmapped = [...new Set(records.map((r) => r.sector))].filter((s) => !sectors[s]);
    if (unmapped.length) ctx.log.info({ sectors: unmapped }, 'sectors without a career mapping are not attached');
    return { careers: [], facts, rejects, parsed: records.length + rejects.length, ownedKeys: [FACT_KEYS.postingsIndex] };
  },
};

function sectorOption(ctx: AdapterContext): Readonly<Record<string, readonly string[]>> {
  const v = ctx.options.sectors;
  if (v === undefined || v === null) return SECTOR_SOC_CODES;
  const ok =
    typeof v === 'object' &&
    !Array.isArray(v) &&
    Object.values(v).every((codes) => Array.isArray(codes) && codes.every((c) => typeof c === 'string' && isSocCode(c)));
  if (!ok) throw new IngestRejectedError(`source "${ctx.sourceId}": option "sectors" must map sector names to lists of 6-digit SOC codes`);
  return v as Record<string, string[]>;
}
