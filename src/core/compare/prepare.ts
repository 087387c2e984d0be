/**
 * Per-career precomputation, done once per career and reused for all of its pairs: the shown
 * side, verdict inputs at display precision, skills deduplicated and sorted by key, a concept
 * → skill index, and the side's content digest.
 */
import { buildSide, verdictInputs } from './display.js';
import { RELATED_TIERS, type CareerForComparison, type ComparisonSide, type SkillInput } from './types.js';
import { prepareRatings, type PreparedRatings } from './ratings.js';
import { MAX_SKILL_INDEX } from './codec.js';
import { byKey, sideDigest } from './version.js';

// Process-local ids for skill keys and concepts: integer merges are several times faster
// than string merges. Ids never leave the process (stored indexes are positions in the
// key-sorted skill list), and the table holds one entry per distinct key or concept.
const ids = new Map<string, number>();
function internId(s: string): number {
  let id = ids.get(s);
  if (id === undefined) {
    id = ids.size;
    ids.set(s, id);
  }
  return id;
}

/** What `comparePrepared` needs from one career. Treat as immutable. */
export interface PreparedCareer {
  slug: string;
  side: ComparisonSide;
  /** Verdict inputs in VERDICT_KEYS order, display precision, NaN = unknown. */
  inputs: Float64Array;
  /** Learning curve in whole months, or null. */
  learningCurve: number | null;
  /** Skills sorted by key (code-unit order), one per key. */
  skills: SkillInput[];
  keys: string[];
  keyIndex: Map<string, number>;
  /** Each skill's concepts, sorted and unique. */
  concepts: string[][];
  /** Interned ids of the skill keys, ascending, and each one's index in `skills`. */
  keyIds: Int32Array;
  keyPos: Int32Array;
  /** Interned ids of every concept of the career, ascending, unique. */
  conceptIds: Int32Array;
  /** conceptSkills[k]: indexes of the skills tagged with conceptIds[k], ascending. */
  conceptSkills: Int32Array[];
  digest: string;
  /** Rated skills and knowledge as dense arrays; null when the career has none. */
  ratings: PreparedRatings | null;
  /** O*NET related occupations: code → index in RELATED_TIERS (best tier when listed twice). */
  related: Map<string, number>;
}

function dedupeSkills(skills: readonly SkillInput[]): SkillInput[] {
  const seen = new Map<string, SkillInput>();
  for (const s of skills) {
    const prev = seen.get(s.key);
    if (!prev) seen.set(s.key, s);
    else
      seen.set(s.key, {
        ...prev,
        concepts: [...prev.concepts, ...s.concepts],
        hot: prev.hot || s.hot,
        ...((prev.group ?? s.group) ? { group: prev.group ?? s.group } : {}),
      });
  }
  return [...seen.values()].sort(byKey);
}

function relatedTiers(m: CareerForComparison['metrics']): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of m.onet?.related ?? []) {
    const t = (RELATED_TIERS as readonly string[]).indexOf(r.tier);
    if (t >= 0 && (out.get(r.code) ?? Infinity) > t) out.set(r.code, t);
  }
  return out;
}

/** Prepares one career for comparisons (about 10 µs for a career with 100 skills). */
export function prepareCareer(input: CareerForComparison): PreparedCareer {
  const skills = dedupeSkills(input.skills);
  const side = buildSide(input.career, input.metrics, skills);
  if (skills.length > MAX_SKILL_INDEX + 1) {
    throw new Error(`career ${input.career.slug} has ${skills.length} skills; at most ${MAX_SKILL_INDEX + 1} fit the compact form`);
  }
  const concepts = skills.map((s) => [...new Set(s.concepts)].sort());
  const index = new Map<string, number[]>();
  concepts.forEach((list, i) => {
    for (const c of list) {
      const at = index.get(c);
      if (at) at.push(i);
      else index.set(c, [i]);
    }
  });
  const concepted = [...index.keys()].map((c) => [internId(c), index.get(c) ?? []] as const).sort((x, y) => x[0] - y[0]);
  const keyed = skills.map((sk, i) => [internId(sk.key), i] as const).sort((x, y) => x[0] - y[0]);
  const lc = side.learningCurveMonths.value;
  return {
    slug: side.slug,
    side,
    inputs: verdictInputs(side),
    learningCurve: lc,
    skills,
    keys: skills.map((s) => s.key),
    keyIndex: new Map(skills.map((s, i) => [s.key, i])),
    concepts,
    keyIds: Int32Array.from(keyed, (k) => k[0]),
    keyPos: Int32Array.from(keyed, (k) => k[1]),
    conceptIds: Int32Array.from(concepted, (c) => c[0]),
    conceptSkills: concepted.map((c) => Int32Array.from(c[1])),
    digest: sideDigest(side, skills),
    ratings: prepareRatings(side.ratings.value),
    related: relatedTiers(input.metrics),
  };
}
