import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sharedDataDir } from '../../../../test/helpers/static-server.js';
import type { Reject } from '../types.js';
import { OPTIONAL_ONET_FILES, parseOnetProfiles } from './profile.js';

const dir = `${sharedDataDir}/onet-29.2`;
const files = new Map(Object.values(OPTIONAL_ONET_FILES).map((f) => [f, readFileSync(`${dir}/${f}`, 'utf8')]));
const known = new Set(
  readFileSync(`${dir}/Occupation Data.txt`, 'utf8')
    .split('\n')
    .slice(1)
    .map((l) => l.split('\t')[0]!)
    .filter(Boolean),
);

describe('O*NET interests, work styles and tasks (29.2 text files)', () => {
  const rejects: Reject[] = [];
  const p = parseOnetProfiles(files, known, rejects);
  it('reads the six RIASEC scores per occupation and the rated work styles', () => {
    expect(rejects).toEqual([]);
    expect(p.present).toEqual(['interests', 'workStyles', 'tasks']);
    expect(p.interests).toHaveLength(923);
    // Interests.txt, 15-2051.00: Investigative 6.99, Conventional 5.40, Realistic 2.16.
    expect(p.interests.find((i) => i.code === '15-2051.00')?.scores).toMatchObject({ Investigative: 6.99, Conventional: 5.4, Realistic: 2.16 });
    expect(new Set(p.workStyles.map((w) => w.code)).size).toBe(879);
    expect(p.workStyles.find((w) => w.code === '11-1011.00' && w.name === 'Achievement/Effort')?.importance).toBe(4.69);
    expect(p.workStyles.some((w) => w.code === '15-2051.00')).toBe(false); // not rated in this release
  });
  it('keeps each task with its O*NET type', () => {
    expect(p.tasks).toHaveLength(18_796);
    expect(p.tasks.filter((t) => t.type === 'Core')).toHaveLength(13_417);
    expect(p.tasks[0]).toMatchObject({ code: '11-1011.00', taskId: 8823, type: 'Core' });
  });
});
