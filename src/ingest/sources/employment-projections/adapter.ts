/**
 * BLS Employment Projections by detailed occupation (occupation.xlsx Table 1.2, or the CSV of
 * the projections search tool) → one `projections` fact per occupation (by 6-digit SOC) under its
 * projection period (`2022-32`). Each release is a period of its own, so the 2022–32 and 2024–34
 * releases (one source each, or one with option `history`) stand side by side.
 */
import { FACT_KEYS, type ProjectionsFact } from '../../../core/fact-keys.js';
import type { FactInput, SourceAdapter } from '../../types.js';
import { fetchRequired, fileNameOf, stringListOption } from '../adapter-kit.js';
import { parseProjections } from './parse.js';

export const employmentProjectionsAdapter: SourceAdapter = {
  kind: 'employment-projections',
  version: 1,
  async load(ctx) {
    const urls = [ctx.url, ...(stringListOption(ctx, 'history') ?? []).map((u) => new URL(u, ctx.url).href)];
    const docs = [];
    for (const url of urls) docs.push(await fetchRequired(ctx, url));
    if (docs.every((d) => !d.changed)) return 'unchanged';
    const facts: FactInput[] = [];
    const rejects = [];
    let parsed = 0;
    const periods = new Set<string>();
    for (const doc of docs) {
      const { records, rejects: bad } = parseProjections(doc.body, fileNameOf(doc.url));
      parsed += records.length + bad.length;
      rejects.push(...bad);
      for (const r of records) {
        periods.add(r.period);
        const { period, ...value } = r;
        facts.push({ career: { soc6: r.socCode }, key: FACT_KEYS.projections, period, value: value satisfies ProjectionsFact, documentUrl: doc.url });
      }
    }
    return { careers: [], facts, rejects, parsed, ownedKeys: [FACT_KEYS.projections], periods: [...periods] };
  },
};
