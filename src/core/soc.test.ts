import { describe, expect, it } from 'vitest';
import { crosswalkValues, formatVintagedCode, isOnetSocCode, isSocCode, parseSocCode, toOnetSocCode, toSocCode } from './soc.js';

describe('SOC code helpers', () => {
  it('normalizes the shapes sources use', () => {
    expect(toSocCode('15-1252.00')).toBe('15-1252');
    expect(toSocCode(' 151252 ')).toBe('15-1252');
    expect(toOnetSocCode('15-1252')).toBe('15-1252.00');
    expect(toOnetSocCode('15-1299.07')).toBe('15-1299.07');
    expect(parseSocCode('15-1299.07')).toEqual({ major: '15', soc: '15-1299', detail: '07' });
    expect(parseSocCode('15-12')).toBeNull();
    expect([isOnetSocCode('15-1252.00'), isOnetSocCode('15-1252'), isSocCode('15-1252'), isSocCode('15-1252.00')]).toEqual([true, false, true, false]);
    expect(formatVintagedCode('15-1132', 'soc-2010')).toBe('soc-2010:15-1132');
  });
});

describe('crosswalkValues', () => {
  const crosswalk = [
    { code2010: '11-0000.00', code2019: '11-0000.00' }, // direct
    { code2010: '15-1132.00', code2019: '15-1252.00' }, // 1132 splits into 1252 and 1253
    { code2010: '15-1132.00', code2019: '15-1253.00' },
    { code2010: '15-1133.00', code2019: '15-1252.00' }, // 1252 merges 1132 and 1133
    { code2010: '99-9999.00', code2019: '99-9999.00' }, // no value: left out
  ];
  it('copies across a split, averages a merge (skipping absent values) and passes direct codes through', () => {
    const out = crosswalkValues(
      new Map([
        ['11-0000.00', 0.25],
        ['15-1132', 1],
        ['15-1133.00', 0],
      ]),
      crosswalk,
    );
    expect(Object.fromEntries(out)).toEqual({
      '11-0000.00': { value: 0.25, from: ['11-0000.00'], rule: 'direct' },
      '15-1252.00': { value: 0.5, from: ['15-1132.00', '15-1133.00'], rule: 'merge-mean' },
      '15-1253.00': { value: 1, from: ['15-1132.00'], rule: 'split-copy' },
    });
  });
});
