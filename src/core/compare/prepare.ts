/**
 * Per-career precomputation, done once per career and reused for all of its pairs: the shown
 * side, verdict inputs at display precision, skills deduplicated and sorted by key, a concept
 * → skill index, and the side's content digest.
 */
import { buildSide, verdictInputs } from './display.js';
import type { CareerForComparison, ComparisonSide, SkillInput } from './types.js';
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
}

function dedupeSkills(skills: readonly SkillInput[]): SkillInput[] {
  const seen = new Map<string, SkillInput>();
  for (const s of skills) {
    const prev = seen.get(s.key);
    if (!prev) seen.set(s.key, s);
    else seen.set(s.key, { ...prev, concepts: [...prev.concepts, ...s.concepts], hot: prev.hot || s.hot });
  }
  return [...seen.values()].sort(byKey);
}

/** Prepares one career for comparisons (about 10 µs for a career with 100 skills). */
export function prepareCareer(input: CareerForComparison): PreparedCareer {
  const side = buildSide(input.career, input.metrics);
  const skills = dedupeSkills(input.skills);
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
  };
}
