/**
 * The served comparison as JSON text, written straight from the stored compact form. It is
 * byte for byte `JSON.stringify(expandComparison(c, pa, pb))` (a test holds the two equal),
 * but joins pre-serialized pieces of each career — its side and each skill's `{key, label}` —
 * instead of building a few hundred objects per pair and serializing them again. This is the
 * API's cold read: the work per pair is the bitset walk, the text and the string joins.
 */
import { decodeIndexPairs } from './codec.js';
import type { PreparedCareer } from './prepare.js';
import { commonConcepts } from './skill-overlap.js';
import { writeText } from './text.js';
import { transitionDifficulty } from './transition.js';
import type { CompactComparison, Transition, Verdicts } from './types.js';
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

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const DIGIT = new Int8Array(128).fill(-1);
for (let i = 0; i < BASE64URL.length; i++) DIGIT[BASE64URL.charCodeAt(i)] = i;

function stale(pa: PreparedCareer, pb: PreparedCareer, what: string): Error {
  return new Error(`stale comparison ${pa.slug}/${pb.slug}: ${what}; recompute the pair`);
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

function transition(skillGap: number, months: number): Transition {
  const m = months < 0 ? null : months;
  return { skillGap, months: m, difficulty: transitionDifficulty(skillGap, m) };
}

/** The comparison of `pa` and `pb` (in that order) as JSON, from its compact form in that order. */
export function comparisonJson(c: CompactComparison, pa: PreparedCareer, pb: PreparedCareer): string {
  const fa = fragments(pa);
  const fb = fragments(pb);
  const inSharedA = new Uint8Array(pa.skills.length);
  const inSharedB = new Uint8Array(pb.skills.length);
  let shared = '';
  let nShared = 0;
  for (let ch = 0; ch < c.s.length; ch++) {
    const bits = DIGIT[c.s.charCodeAt(ch)] ?? -1;
    if (bits < 0) throw stale(pa, pb, `invalid shared-skill character at ${ch}`);
    if (bits === 0) continue;
    for (let bit = 0; bit < 6; bit++) {
      if (!(bits & (1 << bit))) continue;
      const i = ch * 6 + bit;
      const s = pa.skills[i];
      const j = s ? pb.keyIndex.get(s.key) : undefined;
      if (!s || j === undefined) throw stale(pa, pb, `shared skill ${i} no longer matches`);
      inSharedA[i] = 1;
      inSharedB[j] = 1;
      const labelB = pb.skills[j]!.label;
      const ref = fa.refs[i]!;
      shared += (nShared++ === 0 ? '' : ',') + (labelB === s.label ? ref : `${ref.slice(0, -1)},"labelB":${JSON.stringify(labelB)}}`);
    }
  }
  const onlyA = refsExcept(fa, inSharedA);
  const onlyB = refsExcept(fb, inSharedB);

  const pairs = decodeIndexPairs(c.r);
  let related = '';
  let firstRelatedConcepts: string[] | undefined;
  for (let k = 0; k < pairs.length; k++) {
    const [i, j] = pairs[k]!;
    if (i >= fa.refs.length || j >= fb.refs.length) throw stale(pa, pb, 'a related skill index is out of range');
    const concepts = commonConcepts(pa.concepts[i] ?? [], pb.concepts[j] ?? []);
    if (k === 0) firstRelatedConcepts = concepts;
    related += `${k === 0 ? '' : ','}{"a":${fa.refs[i]},"b":${fb.refs[j]},"concepts":${JSON.stringify(concepts)}}`;
  }

  const [mAB, mBA, gAB, gBA] = c.t;
  const aToB = transition(gAB, mAB);
  const bToA = transition(gBA, mBA);
  const verdicts = verdictsOf(c.v);
  const text = writeText({
    a: pa.side,
    b: pb.side,
    verdicts: verdicts.record,
    transition: { aToB, bToA },
    skills: { onlyA: onlyA.count, shared: nShared, onlyB: onlyB.count, related: pairs.length, firstRelatedConcepts, overlap: c.o },
  });
  const asOfA = pa.side.asOf;
  const asOfB = pb.side.asOf;
  const asOf = asOfA === null ? asOfB : asOfB === null || asOfA > asOfB ? asOfA : asOfB;
  return `{"a":${fa.side},"b":${fb.side},"verdicts":${verdicts.json},`
    + `"skills":{"onlyA":[${onlyA.json}],"shared":[${shared}],"onlyB":[${onlyB.json}],"related":[${related}],"overlap":${c.o}},`
    + `"transition":${JSON.stringify({ aToB, bToA })},"asOf":${JSON.stringify(asOf)},`
    + `"summary":${JSON.stringify(text.summary)},"chooseA":${JSON.stringify(text.chooseA)},`
    + `"chooseB":${JSON.stringify(text.chooseB)},"conclusion":${JSON.stringify(text.conclusion)},"version":${JSON.stringify(c.h)}}`;
}
