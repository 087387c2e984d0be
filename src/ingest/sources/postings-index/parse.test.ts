import { describe, expect, it } from 'vitest';
import { SECTOR_SOC_CODES } from './sectors.js';
import { parseSectorIndex } from './parse.js';

describe('parseSectorIndex', () => {
  it("averages each sector's daily values per calendar month, counting the days", () => {
    const csv = [
      'date,jobcountry,indeed_job_postings_index,variable,display_name',
      '2024-08-30,US,68,total postings,Software Development',
      '2024-08-31,US,69,total postings,Software Development',
      '2024-09-01,US,70.5,total postings,Software Development',
      '2024-09-01,US,101,total postings,Nursing',
      '2024-09-02,CA,50,total postings,Nursing',
      '2024-09-03,US,n/a,total postings,Nursing',
      '',
    ].join('\n');
    const out = parseSectorIndex(Buffer.from(csv), 'sectors.csv');
    expect(out.records).toEqual([
      { sector: 'Nursing', month: '2024-09', index: 101, days: 1 },
      { sector: 'Software Development', month: '2024-08', index: 68.5, days: 2 },
      { sector: 'Software Development', month: '2024-09', index: 70.5, days: 1 },
    ]);
    expect(out.rejects).toEqual([{ line: 7, file: 'sectors.csv', reason: 'non-numeric index "n/a"' }]);
    expect(out.lastDate).toBe('2024-09-01');
  });

  it('the reviewed sector table names only 6-digit SOC codes, each sector its own', () => {
    const codes = Object.values(SECTOR_SOC_CODES).flat();
    expect(codes.every((c) => /^\d{2}-\d{4}$/.test(c))).toBe(true);
    expect(new Set(codes).size).toBe(codes.length);
    expect(SECTOR_SOC_CODES['Software Development']).toContain('15-1252');
  });
});
