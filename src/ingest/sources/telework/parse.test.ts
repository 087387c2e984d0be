import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { crosswalkValues } from '../../../core/soc.js';
import { parseSocCrosswalkCsv } from './parse-crosswalk.js';
import { parseTeleworkCsv } from './parse.js';

const DATA = new URL('../../../../../shared/data/', import.meta.url);
const read = (path: string): Buffer => readFileSync(new URL(path, DATA));

describe('parseTeleworkCsv', () => {
  it('reads occupations_workathome.csv: 968 O*NET-SOC 2010 codes, 361 teleworkable', () => {
    const { records, rejects } = parseTeleworkCsv(read('dingel-neiman-teleworkability/occupations_workathome.csv'), 'occupations_workathome.csv');
    expect(rejects).toEqual([]);
    expect(records).toHaveLength(968);
    expect(records.filter((r) => r.teleworkable === 1)).toHaveLength(361);
    expect(records.find((r) => r.code === '15-1132.00')).toEqual({
      method: 'dingel-neiman-2020',
      code: '15-1132.00',
      codeVintage: 'onet-soc-2010',
      title: 'Software Developers, Applications',
      teleworkable: 1,
    });
    expect(records.some((r) => r.code.startsWith('15-1252'))).toBe(false); // 2018 code absent: needs the crosswalk
  });

  it('reads onet_teleworkable_blscodes.csv: 764 SOC 2010 codes with averaged values like `.5`', () => {
    const { records, rejects } = parseTeleworkCsv(read('dingel-neiman-teleworkability/onet_teleworkable_blscodes.csv'), 'onet_teleworkable_blscodes.csv');
    expect(rejects).toEqual([]);
    expect(records).toHaveLength(764);
    expect(records.filter((r) => r.teleworkable > 0 && r.teleworkable < 1)).toHaveLength(records.filter((r) => !Number.isInteger(r.teleworkable)).length);
    expect(records.filter((r) => r.teleworkable === 0.5).length).toBe(2);
    expect(records.find((r) => r.teleworkable === 0.71276593)).toBeDefined();
    expect(records.find((r) => r.code === '15-1132')).toMatchObject({ codeVintage: 'soc-2010', teleworkable: 1 });
  });

  it('rejects bad values and refuses an unknown layout', () => {
    const r = parseTeleworkCsv('OCC_CODE,OES_TITLE,teleworkable\n11-1011,CEO,1.5\n11-1021,GM,x\n11-1031,Leg,.25\n15-1132.00,Dev,1\n', 't.csv');
    expect(r.records.map((x) => x.teleworkable)).toEqual([0.25]);
    expect(r.rejects.map((x) => x.reason)).toEqual([
      'teleworkable "1.5" is not a number in 0..1',
      'teleworkable "x" is not a number in 0..1',
      'bad OCC_CODE "15-1132.00"',
    ]);
    expect(() => parseTeleworkCsv('code,teleworkable\n11-1011,1\n', 't.csv')).toThrow(/t\.csv: expected columns onetsoccode,title,teleworkable/);
  });
});

describe('crosswalk 2010 → 2019 with Dingel-Neiman values', () => {
  const crosswalk = parseSocCrosswalkCsv(read('onet-soc-2010-to-2019-crosswalk/2010_to_2019_Crosswalk.csv'));
  const values = new Map(parseTeleworkCsv(read('dingel-neiman-teleworkability/occupations_workathome.csv')).records.map((r) => [r.code, r.teleworkable]));
  const out = crosswalkValues(values, crosswalk.records);

  it('parses the semicolon-separated crosswalk (BOM, CRLF): 1164 pairs, 1110 codes → 1012 codes', () => {
    expect(crosswalk.rejects).toEqual([]);
    expect(crosswalk.records).toHaveLength(1164);
    expect(new Set(crosswalk.records.map((r) => r.code2010)).size).toBe(1110);
    expect(new Set(crosswalk.records.map((r) => r.code2019)).size).toBe(1012);
    expect(crosswalk.records.filter((r) => r.code2010 === '15-1132.00')).toEqual([
      { code2010: '15-1132.00', title2010: 'Software Developers, Applications', code2019: '15-1252.00', title2019: 'Software Developers' },
      {
        code2010: '15-1132.00',
        title2010: 'Software Developers, Applications',
        code2019: '15-1253.00',
        title2019: 'Software Quality Assurance Analysts and Testers',
      },
    ]);
  });

  it('gives 15-1252.00 its telework value via 15-1132.00 (and 15-1133.00, which merge into it)', () => {
    expect(out.get('15-1252.00')).toEqual({ value: 1, from: ['15-1132.00', '15-1133.00'], rule: 'merge-mean' });
  });

  it('copies a value across a real split and averages a real merge', () => {
    // 11-3011.00 Administrative Services Managers split into 11-3012.00 and 11-3013.00 Facilities Managers
    expect(out.get('11-3012.00')).toEqual({ value: 1, from: ['11-3011.00'], rule: 'split-copy' });
    expect(out.get('11-3013.00')).toEqual({ value: 1, from: ['11-3011.00'], rule: 'split-copy' });
    expect(out.get('29-2043.00')).toEqual({ value: 0, from: ['29-2041.00'], rule: 'split-copy' }); // Paramedics
    // 27-3021.00 Broadcast News Analysts (0) + 27-3022.00 Reporters and Correspondents (1) → 27-3023.00
    expect(out.get('27-3023.00')).toEqual({ value: 0.5, from: ['27-3021.00', '27-3022.00'], rule: 'merge-mean' });
    // 11-3071.00 has no value of its own in 2010; .01 (1), .02 (0), .03 (1) are averaged
    expect(out.get('11-3071.00')!.from).toEqual(['11-3071.01', '11-3071.02', '11-3071.03']);
    expect(out.get('11-3071.00')!.value).toBeCloseTo(2 / 3, 12);
    expect(out.get('11-1011.00')).toEqual({ value: 1, from: ['11-1011.00'], rule: 'direct' });
  });
});
