/**
 * Pure parser for GPTs-are-GPTs `full_labelset.tsv` (Eloundou et al. 2023): one row per O*NET
 * task with the GPT-4 rubric's exposure label (E0 no exposure; E1 an LLM alone cuts the time by
 * half or more; E2 it would with software built on an LLM) and the human annotators' aggregate
 * label. Tab-delimited with pandas quoting, a leading unnamed index column, float Task IDs (`8823.0`).
 */
import { isOnetSocCode } from '../../../core/soc.js';
import { readSourceTable, type ParseResult, type Reject } from '../types.js';

export type ExposureLabel = 'E0' | 'E1' | 'E2';
export interface TaskExposureRecord {
  code: string;
  taskId: number;
  gpt4: ExposureLabel;
  human: ExposureLabel | null;
}

const LABEL = /^E[012]$/;
export const TASK_LABEL_COLUMNS = ['O*NET-SOC Code', 'Task ID', 'gpt4_exposure', 'human_exposure_agg'] as const;

export function parseTaskLabels(input: string | Buffer, file = 'full_labelset.tsv'): ParseResult<TaskExposureRecord> {
  const t = readSourceTable(input, file, TASK_LABEL_COLUMNS, { delimiter: '\t' });
  const rejects: Reject[] = [...t.rejects];
  const records: TaskExposureRecord[] = [];
  for (const row of t.rows) {
    const f = (c: (typeof TASK_LABEL_COLUMNS)[number]) => row.fields[t.index[c]]!.trim();
    const code = f('O*NET-SOC Code');
    const id = Number(f('Task ID'));
    const gpt4 = f('gpt4_exposure');
    const human = f('human_exposure_agg');
    if (!isOnetSocCode(code) || !Number.isInteger(id) || !LABEL.test(gpt4)) {
      rejects.push({ file, line: row.line, reason: `bad code "${code}", Task ID "${f('Task ID')}" or gpt4_exposure "${gpt4}" (E0, E1 or E2)` });
      continue;
    }
    records.push({ code, taskId: id, gpt4: gpt4 as ExposureLabel, human: LABEL.test(human) ? (human as ExposureLabel) : null });
  }
  return { records, rejects };
}
