import type { Db } from '../client.js';

export interface ProfileSkill {
  key: string;
  label: string;
  hot: boolean;
}

const keyOf = (s: string) =>
  s
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9+#]+/g, '-')
    .replace(/^-|-$/g, '');

/**
 * A career's skills as its facts state them: O*NET technology skills (`tech-skills`, with the
 * hot flag) and the skills a career page declares (`declared`), one per key, hot first.
 */
export async function loadCareerSkills(db: Db, careerId: number): Promise<ProfileSkill[]> {
  const rows = await db.$client<{ key: string; value: unknown }[]>`
    select key, value from facts where career_id = ${careerId} and key in ('tech-skills', 'declared')`;
  const out = new Map<string, ProfileSkill>();
  const add = (label: unknown, hot: boolean) => {
    if (typeof label !== 'string' || !label.trim()) return;
    const key = keyOf(label);
    const prev = out.get(key);
    if (!prev) out.set(key, { key, label: label.trim(), hot });
    else if (hot) prev.hot = true;
  };
  for (const r of rows) {
    if (Array.isArray(r.value)) for (const s of r.value as { example?: unknown; hot?: unknown }[]) add(s?.example, s?.hot === true);
    else if (r.value && typeof r.value === 'object' && Array.isArray((r.value as { skills?: unknown }).skills)) {
      for (const s of (r.value as { skills: unknown[] }).skills) add(typeof s === 'string' ? s : (s as { label?: unknown })?.label, false);
    }
  }
  return [...out.values()].sort((a, b) => Number(b.hot) - Number(a.hot) || a.label.localeCompare(b.label));
}
