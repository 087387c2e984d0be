/**
 * Tasks and AI: an occupation's core tasks (O*NET Task Statements, Task Type = Core), each with
 * its GPTs-are-GPTs exposure label, so the AI figure is explained by what the work consists of.
 * Labels are GPT-4's under the authors' rubric (the rater behind the headline dv_rating_beta):
 * E1 = an LLM alone cuts the task's time by half or more, E2 = it would with LLM-powered software,
 * E0 = no such cut. A core task is "exposed" when it is E1 or E2. Where O*NET types none of an
 * occupation's tasks (analyst-sourced task lists), all of its listed tasks count as its core. Tasks are ordered most exposed
 * first (E1, E2, E0; the human annotators' label breaks ties, then the Task ID).
 */
import { known, missing } from './figure.js';
import type { CareerFacts, Figure } from './types.js';

export type ExposureLabel = 'E0' | 'E1' | 'E2';
export interface LabelledTask {
  id: number;
  task: string;
  gpt4: ExposureLabel | null;
  human: ExposureLabel | null;
}

export interface TaskExposure {
  /**
   * `core`: the tasks O*NET types Core. `all-listed`: O*NET types none of the occupation's tasks
   * (analyst-sourced tasks carry Task Type n/a, e.g. Software Developers and Data Scientists in
   * 29.2), so every task it lists stands in for the core ones.
   */
  scope: 'core' | 'all-listed';
  /** Core tasks (see scope), most exposed first; unrated ones (no label for the Task ID) last. */
  coreTasks: LabelledTask[];
  /** Core tasks with a label, and those labelled E1 or E2. */
  rated: number;
  exposed: number;
  /** exposed ÷ rated, whole percent. */
  exposedShare: number;
}

const RANK: Record<string, number> = { E1: 0, E2: 1, E0: 2 };
const rank = (l: ExposureLabel | null) => (l === null ? 3 : RANK[l]!);
export const isExposed = (l: ExposureLabel | null): boolean => l === 'E1' || l === 'E2';

export function computeTaskExposure(facts: CareerFacts): Figure<TaskExposure> {
  const t = facts.tasks;
  if (!t) return missing('O*NET publishes no task statements for this occupation');
  const typed = t.tasks.some((x) => x.type !== null);
  const core = typed ? t.tasks.filter((x) => x.type === 'Core') : t.tasks;
  if (core.length === 0) return missing('O*NET marks none of this occupation’s tasks as core');
  const labels = new Map((facts.taskExposure?.labels ?? []).map((l) => [l.taskId, l]));
  const coreTasks: LabelledTask[] = core
    .map((x) => {
      const l = labels.get(x.id);
      return { id: x.id, task: x.task, gpt4: l?.gpt4 ?? null, human: l?.human ?? null };
    })
    .sort((a, b) => rank(a.gpt4) - rank(b.gpt4) || rank(a.human) - rank(b.human) || a.id - b.id);
  const rated = coreTasks.filter((x) => x.gpt4 !== null).length;
  if (rated === 0 || !facts.taskExposure) return missing('GPTs-are-GPTs labels none of this occupation’s core tasks');
  const exposed = coreTasks.filter((x) => isExposed(x.gpt4)).length;
  const prov = { source: `${t.source} + ${facts.taskExposure.source}`, period: `${t.period ?? '?'}+${facts.taskExposure.period ?? '?'}` };
  const scope = typed ? 'core' : 'all-listed';
  return known(
    { scope, coreTasks, rated, exposed, exposedShare: Math.round((100 * exposed) / rated) },
    prov,
    'gpt4-task-labels-e1-e2',
    typed ? undefined : 'O*NET gives these tasks no core/supplemental type; all its listed tasks are used',
  );
}
