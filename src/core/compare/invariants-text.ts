/**
 * Text invariants about figures that are not verdicts: the skills sentence (shared and
 * related counts, overlap, never "no overlap" when related pairs exist), the salary ranges
 * under each name, and the transition sentences. Sentences come with names as ⟨A⟩ / ⟨B⟩.
 */
import { formatMonths, formatRange } from './display.js';
import type { Comparison } from './types.js';

const NO_OVERLAP = /\b(0 skills? overlap|share no skills|no shared skills|no skills? (in common|overlap)|0% skill overlap)\b/i;

function checkSkillsSentences(c: Comparison, sentences: string[], out: string[]): void {
  const S = c.skills.shared.length;
  const M = c.skills.related.length;
  for (const s of sentences) {
    if (NO_OVERLAP.test(s) && (S > 0 || M > 0)) out.push(`skills: says no overlap but ${S} shared and ${M} related: "${s}"`);
    if (/no identical skills/i.test(s) && S > 0) out.push(`skills: says no identical skills but ${S} are shared`);
    const rel = /(\d+) (closely related|pairs? (is|are) closely related)/i.exec(s);
    if (rel && Number(rel[1]) !== M) out.push(`skills: says ${rel[1]} related but there are ${M}`);
    const rel2 = /and (\d+) closely related pairs?/i.exec(s);
    if (rel2 && Number(rel2[1]) !== M) out.push(`skills: says ${rel2[1]} related pairs but there are ${M}`);
    const sh = /share (\d+) skills?/i.exec(s);
    if (sh && Number(sh[1]) !== S) out.push(`skills: says ${sh[1]} shared but there are ${S}`);
    const ov = /(\d+)% skill overlap/i.exec(s);
    if (ov && Number(ov[1]) !== c.skills.overlap) out.push(`skills: says ${ov[1]}% overlap but it is ${c.skills.overlap}%`);
    const none = /⟨(A|B)⟩ lists? no skills/.exec(s);
    if (none) {
      const n = none[1] === 'A' ? c.skills.onlyA.length : c.skills.onlyB.length;
      if (n + S > 0) out.push(`skills: says ${none[1]} lists no skills but it lists ${n + S}`);
    }
  }
}

const PAYS = {
  A: /⟨A⟩ (?:earns?|pays?) ((?:up to |from )?\$[\d,]+\+?(?:-\$[\d,]+\+?)?\/yr)/,
  B: /⟨B⟩ (?:earns?|pays?) ((?:up to |from )?\$[\d,]+\+?(?:-\$[\d,]+\+?)?\/yr)/,
};
const NO_RANGE = { A: /⟨A⟩ ha(?:s|ve) no published salary range/, B: /⟨B⟩ ha(?:s|ve) no published salary range/ };

function checkRanges(c: Comparison, sentences: string[], out: string[]): void {
  for (const [tag, side] of [
    ['A', c.a],
    ['B', c.b],
  ] as const) {
    const range = formatRange(side);
    for (const s of sentences) {
      const m = PAYS[tag].exec(s);
      if (m && m[1] !== range) out.push(`salary: ${tag}'s range is shown as ${m[1]}, but it is ${range}`);
      if (NO_RANGE[tag].test(s) && range !== null) out.push(`salary: says ${tag} has no range, but it has ${range}`);
    }
  }
}

function checkTransitions(c: Comparison, sentences: string[], out: string[]): void {
  for (const s of sentences) {
    const m = /Moving from ⟨(A|B)⟩ to ⟨(A|B)⟩: (\d+)% .*\((easy|moderate|hard), ([^)]*)\)/.exec(s);
    if (!m) continue;
    if (m[1] === m[2]) out.push(`transition: from and to name the same side: "${s}"`);
    const t = m[1] === 'A' ? c.transition.aToB : c.transition.bToA;
    const time = t.months === null ? 'time unknown' : t.months === 0 ? 'little extra time' : `about ${formatMonths(t.months)}`;
    if (Number(m[3]) !== t.skillGap || m[4] !== t.difficulty || m[5] !== time) {
      out.push(`transition: "${s}" does not match gap ${t.skillGap}%, ${t.difficulty}, ${time}`);
    }
  }
}

/** Violations in skills, salary-range and transition sentences. */
export function checkFigureText(c: Comparison, sentences: string[], out: string[]): void {
  checkSkillsSentences(c, sentences, out);
  checkRanges(c, sentences, out);
  checkTransitions(c, sentences, out);
}
