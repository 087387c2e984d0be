import { describe, expect, it } from 'vitest';
import { indexColumns, parseCsvRows, parseCsvTable, readCsvRecords } from './csv.js';

describe('parseCsvRows', () => {
  it('reads quoted fields with commas, doubled quotes and newlines, keeping start lines', () => {
    const rows = parseCsvRows('\ufeffa,b\r\n"1,364,180","say ""hi""\nthere"\r\nx,\n');
    expect(rows).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['1,364,180', 'say "hi"\nthere'] },
      { line: 4, fields: ['x', ''] },
    ]);
  });
  it('treats quotes literally when quoting is off', () => {
    expect(parseCsvRows('\ufeffa\t"b\nc\td\r\n\r\ne\tf\rg\t', { delimiter: '\t', quoted: false })).toEqual([
      { line: 1, fields: ['a', '"b'] },
      { line: 2, fields: ['c', 'd'] },
      { line: 4, fields: ['e', 'f'] },
      { line: 5, fields: ['g', ''] },
    ]);
  });
  it('ends a line at a lone CR (old Mac exports) as at LF and CRLF', () => {
    expect(parseCsvRows('a,b\r1,2\r\n3,4\n5,6')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['1', '2'] },
      { line: 3, fields: ['3', '4'] },
      { line: 4, fields: ['5', '6'] },
    ]);
  });
  it('keeps line numbers exact after blank lines and CRLF inside quoted fields', () => {
    expect(parseCsvRows('a,b\r\n"x\r\ny\rz",1\r\n\r\n\nc,d\r\n')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['x\r\ny\rz', '1'] },
      { line: 7, fields: ['c', 'd'] },
    ]);
  });
  it('refuses an unclosed quote, naming the line its record starts on, instead of swallowing the rest', () => {
    expect(() => parseCsvRows('a,b\n1,2\n3,"4\n5,6\n')).toThrowError(/^line 3: Quote Not Closed/);
  });
  it('refuses text after a closing quote', () => {
    expect(() => parseCsvRows('a,b\n1,"2"x\n')).toThrowError(/^line 2: Invalid Closing Quote/);
  });
});

describe('readCsvRecords', () => {
  it('reports an unreadable record by line and keeps reading the records around it', () => {
    const out = readCsvRecords('a,b\n1,2\n3,"4"5\n\n6,7\n8,"cut mid-fie');
    expect(out.rows).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['1', '2'] },
      { line: 5, fields: ['6', '7'] },
    ]);
    expect(out.errors.map((e) => e.line)).toEqual([3, 6]);
    expect(out.errors[0]!.reason).toMatch(/Invalid Closing Quote/);
    expect(out.errors[1]!.reason).toMatch(/Quote Not Closed/);
  });
  it('resumes after an unclosed quote in the middle of the file on the next line', () => {
    const out = readCsvRecords('a,b\n1,"2\n3,4\n5,6\n');
    expect(out.rows.map((r) => r.line)).toEqual([1, 3, 4]);
    expect(out.errors).toEqual([{ line: 2, reason: expect.stringMatching(/Quote Not Closed/) }]);
  });
  it('refuses text that is not CSV at all after 100 unreadable records', () => {
    expect(() => readCsvRecords(`a\n${'x"y"z\n'.repeat(101)}`)).toThrowError(/more than 100 unreadable records/);
  });
});

describe('indexColumns', () => {
  it('names the missing columns', () => {
    const { header } = parseCsvTable('A,B\n1,2');
    expect(indexColumns(header, ['A', 'C'])).toEqual({ ok: false, missing: ['C'] });
    expect(indexColumns(header, ['B'])).toEqual({ ok: true, index: { B: 1 } });
  });
});
