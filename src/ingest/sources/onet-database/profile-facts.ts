/** The facts of O*NET's optional work-description files (see profile.ts), one per occupation and file. */
import { FACT_KEYS, type InterestsFact, type TasksFact, type WorkStylesFact } from '../../../core/fact-keys.js';
import type { OnetProfiles } from './profile.js';

type ProfileFile = OnetProfiles['present'][number];
export interface ProfileFact {
  code: string;
  key: string;
  value: InterestsFact | WorkStylesFact | TasksFact;
  file: ProfileFile;
}

const KEY_OF: Record<ProfileFile, string> = { interests: FACT_KEYS.interests, workStyles: FACT_KEYS.workStyles, tasks: FACT_KEYS.tasks };

function groupBy<T extends { code: string }>(items: readonly T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const it of items) (out.get(it.code) ?? out.set(it.code, []).get(it.code)!).push(it);
  return out;
}

/** Facts for every occupation with rows in a present file; keys owned only for the files present. */
export function profileFacts(p: OnetProfiles): { facts: ProfileFact[]; ownedKeys: string[]; rows: number } {
  const facts: ProfileFact[] = [];
  for (const i of p.interests) {
    facts.push({ code: i.code, key: FACT_KEYS.interests, file: 'interests', value: { scores: i.scores, ratedOn: i.date, domainSource: i.domainSource } });
  }
  for (const [code, rows] of groupBy(p.workStyles)) {
    const value: WorkStylesFact = rows
      .map((r) => ({ name: r.name, importance: r.importance, standardError: r.standardError }))
      .sort((a, b) => b.importance - a.importance || (a.name < b.name ? -1 : 1));
    facts.push({ code, key: FACT_KEYS.workStyles, file: 'workStyles', value });
  }
  const rank = (t: string | null) => (t === 'Core' ? 0 : t === 'Supplemental' ? 1 : 2);
  for (const [code, rows] of groupBy(p.tasks)) {
    const value: TasksFact = rows.map((r) => ({ id: r.taskId, task: r.task, type: r.type })).sort((a, b) => rank(a.type) - rank(b.type) || a.id - b.id);
    facts.push({ code, key: FACT_KEYS.tasks, file: 'tasks', value });
  }
  return { facts, ownedKeys: p.present.map((f) => KEY_OF[f]), rows: p.interests.length + p.workStyles.length + p.tasks.length };
}
