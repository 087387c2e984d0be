/**
 * Dingel & Neiman (2020) teleworkability (`occupations_workathome.csv`, O*NET-SOC 2010 codes, or
 * `onet_teleworkable_blscodes.csv`, 6-digit SOC 2010) joined to O*NET-SOC 2019 codes through
 * the crosswalk named by the `crosswalkUrl` option (a second document of this source).
 */
import { crosswalkValues, toSocCode } from '../../../core/soc.js';
import { FACT_KEYS, type TeleworkFact } from '../../../core/fact-keys.js';
import { IngestRejectedError, type FactInput, type SourceAdapter } from '../../types.js';
import { fetchRequired, fileNameOf, stringOption } from '../adapter-kit.js';
import { parseSocCrosswalkCsv } from './parse-crosswalk.js';
import { parseTeleworkCsv } from './parse.js';

/** Dingel & Neiman, "How Many Jobs Can be Done at Home?", Journal of Public Economics (2020). */
const DEFAULT_PERIOD = '2020';

export const teleworkAdapter: SourceAdapter = {
  kind: 'telework',
  version: 2, // 2: CSV read by csv-parse (unclosed quotes are rejects, a lone CR ends a line)
  async load(ctx) {
    const crosswalkUrl = stringOption(ctx, 'crosswalkUrl');
    if (!crosswalkUrl)
      throw new IngestRejectedError(
        `source "${ctx.sourceId}": Dingel-Neiman uses 2010 codes; set option "crosswalkUrl" to the O*NET-SOC 2010 → 2019 crosswalk`,
      );
    const doc = await fetchRequired(ctx, ctx.url);
    const cw = await fetchRequired(ctx, new URL(crosswalkUrl, ctx.url).toString());
    if (!doc.changed && !cw.changed) return 'unchanged';
    const { records, rejects } = parseTeleworkCsv(doc.body, fileNameOf(doc.url));
    const crosswalk = parseSocCrosswalkCsv(cw.body, fileNameOf(cw.url));
    // A 6-digit value (the BLS-coded file) stands for every O*NET 2010 occupation under it;
    // an 8-char value is that occupation's own.
    const values = new Map<string, number>();
    const bySoc = new Map(records.filter((r) => r.codeVintage === 'soc-2010').map((r) => [r.code, r.teleworkable]));
    for (const r of records) if (r.codeVintage === 'onet-soc-2010') values.set(r.code, r.teleworkable);
    if (bySoc.size) {
      for (const { code2010 } of crosswalk.records) {
        const v = bySoc.get(toSocCode(code2010)!);
        if (v !== undefined && !values.has(code2010)) values.set(code2010, v);
      }
    }
    const period = stringOption(ctx, 'period') ?? DEFAULT_PERIOD;
    const facts: FactInput[] = [];
    for (const [code2019, v] of crosswalkValues(values, crosswalk.records)) {
      // Equal values merged (detail codes of one 6-digit code) keep their exact value.
      const merged = new Set(v.from.map((c) => values.get(c)!));
      const value: TeleworkFact = { method: 'dingel-neiman-2020', value: merged.size === 1 ? [...merged][0]! : v.value, rule: v.rule, from: v.from };
      facts.push({ career: { onetCode: code2019 }, key: FACT_KEYS.telework, period, value, documentUrl: doc.url });
    }
    const allRejects = [...rejects, ...crosswalk.rejects];
    return { careers: [], facts, rejects: allRejects, parsed: records.length + crosswalk.records.length + allRejects.length, ownedKeys: [FACT_KEYS.telework] };
  },
};
