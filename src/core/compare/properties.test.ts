import { describe, expect, it } from 'vitest';
import { comparePrepared, expandComparison } from './compare.js';
import { flipCompact, flipComparison } from './flip.js';
import { comparisonJson } from './json.js';
import { checkComparisonInvariants } from './invariants.js';
import { prepareCareer } from './prepare.js';
import { prng, randomCareers } from '../../../test/helpers/random-careers.js';
import { writeComparisonText } from './text.js';
import { comparisonVersion } from './version.js';

describe('2,000 random career pairs', () => {
  const careers = randomCareers(20250101, 300).map(prepareCareer);
  const rand = prng(7);
  const pairs = Array.from({ length: 2000 }, () => {
    const i = Math.floor(rand() * careers.length);
    const j = (i + 1 + Math.floor(rand() * (careers.length - 1))) % careers.length;
    return [careers[i]!, careers[j]!] as const;
  });

  it('have zero invariant violations, in both orders', () => {
    const violations: string[] = [];
    for (const [pa, pb] of pairs) {
      const c = expandComparison(comparePrepared(pa, pb), pa, pb);
      for (const v of checkComparisonInvariants(c)) violations.push(`${pa.slug} vs ${pb.slug}: ${v}`);
      for (const v of checkComparisonInvariants(flipComparison(c))) violations.push(`${pb.slug} vs ${pa.slug} (flipped): ${v}`);
    }
    expect(violations.slice(0, 10)).toEqual([]);
  });

  it('flip twice is the identity and the version is the same in either order', () => {
    for (const [pa, pb] of pairs) {
      const c = expandComparison(comparePrepared(pa, pb), pa, pb);
      const flipped = flipComparison(c);
      expect(flipComparison(flipped)).toEqual(c);
      expect(comparisonVersion(c)).toBe(c.version);
      expect(comparisonVersion(flipped)).toBe(c.version);
      expect(expandComparison(comparePrepared(pb, pa), pb, pa)).toEqual(flipped);
    }
  });

  it('serialize straight from the compact form exactly as JSON.stringify of the expanded comparison, in both orders', () => {
    // Labels that need escaping, sharing keys with differently labelled skills (labelB).
    const hostile = randomCareers(5, 2)
      .map((c, n) => ({
        ...c,
        skills: c.skills.map((s, i) => (i % 2 ? { ...s, label: `${s.label} "quoted" \\ </script><b>${n}</b> \u2028 Ünïcødé \ud800` } : s)),
      }))
      .map(prepareCareer);
    const all = [...pairs, [hostile[0]!, hostile[1]!] as const, [hostile[0]!, careers[0]!] as const];
    for (const [pa, pb] of all) {
      const c = comparePrepared(pa, pb);
      expect(comparisonJson(c, pa, pb)).toBe(JSON.stringify(expandComparison(c, pa, pb)));
      const r = flipCompact(c, pa, pb);
      expect(comparisonJson(r, pb, pa)).toBe(JSON.stringify(expandComparison(r, pb, pa)));
    }
  });

  it('produce ties, wins, nulls, related pairs and shared skills (the generator is not degenerate)', () => {
    const seen = new Set<string>();
    for (const [pa, pb] of pairs) {
      const c = expandComparison(comparePrepared(pa, pb), pa, pb);
      for (const v of Object.values(c.verdicts)) seen.add(v);
      if (c.skills.related.length > 0) seen.add('related');
      if (c.skills.shared.some((s) => s.labelB)) seen.add('labelB');
      if (c.a.demandScore.value === null) seen.add('null');
      if (c.a.title === c.b.title) seen.add('same-title');
    }
    expect([...seen].sort()).toEqual(['a', 'b', 'labelB', 'null', 'related', 'same-title', 'tie']);
  });
});

describe('the checker catches text that contradicts the numbers', () => {
  const careers = randomCareers(99, 120).map(prepareCareer);
  it('flags text written from swapped or invented verdicts', () => {
    let mutated = 0;
    for (let i = 0; i + 1 < careers.length; i += 2) {
      const [pa, pb] = [careers[i]!, careers[i + 1]!];
      const c = expandComparison(comparePrepared(pa, pb), pa, pb);
      const wrong = { ...c.verdicts };
      let changed = false;
      for (const k of Object.keys(wrong) as (keyof typeof wrong)[]) {
        if (wrong[k] !== 'tie') {
          wrong[k] = wrong[k] === 'a' ? 'b' : 'a';
          changed = true;
        } else if (c.a.demandScore.value !== null && c.b.demandScore.value !== null && k === 'demand') {
          wrong[k] = 'a';
          changed = true;
        }
      }
      if (!changed) continue;
      mutated++;
      const text = writeComparisonText({ ...c, verdicts: wrong });
      const textOnly = checkComparisonInvariants({ ...c, ...text }).filter((v) => !v.startsWith('verdict '));
      expect(textOnly.length, `${pa.slug} vs ${pb.slug}`).toBeGreaterThan(0);
    }
    expect(mutated).toBeGreaterThan(20);
  });
});
