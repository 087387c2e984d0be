/**
 * Tasks and AI in words: per side, how many of its rated core tasks GPT-4 rates exposed to LLMs
 * (GPTs-are-GPTs), and its most and least exposed core task, quoted as O*NET states them.
 */
import type { ComparisonSide, TaskShown } from './types.js';

/** A task as quoted: O*NET's statement without its final period. */
export const quoteTask = (t: TaskShown): string => `“${t.task.replace(/\.\s*$/, '')}”`;

export const TASKS_LEAD = 'Core tasks and AI, ';

/** "E1" or, where the annotators disagree, "E2; annotators E0". */
export const labelOf = (t: TaskShown): string => (t.human === null || t.human === t.label ? t.label : `${t.label}; annotators ${t.human}`);

export function tasksSentence(side: ComparisonSide, name: string): string {
  const t = side.tasks.value;
  if (t === null) return `${TASKS_LEAD}${name}: not known (${'reason' in side.tasks ? side.tasks.reason : 'no data'}).`;
  const most = t.mostExposed[0];
  const least = t.leastExposed[0];
  const what = t.scope === 'core' ? 'rated core tasks' : 'rated tasks (O*NET types none as core)';
  const est = 'estimatedFrom' in side.tasks && side.tasks.estimatedFrom ? `; estimated from ${side.tasks.estimatedFrom}, the closest O*NET occupation` : '';
  const parts = [`${TASKS_LEAD}${name}: ${t.exposed} of ${t.rated} ${what} exposed to LLMs (GPT-4 rating, GPTs are GPTs${est})`];
  parts.push(most ? `most exposed ${quoteTask(most)} (${labelOf(most)})` : 'none exposed');
  if (least) parts.push(`least exposed ${quoteTask(least)} (${labelOf(least)})`);
  return `${parts.join('; ')}.`;
}
