import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createZip, DEFAULT_MAX_ENTRY_BYTES, readZipEntries, ZipFormatError } from './zip.js';

/** A one-entry archive whose headers declare `declared` bytes for `data` (a lying header is how zip bombs pass size checks). */
function withDeclaredSize(data: Buffer, declared: number): Buffer {
  const zip = createZip([{ name: 'bomb.txt', data }]);
  const central = zip.readUInt32LE(zip.length - 22 + 16);
  zip.writeUInt32LE(declared, central + 24);
  zip.writeUInt32LE(declared, 22);
  return zip;
}

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
    expect(entries.map((e) => [e.name, e.method, e.isDirectory])).toEqual([
      ['db/', 0, true],
      ['db/Occupation Data.txt', 8, false],
      ['db/Read Me.txt', 0, false],
    ]);
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

  it('stops inflating a zip bomb as soon as it passes its declared size', () => {
    const bomb = withDeclaredSize(Buffer.alloc(20 * 2 ** 20), 1000); // 20 MiB of zeros, ~20 KB deflated, declared as 1,000 bytes
    const [entry] = readZipEntries(bomb);
    expect(entry!.compressedSize).toBeLessThan(30_000);
    // Unbounded, zlib would inflate all 20 MiB and then fail the size check ("size or CRC mismatch").
    expect(() => entry!.read()).toThrowError(/bomb\.txt: inflates past its declared 1000 bytes/);
  });

  it('refuses an entry declaring more than the limit before inflating it', () => {
    const zip = createZip([{ name: 'big.txt', data: 'x'.repeat(5000) }]);
    expect(readZipEntries(zip, { maxEntryBytes: 5000 })[0]!.read()).toHaveLength(5000);
    expect(() => readZipEntries(zip, { maxEntryBytes: 4999 })[0]!.read()).toThrowError(/big\.txt: declares 5000 bytes, more than the 4999-byte limit/);
    const huge = withDeclaredSize(Buffer.from('tiny'), DEFAULT_MAX_ENTRY_BYTES + 1);
    expect(() => readZipEntries(huge)[0]!.read()).toThrowError(/declares \d+ bytes, more than the 67108864-byte limit/);
  });
});
