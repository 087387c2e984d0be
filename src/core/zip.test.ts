import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createZip, readZipEntries, ZipFormatError } from './zip.js';

const DATA = new URL('../../../shared/data/', import.meta.url);

describe('readZipEntries', () => {
  it('reads back stored and deflated entries written by createZip', () => {
    const text = 'O*NET-SOC Code\tTitle\r\n15-1252.00\tSoftware Developers\r\n'.repeat(50);
    const zip = createZip([
      { name: 'db/', data: '', method: 0 },
      { name: 'db/Occupation Data.txt', data: text },
      { name: 'db/Read Me.txt', data: 'O*NET 29.2', method: 0 },
    ]);
    const entries = readZipEntries(zip);
    expect(entries.map((e) => [e.name, e.method, e.isDirectory])).toEqual([['db/', 0, true], ['db/Occupation Data.txt', 8, false], ['db/Read Me.txt', 0, false]]);
    expect(entries[1]!.read().toString('utf8')).toBe(text);
    expect(entries[1]!.compressedSize).toBeLessThan(entries[1]!.size);
    expect(entries[2]!.read().toString('utf8')).toBe('O*NET 29.2');
  });

  it('reads a real publisher-made archive (the AIOE xlsx): names, sizes and CRCs as unzip -v lists them', () => {
    const entries = readZipEntries(readFileSync(new URL('felten-aioe/AIOE_DataAppendix.xlsx', DATA)));
    expect(entries).toHaveLength(15);
    const sheet2 = entries.find((e) => e.name === 'xl/worksheets/sheet2.xml')!;
    expect([sheet2.size, sheet2.compressedSize, sheet2.crc32.toString(16)]).toEqual([137077, 22724, 'bb72c7ef']);
    expect(sheet2.read().toString('utf8')).toContain('<sheetData>');
  });

  it('refuses a damaged entry, a truncated archive and a non-zip', () => {
    const zip = createZip([{ name: 'a.txt', data: 'hello world', method: 0 }]);
    const damaged = Buffer.from(zip);
    damaged[30 + 'a.txt'.length] = 'H'.charCodeAt(0); // first data byte
    expect(() => readZipEntries(damaged)[0]!.read()).toThrow(/CRC mismatch/);
    expect(() => readZipEntries(zip.subarray(0, zip.length - 10))).toThrow(ZipFormatError);
    expect(() => readZipEntries(Buffer.from('AREA,AREA_TITLE\n99,U.S.\n'.repeat(3)))).toThrow(/not a zip archive/);
  });
});
