/**
 * ai-jobs.net salary survey (`salaries.csv`): free-text titles matched to careers (exact title,
 * alias, then fuzzy above the matcher's threshold) → per career and work year a USD salary
 * distribution. Titles no career matches are listed for operators, never attached.
 */
import { FACT_KEYS, type SalarySurveyFact, type SeniorityLabel } from '../../../core/fact-keys.js';
import type { FactInput, SourceAdapter } from '../../types.js';
import { buildDirectoryMatcher, fetchRequired, fileNameOf, stringOption, type CareerMatch } from '../adapter-kit.js';
import { parseSalarySurvey } from './parse.js';
import { summarizeBySeniority, summarizeSalaries } from './summarize.js';

export const salarySurveyAdapter: SourceAdapter = {
  kind: 'salary-survey',
  // 2: titles matched with O*NET's alias evidence; 3: CSV read by csv-parse; 4: titles normalized, curated titles, ambiguity left
  // unmatched; 5: titles transliterated, plurals folded (series, classes); 6: operators' pins, title attributes and salaries by
  // seniority; 7: facts name their survey and snapshot
  version: 7,
  async load(ctx) {
    const doc = await fetchRequired(ctx, ctx.url);
    if (!doc.changed) return 'unchanged';
    const { records, rejects } = parseSalarySurvey(doc.body, fileNameOf(doc.url));
    await ctx.progress(30, `parsed ${records.length} salaries; matching titles`);
    const matcher = buildDirectoryMatcher(await ctx.careerDirectory(), await ctx.titlePins());
    // Every row goes through the matcher (cached per title) so unmatched counts are row counts.
    const matches = new Map<string, CareerMatch | null>();
    for (const r of records) matches.set(r.jobTitle, matcher.match(r.jobTitle));
    const summary = summarizeSalaries(records, (title) => matches.get(title)?.slug ?? null);
    // Sources reading snapshots of one survey name it alike (option `survey`): per year the newest snapshot's figures count.
    const survey = stringOption(ctx, 'survey') ?? ctx.sourceId;
    const snapshot = stringOption(ctx, 'snapshot') ?? String(records.reduce((y, r) => Math.max(y, r.workYear), 0));
    // Which titles fed each (career, year), for provenance.
    const titleCounts = new Map<string, Map<string, number>>();
    const bySeniority = new Map<string, { seniority: SeniorityLabel; amount: number }[]>();
    for (const r of records) {
      const m = matches.get(r.jobTitle);
      if (!m) continue;
      const key = `${m.slug}\u0000${r.workYear}`;
      const counts = titleCounts.get(key) ?? titleCounts.set(key, new Map()).get(key)!;
      counts.set(r.jobTitle, (counts.get(r.jobTitle) ?? 0) + 1);
      (bySeniority.get(key) ?? bySeniority.set(key, []).get(key)!).push({ seniority: m.attributes.seniority ?? 'unstated', amount: r.salaryInUsd });
    }
    const facts = summary.distributions.map((d): FactInput => {
      const titles = [...titleCounts.get(`${d.careerId}\u0000${d.workYear}`)!]
        .map(([title, count]) => {
          const m = matches.get(title)!;
          return { title, count, confidence: m.confidence, method: m.method, attributes: m.attributes };
        })
        .sort((a, b) => b.count - a.count || a.title.localeCompare(b.title));
      const value: SalarySurveyFact = {
        currency: 'USD',
        count: d.count,
        min: d.min,
        p25: d.p25,
        median: d.median,
        p75: d.p75,
        max: d.max,
        mean: d.mean,
        percentileMethod: 'linear',
        titles,
        bySeniority: summarizeBySeniority(bySeniority.get(`${d.careerId}\u0000${d.workYear}`)!),
        survey,
        snapshot,
      };
      return { career: { slug: d.careerId }, key: FACT_KEYS.salarySurvey, period: String(d.workYear), value, documentUrl: doc.url };
    });
    return {
      careers: [],
      facts,
      rejects,
      parsed: records.length + rejects.length,
      ownedKeys: [FACT_KEYS.salarySurvey],
      unmatched: matcher.unmatched(),
    };
  },
};
