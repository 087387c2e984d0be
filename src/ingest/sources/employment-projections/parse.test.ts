import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SourceFormatError } from '../types.js';
import { parseProjections } from './parse.js';

const dir = new URL('../../../../../shared/data/bls-employment-projections/', import.meta.url);
const read = (f: string) => readFileSync(new URL(f, dir));

describe('parseProjections', () => {
  it('reads Table 1.2 of the 2022–32 workbook: line items only, thousands as jobs, float noise rounded', () => {
    const { records, rejects } = parseProjections(read('occupation_2022-32.xlsx'), 'occupation_2022-32.xlsx');
    expect(rejects).toEqual([]);
    expect(records).toHaveLength(832);
    expect(records.find((r) => r.socCode === '15-1252')).toEqual({
      socCode: '15-1252',
      title: 'Software developers',
      period: '2022-32',
      baseYear: 2022,
      targetYear: 2032,
      employmentBase: 1_594_500,
      employmentTarget: 2_004_900,
      change: 410_400,
      changePct: 25.7,
      annualOpenings: 136_300,
    });
    expect(records.some((r) => r.socCode === '15-1250')).toBe(false); // a summary row
  });

  it('reads the 2024–34 search-tool CSV: alternate titles cut off, quoted thousands', () => {
    const { records } = parseProjections(read('Employment Projections 2024-34.csv'), 'Employment Projections 2024-34.csv');
    expect(records).toHaveLength(832);
    expect(records.find((r) => r.socCode === '13-2011')).toEqual({
      socCode: '13-2011',
      title: 'Accountants and auditors',
      period: '2024-34',
      baseYear: 2024,
      targetYear: 2034,
      employmentBase: 1_579_800,
      employmentTarget: 1_652_600,
      change: 72_800,
      changePct: 4.6,
      annualOpenings: 124_200,
    });
  });

  it('refuses a table without its columns, and rejects unreadable rows', () => {
    const csv = read('Employment Projections 2024-34.csv').toString('utf8');
    expect(() => parseProjections(Buffer.from(csv.replace('Employment 2034', 'Jobs 2034')), 'x.csv')).toThrow(SourceFormatError);
    expect(() => parseProjections(Buffer.from(csv.replace('Employment 2034', 'Jobs 2034')), 'x.csv')).toThrow(
      /x\.csv: missing column\(s\) employment, base and target years/,
    );
    const lines = csv.split('\r\n');
    const bad = [lines[0], lines[1]!.replace('"1,579.80"', 'lots'), lines[2]].join('\r\n');
    expect(parseProjections(Buffer.from(bad), 'x.csv').rejects).toEqual([{ line: 2, file: 'x.csv', reason: 'Employment 2024: non-numeric value "lots"' }]);
  });
});
