import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sharedDataDir } from '../../../../test/helpers/static-server.js';
import { parseTaskLabels } from './parse-tasks.js';

describe('GPTs-are-GPTs full_labelset.tsv', () => {
  it('reads every task row of the real file with its GPT-4 and human labels', () => {
    const { records, rejects } = parseTaskLabels(readFileSync(`${sharedDataDir}/gpts-are-gpts-ai-exposure/full_labelset.tsv`));
    expect(rejects).toEqual([]);
    expect(records).toHaveLength(19_265);
    // Row 0 of the file: 11-1011.00, Task ID 8823.0, human_exposure_agg E0, gpt4_exposure E2.
    expect(records[0]).toEqual({ code: '11-1011.00', taskId: 8823, gpt4: 'E2', human: 'E0' });
    // A quoted task statement (pandas doubles inner quotes) does not shift the columns.
    expect(records.find((r) => r.taskId === 15287)).toEqual({ code: '11-1031.00', taskId: 15287, gpt4: 'E2', human: 'E2' });
  });
  it('rejects a row without a valid label', () => {
    const { records, rejects } = parseTaskLabels('\tO*NET-SOC Code\tTask ID\tgpt4_exposure\thuman_exposure_agg\n0\t15-1252.00\t1.0\tE9\tE1\n');
    expect(records).toEqual([]);
    expect(rejects[0]?.reason).toMatch(/gpt4_exposure/);
  });
});
