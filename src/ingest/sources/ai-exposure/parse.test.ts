import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseFeltenAioeCsv, parseGptsExposureCsv, rankPercentiles } from './parse.js';

const DATA = new URL('../../../../../shared/data/', import.meta.url);
const read = (path: string): Buffer => readFileSync(new URL(path, DATA));

describe('parseGptsExposureCsv on occ_level.csv', () => {
  const { records, rejects } = parseGptsExposureCsv(read('gpts-are-gpts-ai-exposure/occ_level.csv'));

  it('reads 923 O*NET-SOC 2019 occupations with dv_rating_beta as the headline', () => {
    expect(rejects).toEqual([]);
    expect(records).toHaveLength(923);
    const sd = records.find((r) => r.code === '15-1252.00')!;
    expect(sd).toMatchObject({ method: 'gpts-are-gpts', codeVintage: 'onet-soc-2019', title: 'Software Developers', score: 0.8684210526315789 });
    expect(sd.percent).toBeCloseTo(86.84210526315789, 10);
    expect(sd.columns).toEqual({
      dv_rating_alpha: 0.7894736842105263,
      dv_rating_beta: 0.8684210526315789,
      dv_rating_gamma: 0.9473684210526315,
      human_rating_alpha: 0.05263157894736842,
      human_rating_beta: 0.4473684210526315,
      human_rating_gamma: 0.8421052631578947,
    });
    expect(sd.scale).toMatch(/0\.\.1/);
    expect(records.find((r) => r.code === '11-1011.00')!.columns.dv_rating_gamma).toBe(0.8200000000000001); // kept as published
    expect(records.reduce((s, r) => s + r.score, 0) / records.length).toBeCloseTo(0.3447323260638478, 12);
  });

  it('rejects bad codes and values outside 0..1, refuses missing columns', () => {
    const head = 'O*NET-SOC Code,Title,dv_rating_alpha,dv_rating_beta,dv_rating_gamma,human_rating_alpha,human_rating_beta,human_rating_gamma\n';
    const r = parseGptsExposureCsv(`${head}15-1252,X,0,0,0,0,0,0\n15-1253.00,Y,0.1,1.5,0.2,0,0,abc\n15-1254.00,Web,0.1,0.2,0.3,0,0,0\n`, 'occ.csv');
    expect(r.records.map((x) => [x.code, x.score])).toEqual([['15-1254.00', 0.2]]);
    expect(r.rejects).toEqual([
      { line: 2, file: 'occ.csv', reason: 'bad O*NET-SOC code "15-1252"' },
      { line: 3, file: 'occ.csv', reason: 'dv_rating_beta, human_rating_gamma: not a number in 0..1' },
    ]);
    expect(() => parseGptsExposureCsv('O*NET-SOC Code,Title,dv_rating_beta\n15-1252.00,X,0.5\n', 'occ.csv')).toThrow(
      /occ\.csv: missing column\(s\) "dv_rating_alpha"/,
    );
  });
});

describe('parseFeltenAioeCsv', () => {
  const { records, rejects } = parseFeltenAioeCsv(read('felten-aioe/AIOE_AppendixA_occupation.csv'));

  it('reads 774 SOC 2010 occupations, parsing float artifacts, with a percentile rank 0..100', () => {
    expect(rejects).toEqual([]);
    expect(records).toHaveLength(774);
    expect(records.find((r) => r.code === '11-1021')!.score).toBe(0.5748773); // `0.57487730000000004`
    const dev = records.find((r) => r.code === '15-1132')!;
    expect(dev).toMatchObject({
      method: 'felten-aioe',
      codeVintage: 'soc-2010',
      title: 'Software Developers, Applications',
      score: 1.200923,
      columns: { AIOE: 1.200923 },
    });
    expect(dev.percent).toBeCloseTo(82.66494178525227, 10);
    expect(dev.scale).toMatch(/standardized score/);
    expect(records.find((r) => r.code === '11-1011')!.percent).toBeCloseTo(90.94437257438551, 10);
    expect(records.find((r) => r.code === '27-2031')).toMatchObject({ title: 'Dancers', score: -2.669758, percent: 0 });
    expect(records.find((r) => r.code === '29-9092')).toMatchObject({ title: 'Genetic Counselors', score: 1.527667, percent: 100 });
  });

  it('reads the Language-Modeling AIOE file as its own method', () => {
    const lm = parseFeltenAioeCsv(read('felten-aioe/LanguageModeling_AIOE_occupation.csv'), 'LanguageModeling_AIOE_occupation.csv');
    expect(lm.records).toHaveLength(774);
    expect(lm.records[0]).toMatchObject({ method: 'felten-lm-aioe', code: '11-1011', score: 1.308912 });
  });

  it('ranks ties at their mid-rank and refuses a file without a score column', () => {
    expect(rankPercentiles([3, 1, 2, 2])).toEqual([100, 0, 50, 50]);
    expect(() => parseFeltenAioeCsv('SOC Code,Occupation Title,Score\n15-1132,Dev,1\n', 'a.csv')).toThrow(/a\.csv: missing column "AIOE"/);
    expect(parseFeltenAioeCsv('SOC Code,Occupation Title,AIOE\n15-1132,Dev,n/a\n15-1133,Sys,1\n', 'a.csv').rejects).toEqual([
      { line: 2, file: 'a.csv', reason: 'AIOE: non-numeric "n/a"' },
    ]);
  });
});
