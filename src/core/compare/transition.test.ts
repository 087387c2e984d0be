import { describe, expect, it } from 'vitest';
import { readTransition } from './transition.js';

const ctx = (fromZone: number, toZone: number) => ({ fromZone, toZone, relation: null, learnFirst: [] });

describe('transitions and the preparation a Job Zone asks for', () => {
  it('never calls a move one Job Zone up easy (registered nurses to nurse practitioners: 18 %, 2 months of training)', () => {
    const t = readTransition(18, 2, ctx(4, 5));
    expect(t.difficulty).toBe('moderate');
    expect(t.reason).toBe(
      'the move needs more preparation (Job Zone 5 against 4; most Job Zone 5 occupations need a graduate degree), which the months, on-the-job training only, do not count',
    );
  });

  it('keeps a move two Job Zones up hard, naming the education', () => {
    expect(readTransition(47, 0, ctx(2, 5))).toMatchObject({
      difficulty: 'hard',
      reason: expect.stringMatching(/^the move needs much more preparation \(Job Zone 5 against 2; most Job Zone 5 occupations need a graduate degree\)/),
    });
  });

  it('leaves moves within a Job Zone or down to their months', () => {
    expect(readTransition(2, 0, ctx(5, 4))).toMatchObject({ difficulty: 'easy', reason: null });
    expect(readTransition(11, 8, ctx(3, 3))).toMatchObject({ difficulty: 'moderate', reason: null });
  });
});
