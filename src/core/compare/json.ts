/**
 * The served comparison as JSON text, written straight from the stored compact form. It is
 * byte for byte `JSON.stringify(expandComparison(c, pa, pb))` (a test holds the two equal),
 * but joins pre-serialized pieces of each career — its side and each skill's `{key, label}` —
 * instead of building a few hundred objects per pair and serializing them again. The pair is
 * read by `readPair`, as for the objects; the work per pair is that read, the text and the joins.
 */
import { readPair } from './compare.js';
import type { PreparedCareer } from './prepare.js';
import { commonConcepts } from './skill-overlap.js';
import { writeText } from './text.js';
import type { CompactComparison, Verdicts } from './types.js';
import { lettersToVerdicts } from './verdicts.js';

/** Pre-serialized pieces of one prepared career. */
interface Fragments {
  side: string;
  /** `{"key":…,"label":…}` of each skill, in `skills` order. */
  refs: string[];
  /** The refs joined by commas, and where each one starts in it. */
  joined: string;
  starts: Int32Array;
}

const fragmentsOf = new WeakMap<PreparedCareer, Fragments>();

function fragments(p: PreparedCareer): Fragments {
  let f = fragmentsOf.get(p);
  if (!f) {
    const refs = p.skills.map((s) => JSON.stringify({ key: s.key, label: s.label }));
    const starts = new Int32Array(refs.length);
    for (let i = 1; i < refs.length; i++) starts[i] = starts[i - 1]! + refs[i - 1]!.length + 1;
    f = { side: JSON.stringify(p.side), refs, joined: refs.join(','), starts };
    fragmentsOf.set(p, f);
  }
  return f;
}

// At most 3^7 verdict strings.
const verdictsCache = new Map<string, { record: Verdicts; json: string }>();
function verdictsOf(letters: string): { record: Verdicts; json: string } {
  let v = verdictsCache.get(letters);
  if (!v) {
    const record = lettersToVerdicts(letters);
    v = { record, json: JSON.stringify(record) };
    verdictsCache.set(letters, v);
  }
  return v;
}

/**
 * The refs not in `taken`, comma-joined: slices of the joined string between the taken ones,
 * so a list of a hundred skills with a few shared costs a few slices, not a hundred joins.
 */
function refsExcept(f: Fragments, taken: Uint8Array): { json: string; count: number } {
  let json = '';
  let count = 0;
  let runStart = -1;
  const n = f.refs.length;
  for (let i = 0; i <= n; i++) {
    if (i < n && !taken[i]) {
      if (runStart < 0) runStart = i;
      count++;
    } else if (runStart >= 0) {
      const end = f.starts[i - 1]! + f.refs[i - 1]!.length;
      json += (json === '' ? '' : ',') + f.joined.slice(f.starts[runStart]!, end);
      runStart = -1;
    }
  }
  return { json, count };
}

/** The comparison of `pa` and `pb` (in that order) as JSON, from its compact form in that order. */
export function comparisonJson(c: CompactComparison, pa: PreparedCareer, pb: PreparedCareer): string {
  const fa = fragments(pa);
  const fb = fragments(pb);
  const r = readPair(c, pa, pb);
  let shared = '';
  for (const [k, [i, j]] of r.shared.entries()) {
    const labelB = pb.skills[j]!.label;
    const ref = fa.refs[i]!;
    shared += (k === 0 ? '' : ',') + (labelB === pa.skills[i]!.label ? ref : `${ref.slice(0, -1)},"labelB":${JSON.stringify(labelB)}}`);
  }
  const onlyA = refsExcept(fa, r.inSharedA);
  const onlyB = refsExcept(fb, r.inSharedB);
  let related = '';
  let firstRelatedConcepts: string[] | undefined;
  for (const [k, [i, j]] of r.related.entries()) {
    const concepts = commonConcepts(pa.concepts[i] ?? [], pb.concepts[j] ?? []);
    if (k === 0) firstRelatedConcepts = concepts;
    related += `${k === 0 ? '' : ','}{"a":${fa.refs[i]},"b":${fb.refs[j]},"concepts":${JSON.stringify(concepts)}}`;
  }
  const verdicts = verdictsOf(c.v);
  const text = writeText({
    a: pa.side,
    b: pb.side,
    verdicts: verdicts.record,
    transition: r.transition,
    skills: { onlyA: onlyA.count, shared: r.shared.length, onlyB: onlyB.count, related: r.related.length, firstRelatedConcepts, overlap: c.o },
  });
  return (
    `{"a":${fa.side},"b":${fb.side},"verdicts":${verdicts.json},` +
    `"skills":{"onlyA":[${onlyA.json}],"shared":[${shared}],"onlyB":[${onlyB.json}],"related":[${related}],"overlap":${c.o}},` +
    `"transition":${JSON.stringify(r.transition)},"ratedSkills":${JSON.stringify(r.ratedSkills)},"asOf":${JSON.stringify(r.asOf)},` +
    `"summary":${JSON.stringify(text.summary)},"chooseA":${JSON.stringify(text.chooseA)},` +
    `"chooseB":${JSON.stringify(text.chooseB)},"conclusion":${JSON.stringify(text.conclusion)},"version":${JSON.stringify(c.h)}}`
  );
}
