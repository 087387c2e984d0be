import type { SqlOrTx } from '../db/client.js';
import { readCareers, readFacts, readOnetAliases, readOnetCareerText, type CareerRow, type FactRow } from '../db/queries/facts.js';
import { sourceLabel } from '../core/provenance.js';
import { careerFactsOf, type CareerFacts, type SurveyDistribution, type TechnologySkill } from '../core/metrics/facts.js';
import { comparePeriods } from '../core/periods.js';
import type { Difficulty, EntryBarrier } from '../core/metrics/types.js';
import type { SkillInput } from '../core/compare/types.js';
import { buildSkillTaxonomy, cleanSkillName, conceptsOf, extractSkills, type SkillTaxonomy } from '../core/skills.js';
import { buildTitleMatcher } from '../core/title-match.js';
import { FACT_KEYS } from '../core/fact-keys.js';
import { attachRatingEstimates } from './rating-estimates.js';
import { internString } from '../core/intern.js';
import { roundTo } from '../core/metrics/figure.js';
import { slugify } from '../core/text-normalize.js';
import type {
  AiExposureFact,
  DeclaredFact,
  EducationFact,
  InterestsFact,
  TaskExposureFact,
  TasksFact,
  WorkStylesFact,
  RatingsFact,
  RelatedOccupationsFact,
  JobZoneFact,
  PostingsFact,
  PostingsIndexFact,
  ProjectionsFact,
  SalarySurveyFact,
  TechSkillsFact,
  TeleworkFact,
  WagesBreakFact,
  WagesFact,
} from '../core/fact-keys.js';

/** The name shown for a source: the publisher and dataset, never an internal id alone. */
const METHOD_LABELS: Record<string, string> = {
  'gpts-are-gpts': 'GPTs are GPTs (Eloundou et al. 2023)',
  'felten-aioe': 'Felten, Raj & Seamans AIOE (2021)',
  'felten-lm-aioe': 'Felten, Raj & Seamans language-modeling AIOE (2023)',
};
const sourceOf = (row: FactRow) => sourceLabel(row.kind, row.source_id, row.snapshot_retrieved);
/** A method's label, and while its source serves the bundled snapshot, that it does. */
const withServed = (label: string, row: FactRow) => (row.snapshot_retrieved ? `${label} (bundled snapshot, retrieved ${row.snapshot_retrieved})` : label);

const DIFFICULTIES = ['Beginner', 'Intermediate', 'Advanced', 'Expert'];
const BARRIERS = ['Low', 'Medium', 'High'];

export interface CareerBundle {
  facts: CareerFacts;
  skills: SkillInput[];
}

/** Groups fact rows by career, keeping their order. */
export function groupFacts(rows: readonly FactRow[]): Map<number, FactRow[]> {
  const byCareer = new Map<number, FactRow[]>();
  for (const r of rows) {
    const list = byCareer.get(r.career_id);
    if (list) list.push(r);
    else byCareer.set(r.career_id, [r]);
  }
  return byCareer;
}

/** The canonical-skill lookup built from every career's O*NET technology skills (memoized per label). */
export function skillKeysOf(rows: readonly FactRow[]): (label: string) => string[] {
  return memoKey(
    buildSkillTaxonomy(
      rows
        .filter((r) => r.key === 'tech-skills')
        .flatMap((r) =>
          (r.value as TechSkillsFact).map((t) => ({
            example: t.example,
            commodityTitle: t.commodityTitle,
            hot: t.hot,
            inDemand: t.inDemand,
          })),
        ),
    ),
  );
}

/**
 * Reads every career and fact and turns them into the inputs of the pure metric and
 * comparison code: CareerFacts (with provenance on each observation) and canonical skills.
 * `bundle-cache.ts` does the same incrementally.
 */
export async function loadCareerBundles(sql: SqlOrTx): Promise<Map<number, CareerBundle>> {
  const careers = await readCareers(sql);
  const rows = await readFacts(sql, null);
  const byCareer = groupFacts(rows);
  const keyOf = skillKeysOf(rows);
  const bundles = new Map<number, CareerBundle>();
  for (const c of careers) bundles.set(c.id, assembleCareer(c, byCareer.get(c.id) ?? [], keyOf));
  attachEstimates(bundles, await closestOnetCareers(sql, careers));
  attachRatingEstimates(bundles);
  return bundles;
}

function memoKey(taxonomy: SkillTaxonomy): (label: string) => string[] {
  const memo = new Map<string, string[]>();
  return (label) => {
    let keys = memo.get(label);
    if (!keys) {
      keys = extractSkills(label, taxonomy);
      memo.set(label, keys);
    }
    return keys;
  };
}

/** One career's CareerFacts and skills from its fact rows (in `readFacts` order). */
export function assembleCareer(c: CareerRow, rows: FactRow[], keyOf: (label: string) => string[]): CareerBundle {
  const facts: CareerFacts = careerFactsOf({
    id: String(c.id),
    slug: c.slug,
    title: c.title,
    category: c.category,
    origin: c.origin,
    onetCode: c.onet_code,
    asOf: rows.reduce<string | null>((m, r) => (m === null || r.updated_at > m ? r.updated_at : m), null)?.slice(0, 10) ?? null,
  });
  const skills: SkillInput[] = [];
  let jobZone: JobZoneFact | null = null;
  let education: { row: FactRow; value: EducationFact } | null = null;
  for (const r of rows) {
    const prov = { source: sourceOf(r), period: r.period };
    switch (r.key) {
      case 'wages': {
        const w = r.value as WagesFact;
        facts.wages.push({
          ...prov,
          employment: w.employment,
          p10: w.annual.p10,
          p25: w.annual.p25,
          median: w.annual.median,
          p75: w.annual.p75,
          p90: w.annual.p90,
          topCoded: w.topCoded,
          ...(w.mapped ? { mapped: { from: w.mapped.from.code, share: w.mapped.share } } : {}),
          ...(w.derivedFromHourly ? { hourlyOnly: true as const } : {}),
        });
        break;
      }
      case 'salary-survey': {
        const s = r.value as SalarySurveyFact;
        addSurveyYear(facts.salarySurveys, {
          ...prov,
          workYear: Number(r.period),
          count: s.count,
          min: s.min,
          p25: s.p25,
          median: s.median,
          p75: s.p75,
          max: s.max,
          survey: s.survey ?? prov.source,
          snapshot: s.snapshot ?? '',
        });
        break;
      }
      case 'projections': {
        const p = r.value as ProjectionsFact;
        (facts.projections ??= []).push({
          ...prov,
          changePct: p.changePct,
          annualOpenings: p.annualOpenings,
          employmentBase: p.employmentBase,
          employmentTarget: p.employmentTarget,
        });
        break;
      }
      case 'postings-index': {
        const p = r.value as PostingsIndexFact;
        (facts.postingsIndex ??= []).push({ ...prov, sector: p.sector, index: p.index });
        break;
      }
      case 'wages-break':
        (facts.wageBreaks ??= []).push({ ...prov, reason: (r.value as WagesBreakFact).reason });
        break;
      case 'postings':
        facts.postings.push({ ...prov, count: (r.value as PostingsFact).count });
        break;
      case 'tech-skills': {
        const items = r.value as TechSkillsFact;
        facts.technologySkills = items.map(
          (t): TechnologySkill => ({
            name: t.example,
            commodityCode: Number(t.commodityCode),
            commodityTitle: t.commodityTitle,
            hot: t.hot,
            inDemand: t.inDemand,
          }),
        );
        facts.technologySource = prov;
        for (const t of items) skills.push({ ...skillOf(t.example, keyOf, t.hot || t.inDemand), group: t.commodityTitle });
        break;
      }
      case 'skill-ratings':
      case 'knowledge-ratings': {
        const domain = r.key === 'skill-ratings' ? 'skill' : 'knowledge';
        // Shown precision, shared strings: these objects are the items the metrics rank (see ratings.ts).
        const list = (r.value as RatingsFact).elements.map(
          (e) =>
            ({
              id: internString(e.id),
              name: internString(e.name),
              domain,
              importance: roundTo(e.importance, 1),
              level: roundTo(e.level, 1),
            }) as const,
        );
        if (facts.ratings) facts.ratings.elements.push(...list);
        else facts.ratings = { ...prov, elements: list };
        break;
      }
      case 'related-occupations':
        facts.relatedOccupations = (r.value as RelatedOccupationsFact).map((o) => ({ code: o.code, tier: o.tier }));
        break;
      case 'job-zone':
        jobZone = r.value as JobZoneFact;
        break;
      case 'education':
        education = { row: r, value: r.value as EducationFact };
        break;
      case 'ai-exposure': {
        const a = r.value as AiExposureFact;
        facts.aiExposure.push({
          source: withServed(METHOD_LABELS[a.method] ?? a.method, r),
          period: r.period,
          method: a.method,
          measure: a.headlineColumn,
          headline: true,
          value: a.score,
        });
        break;
      }
      case 'interests':
        facts.interests = { ...prov, scores: (r.value as InterestsFact).scores };
        break;
      case 'work-styles':
        facts.workStyles = { ...prov, styles: (r.value as WorkStylesFact).map((w) => ({ name: w.name, importance: w.importance })) };
        break;
      case 'tasks':
        facts.tasks = { ...prov, tasks: r.value as TasksFact };
        break;
      case 'task-exposure':
        facts.taskExposure = { source: withServed(METHOD_LABELS['gpts-are-gpts']!, r), period: r.period, labels: r.value as TaskExposureFact };
        break;
      case 'telework':
        facts.telework = { ...prov, value: (r.value as TeleworkFact).value };
        break;
      case 'declared': {
        const d = r.value as DeclaredFact;
        const opt = <T>(v: T | null) => (v === null ? undefined : v);
        facts.declared = {
          ...prov,
          salaryMin: opt(d.salaryMin),
          salaryMax: opt(d.salaryMax),
          demandScore: opt(d.demandScore),
          aiRiskPct: opt(d.aiRiskPct),
          learningCurveMonths: opt(d.learningCurveMonths),
          difficulty: DIFFICULTIES.includes(d.difficulty ?? '') ? (d.difficulty as Difficulty) : undefined,
          entryBarrier: BARRIERS.includes(d.entryBarrier ?? '') ? (d.entryBarrier as EntryBarrier) : undefined,
          remoteFriendly: opt(d.remoteFriendly),
          requiresCoding: opt(d.requiresCoding),
        };
        for (const phrase of d.skills) skills.push(skillOf(phrase, keyOf, false));
        break;
      }
      default:
        break;
    }
  }
  const prep = (jobZone ?? education) ? preparationOf(jobZone, education, rows) : null;
  if (prep) facts.preparation = prep;
  return { facts, skills };
}

/**
 * One survey year per survey: a later snapshot of the same survey replaces an earlier one's
 * figures for that year (equal snapshots: the first source in id order stays).
 */
function addSurveyYear(list: SurveyDistribution[], d: SurveyDistribution): void {
  const at = list.findIndex((x) => x.survey === d.survey && x.workYear === d.workYear);
  if (at < 0) list.push(d);
  else if (comparePeriods(d.snapshot ?? '', list[at]!.snapshot ?? '') > 0) list[at] = d;
}

/**
 * A skill for comparisons: an O*NET technology keeps its canonical key; a page's long phrase
 * gets a key of its own. Concepts are the phrase's concept tags plus the canonical skills it
 * names, so "PyTorch/TensorFlow proficiency" relates to O*NET's PyTorch.
 */
function skillOf(label: string, keyOf: (label: string) => string[], hot: boolean): SkillInput {
  const clean = cleanSkillName(label);
  const keys = keyOf(clean);
  const key = keys.length === 1 && clean.split(/\s+/).length <= 4 ? keys[0]! : slugify(clean).slice(0, 80) || 'skill';
  return { key, label: clean, concepts: [...new Set([...conceptsOf(clean), ...keys])].sort(), ...(hot ? { hot } : {}) };
}

function preparationOf(zone: JobZoneFact | null, edu: { row: FactRow; value: EducationFact } | null, rows: FactRow[]): CareerFacts['preparation'] {
  const src = rows.find((r) => r.key === 'job-zone') ?? edu?.row;
  const e = edu?.value;
  const training = [e?.onSiteTraining?.typicalMonths, e?.onTheJobTraining?.typicalMonths].filter((m): m is number => typeof m === 'number');
  return {
    source: src ? sourceOf(src) : 'O*NET',
    period: src?.period ?? null,
    jobZone: zone?.jobZone ?? null,
    typicalEducationLevel: e?.education?.modalCategory ?? null,
    experienceMonths: e?.relatedWork?.typicalMonths ?? null,
    trainingMonths: training.length ? training.reduce((a, b) => a + b, 0) : null,
  };
}

/**
 * Career-page careers borrow missing figures from their closest O*NET occupation by title:
 * page career id → O*NET career id (pages without a close enough occupation are left out).
 */
export async function closestOnetCareers(sql: SqlOrTx, careers: readonly CareerRow[]): Promise<Map<number, number>> {
  const closest = new Map<number, number>();
  const pages = careers.filter((c) => c.origin === 'career-page');
  if (pages.length === 0) return closest;
  // Names, description and task statements, as the ingest's career directory gives them: generic
  // titles with a field ("Scientist, Toxicology") are ranked on the text.
  const aliases = await readOnetAliases(sql);
  const texts = new Map((await readOnetCareerText(sql, FACT_KEYS.tasks)).map((t) => [t.career_id, t]));
  const byCareer = new Map<number, { aliases: string[]; aliasEvidence: number[] }>();
  for (const a of aliases) {
    const named = byCareer.get(a.career_id) ?? byCareer.set(a.career_id, { aliases: [], aliasEvidence: [] }).get(a.career_id)!;
    named.aliases.push(a.alias);
    named.aliasEvidence.push(a.evidence);
  }
  const matcher = buildTitleMatcher(
    careers
      .filter((c) => c.origin === 'onet')
      .map((c) => ({
        id: String(c.id),
        title: c.title,
        aliases: [],
        ...byCareer.get(c.id),
        description: texts.get(c.id)?.description ?? null,
        tasks: texts.get(c.id)?.tasks ?? [],
      })),
  );
  for (const c of pages) {
    const m = matcher.match(c.title);
    const best = m.matched ? m.careerId : m.candidates[0] && m.candidates[0].confidence >= 0.5 ? m.candidates[0].careerId : null;
    if (best !== null) closest.set(c.id, Number(best));
  }
  return closest;
}

/** Points each page career's `estimatedFrom` at its closest occupation's current facts (or at none). */
export function attachEstimates(bundles: ReadonlyMap<number, CareerBundle>, closest: ReadonlyMap<number, number>): void {
  for (const [id, b] of bundles) {
    if (b.facts.origin !== 'career-page') continue;
    const onetId = closest.get(id);
    const from = onetId === undefined ? undefined : bundles.get(onetId);
    if (from) b.facts.estimatedFrom = from.facts;
    else delete b.facts.estimatedFrom;
  }
}
