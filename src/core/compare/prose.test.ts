import { describe, expect, it } from 'vitest';
import type { CareerMetrics } from '../metrics/types.js';
import { compareCareers } from './compare.js';
import { checkComparisonInvariants, sentencesOf } from './invariants.js';
import { seedPair } from '../../../test/helpers/seed-careers.js';
import type { CareerForComparison, Comparison } from './types.js';

const { compression, routing } = seedPair();
const prov = { source: 'O*NET 29.2', period: 'O*NET 29.2', method: 'm' };
const interests = (i: number, c: number) => ({
  ...prov,
  value: [
    { area: 'Investigative' as const, score: i },
    { area: 'Conventional' as const, score: c },
    { area: 'Realistic' as const, score: 2 },
    { area: 'Artistic' as const, score: 2 },
    { area: 'Social' as const, score: 1.7 },
    { area: 'Enterprising' as const, score: 1.7 },
  ],
});
/** An O*NET occupation (plural title) with an interest profile and no work-style ratings. */
const task = (id: number, text: string, gpt4: 'E0' | 'E1' | 'E2', human: 'E0' | 'E1' | 'E2' | null = gpt4) => ({ id, task: text, gpt4, human });
const tasks = {
  ...prov,
  value: {
    scope: 'core' as const,
    rated: 3,
    exposed: 2,
    exposedShare: 67,
    coreTasks: [
      task(1, 'Write, test and debug more efficient code for U.S. Government systems.', 'E1'),
      task(2, 'Review code written by others.', 'E2', 'E1'),
      task(3, 'Meet with clients to discuss longer-term needs.', 'E0'),
    ],
  },
};
function occupation(x: CareerForComparison, title: string, i: number, remote: boolean | null): CareerForComparison {
  const m: CareerMetrics = {
    ...x.metrics,
    tasks,
    remoteFriendly: remote === null ? { value: null, reason: 'no telework figure' } : { ...prov, value: remote },
    profile: { interests: interests(i, 5.4), workStyles: { value: null, reason: 'not rated' } },
  };
  return { ...x, career: { ...x.career, title, origin: 'onet' }, metrics: m };
}
const all = (c: Comparison) => [c.summary, ...c.chooseA, ...c.chooseB, c.conclusion].join('\n');

describe('prose a careful editor would sign', () => {
  const c = compareCareers(occupation(compression, 'Data Scientists', 7, true), occupation(routing, 'Software Developers', 5.9, null));

  it('agrees verbs with plural O*NET titles and passes the checker', () => {
    expect(c.a.titleNumber).toBe('plural');
    expect(all(c)).not.toMatch(/(Data Scientists|Software Developers) (pays|has|offers|scores|is|leads|lists|earns)\b/);
    expect(c.summary).toMatch(/Data Scientists earn \$/);
    expect(checkComparisonInvariants(c)).toEqual([]);
  });

  it('draws reasons from the interest profile, not the category, and compares no unknown figure', () => {
    expect(c.chooseA).toContain('Are drawn to researching, analysing and solving problems with ideas (Investigative interest 7.0 vs 5.9 of 7)');
    expect(all(c)).not.toMatch(/Are interested in|Enjoy writing and debugging code/);
    // Data Scientists are teleworkable here, Software Developers' figure is unknown: no remote reason.
    expect(c.chooseA.some((r) => /home|remote/i.test(r))).toBe(false);
  });

  it('says each judgement once', () => {
    const sentences = sentencesOf(`${c.summary} ${c.conclusion}`, { a: c.a.title, b: c.b.title });
    expect(new Set(sentences).size).toBe(sentences.length);
  });

  it('names the most and least exposed core task, quoting O*NET’s words without judging them', () => {
    expect(c.summary).toContain(
      'Core tasks and AI, Data Scientists: 2 of 3 rated core tasks exposed to LLMs (GPT-4 rating, GPTs are GPTs); ' +
        'most exposed “Write, test and debug more efficient code for U.S. Government systems” (E1); least exposed “Meet with clients to discuss longer-term needs” (E0).',
    );
    expect(c.a.tasks.value).toMatchObject({ mostExposed: [{ id: 1 }, { id: 2, label: 'E2', human: 'E1' }], leastExposed: [{ id: 3 }] });
    const wrong = c.summary.replace('most exposed “Write', 'most exposed “Rewrite');
    expect(checkComparisonInvariants({ ...c, summary: wrong }).some((x) => /most exposed task/.test(x))).toBe(true);
  });

  it('says when a reason’s figures are borrowed from the closest occupation', () => {
    const page = occupation(compression, 'AI Model Compression Engineer', 7, null);
    const est = { ...interests(7, 5.4), estimatedFrom: { slug: 'data-scientists', title: 'Data Scientists', onetCode: '15-2051.00' } };
    const x = compareCareers(
      { ...page, career: { ...page.career, origin: 'career-page' }, metrics: { ...page.metrics, profile: { ...page.metrics.profile!, interests: est } } },
      occupation(routing, 'Software Developers', 5.9, null),
    );
    const reason = x.chooseA.find((r) => r.startsWith('Are drawn to'))!;
    expect(reason).toMatch(/\(Investigative interest 7\.0 vs 5\.9 of 7; estimated from data-scientists\)$/);
    expect(x.summary).toMatch(/^AI Model Compression Engineer vs Software Developers/);
    expect(x.summary).toContain('AI Model Compression Engineer earns');
    expect(checkComparisonInvariants(x)).toEqual([]);
    const bare = reason.replace('; estimated from data-scientists', '');
    expect(
      checkComparisonInvariants({ ...x, chooseA: x.chooseA.map((r) => (r === reason ? bare : r)) }).some((v) =>
        /should say "estimated from data-scientists"/.test(v),
      ),
    ).toBe(true);
  });

  it('flags bad agreement, an unknown-figure comparison, a duplicate and a category-only reason', () => {
    const v = (x: Partial<Comparison>) => checkComparisonInvariants({ ...c, ...x });
    expect(v({ summary: c.summary.replace('Data Scientists earn', 'Data Scientists pays') }).some((x) => /grammar: "pays"/.test(x))).toBe(true);
    expect(v({ chooseA: [...c.chooseA, 'Want work that can be done from home'] }).some((x) => /remoteFriendly with the other side's unknown/.test(x))).toBe(
      true,
    );
    const first = c.conclusion.split(/(?<=\.)\s+/)[0]!;
    expect(v({ conclusion: `${first} ${c.conclusion}` }).some((x) => /^duplicate/.test(x))).toBe(true);
    expect(v({ chooseB: [`Are interested in ${c.b.category}`] }).some((x) => /only names the category/.test(x))).toBe(true);
    expect(
      v({ chooseA: ['Are drawn to researching, analysing and solving problems with ideas (Investigative interest 7.0 vs 6.5 of 7)'] }).some((x) =>
        /does not favour/.test(x),
      ),
    ).toBe(true);
  });
});
