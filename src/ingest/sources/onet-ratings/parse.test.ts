import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseOnetRatings } from './parse.js';

const DIR = path.resolve('../shared/data/onet-29.0-excel');

describe('O*NET Skills and Knowledge ratings (29.0 Excel, the shared copy)', () => {
  const skills = parseOnetRatings(readFileSync(path.join(DIR, 'Skills.xlsx')), 'Skills.xlsx');
  const knowledge = parseOnetRatings(readFileSync(path.join(DIR, 'Knowledge.xlsx')), 'Knowledge.xlsx');

  it('reads 879 rated occupations per file, importance and level per element, with no rejects', () => {
    expect(skills.rejects).toEqual([]);
    expect(knowledge.rejects).toEqual([]);
    expect(skills.records).toHaveLength(879);
    expect(knowledge.records).toHaveLength(879);
    const ceo = skills.records.find((r) => r.code === '11-1011.00')!;
    expect(ceo.domain).toBe('skill');
    expect(ceo.elements.find((e) => e.id === '2.A.1.a')).toEqual({
      id: '2.A.1.a',
      name: 'Reading Comprehension',
      importance: 4.12,
      level: 4.62,
      importanceSe: 0.125,
      levelSe: 0.183,
      n: 8,
      date: '08/2023',
      domainSource: 'Analyst',
    });
    // Not Relevant = Y on its level: withheld, not shown with a value.
    expect(ceo.withheld).toContainEqual({ id: '2.B.3.d', name: 'Installation', reason: 'not-relevant' });
    expect(ceo.elements.some((e) => e.id === '2.B.3.d')).toBe(false);
  });

  it('withholds every suppressed or not-relevant element (PROVENANCE: 124 + 3,302 skill rows, 4,797 knowledge rows)', () => {
    const count = (rs: typeof skills.records, reason: string) => rs.reduce((n, r) => n + r.withheld.filter((w) => w.reason === reason).length, 0);
    const shown = (rs: typeof skills.records) => rs.reduce((n, r) => n + r.elements.length, 0);
    expect(count(skills.records, 'not-relevant')).toBeGreaterThan(3000);
    expect(count(knowledge.records, 'suppressed')).toBeGreaterThan(2000);
    expect(shown(skills.records) + count(skills.records, 'not-relevant') + count(skills.records, 'suppressed') + count(skills.records, 'incomplete')).toBe(
      879 * 35,
    );
    expect(shown(knowledge.records) + knowledge.records.reduce((n, r) => n + r.withheld.length, 0)).toBe(879 * 33);
  });

  it('has no ratings for Software Developers or Data Scientists in this release; Computer Programmers and Statisticians are rated', () => {
    const codes = new Set(skills.records.map((r) => r.code));
    expect(codes.has('15-1252.00')).toBe(false);
    expect(codes.has('15-2051.00')).toBe(false);
    const cp = skills.records.find((r) => r.code === '15-1251.00')!;
    const programming = cp.elements.find((e) => e.name === 'Programming')!;
    expect(programming.importance).toBeGreaterThan(4);
    expect(programming.level).toBeGreaterThan(4);
    expect(knowledge.records.some((r) => r.code === '15-2041.00')).toBe(true);
  });
});
