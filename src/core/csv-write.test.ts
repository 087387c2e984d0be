import { describe, expect, it } from 'vitest';
import { readCsvRecords } from './csv.js';
import { writeCsv } from './csv-write.js';

describe('writeCsv', () => {
  it('escapes every formula start (= + - @ tab CR) before quoting, and leaves numbers alone', () => {
    const hostile = ['=HYPERLINK("http://x","click")', '+1', '-2+3', '@SUM(A1)', '\t=cmd', '\r=cmd', '=a,b'];
    const text = writeCsv([['title', 'n'], ...hostile.map((h) => [h, -5])]);
    const { rows, errors } = readCsvRecords(text);
    expect(errors).toEqual([]);
    expect(rows.slice(1).map((r) => r.fields)).toEqual(hostile.map((h) => [`'${h}`, '-5']));
    expect(text).toContain('"\'=HYPERLINK(""http://x"",""click"")",-5\r\n');
  });
  it('quotes commas, quotes and any line break; empty cells for null', () => {
    expect(writeCsv([['a,b', 'say "hi"', 'x\ny', null, undefined, 1.5]])).toBe('"a,b","say ""hi""","x\ny",,,1.5\r\n');
  });
  it('writes values unchanged for a round trip through our reader when formula escaping is off', () => {
    const rows = [
      ['SOC Code', 'AIOE'],
      ['11-1011', '-1.25'],
      ['=x', '+2'],
    ];
    expect(readCsvRecords(writeCsv(rows, { escapeFormulas: false })).rows.map((r) => r.fields)).toEqual(rows);
  });
});
