import { describe, expect, it } from 'vitest';
import { indexColumns, parseCsvRows, parseCsvTable } from './csv.js';

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
    expect(parseCsvRows('a\t"b\nc\td', { delimiter: '\t', quoted: false })).toEqual([
      { line: 1, fields: ['a', '"b'] },
      { line: 2, fields: ['c', 'd'] },
    ]);
  });
});

describe('indexColumns', () => {
  it('names the missing columns', () => {
    const { header } = parseCsvTable('A,B\n1,2');
    expect(indexColumns(header, ['A', 'C'])).toEqual({ ok: false, missing: ['C'] });
    expect(indexColumns(header, ['B'])).toEqual({ ok: true, index: { B: 1 } });
  });
});
