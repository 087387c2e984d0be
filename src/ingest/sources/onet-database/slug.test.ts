import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { slugify } from '../../../core/text-normalize.js';
import { assignSlugs, slugifyTitle } from './slug.js';

const DIR = path.resolve(process.cwd(), '../shared/data/onet-29.2');
const rows = (file: string) =>
  readFileSync(path.join(DIR, file), 'utf8')
    .split(/\r?\n/)
    .slice(1)
    .filter(Boolean)
    .map((l) => l.split('\t'));
const digest = (lines: string[]) => createHash('sha256').update(lines.join('\n')).digest('hex').slice(0, 16);

// Slugs are public URLs. These digests were taken from the slugs served before transliteration
// moved to any-ascii: plain-ASCII titles (all of O*NET 29.2) must keep exactly the same slugs.
describe('career and skill slugs of the O*NET 29.2 data stay the same', () => {
  it('every occupation keeps its slug', () => {
    const occupations = rows('Occupation Data.txt').map((r) => ({ code: r[0]!, title: r[1]! }));
    expect(occupations).toHaveLength(1016);
    const slugs = assignSlugs(occupations);
    expect(slugs.get('15-1252.00')).toBe('software-developers');
    expect(slugs.get('33-3051.00')).toBe('police-and-sheriffs-patrol-officers');
    expect(digest([...slugs].map(([code, slug]) => `${code} ${slug}`))).toBe('724c9500cc642121');
  });
  it('alternate titles and technology skills keep theirs', () => {
    expect(digest(rows('Alternate Titles.txt').map((r) => slugify(r[2]!)))).toBe('73bbf910a7c939e9');
    expect(digest(rows('Technology Skills.txt').map((r) => slugify(r[1]!)))).toBe('0d6c5d9c63538fc0');
  });
  it('a title with letters outside ASCII is transliterated, not dropped', () => {
    expect(slugifyTitle('Ærø Ferry Øperators')).toBe('aero-ferry-operators');
    expect(slugifyTitle('Straßenbahn Drivers')).toBe('strassenbahn-drivers');
  });
});
