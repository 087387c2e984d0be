import { foldToAscii } from '../../../core/text-normalize.js';

/**
 * Career slugs from O*NET titles: lower-case ASCII words (letters transliterated, Æ → ae) joined by '-', apostrophes dropped
 * ("Police and Sheriff's Patrol Officers" → "police-and-sheriffs-patrol-officers"), '/' and
 * other punctuation as separators. Slugs are public URLs, so the rule is fixed and deterministic.
 */
export function slugifyTitle(title: string): string {
  return foldToAscii(title)
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/['\u2019]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/**
 * Unique slug per code. When several titles give the same slug, the lowest code keeps the
 * plain slug (usually the `.00` parent) and every other one gets its code appended
 * (`…-15-1252-01`), so adding a detail occupation later never renames the parent.
 */
export function assignSlugs(items: readonly { code: string; title: string }[]): Map<string, string> {
  const byBase = new Map<string, string[]>();
  for (const { code, title } of items) {
    const base = slugifyTitle(title) || 'occupation';
    byBase.set(base, [...(byBase.get(base) ?? []), code]);
  }
  const out = new Map<string, string>();
  const taken = new Set<string>();
  for (const [base, codes] of byBase) {
    codes.sort();
    codes.forEach((code, i) => {
      let slug = i === 0 && !taken.has(base) ? base : `${base}-${code.replace(/\./g, '-')}`;
      for (let n = 2; taken.has(slug); n++) slug = `${base}-${code.replace(/\./g, '-')}-${n}`;
      taken.add(slug);
      out.set(code, slug);
    });
  }
  return out;
}
