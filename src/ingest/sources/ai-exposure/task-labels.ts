/**
 * The per-task side of an ai-exposure source: GPTs-are-GPTs `full_labelset.tsv` (option `method`
 * = `gpts-are-gpts-tasks`, or recognised by its `gpt4_exposure` and `Task ID` columns) → one
 * `task-exposure` fact per occupation listing each task's labels by O*NET Task ID. The task text
 * and its Core/Supplemental type come from O*NET's own Task Statements, joined on the Task ID.
 */
import { FACT_KEYS, type TaskExposureFact } from '../../../core/fact-keys.js';
import type { FactInput, NormalizedBatch } from '../../types.js';
import { parseTaskLabels } from './parse-tasks.js';

/** Publication year of GPTs-are-GPTs: the facts' period. */
const PERIOD = '2023';

export function isTaskLabelset(header: string, method: string | undefined): boolean {
  return method === 'gpts-are-gpts-tasks' || (header.includes('gpt4_exposure') && header.includes('Task ID'));
}

export function taskLabelBatch(table: string, file: string, documentUrl: string): NormalizedBatch {
  const { records, rejects } = parseTaskLabels(table, file);
  const byCode = new Map<string, TaskExposureFact>();
  for (const r of records) (byCode.get(r.code) ?? byCode.set(r.code, []).get(r.code)!).push({ taskId: r.taskId, gpt4: r.gpt4, human: r.human });
  const facts: FactInput[] = [...byCode].map(([code, value]) => ({
    career: { onetCode: code },
    key: FACT_KEYS.taskExposure,
    period: PERIOD,
    documentUrl,
    value: value.sort((a, b) => a.taskId - b.taskId),
  }));
  return { careers: [], facts, rejects, parsed: records.length + rejects.length, ownedKeys: [FACT_KEYS.taskExposure] };
}
