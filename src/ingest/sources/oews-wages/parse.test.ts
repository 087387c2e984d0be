import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseCsvRows } from '../../../core/csv.js';
import { createZip } from '../../../core/zip.js';
import { SourceFormatError, type ParseResult } from '../types.js';
import { detectOewsPeriod, parseOewsNational, type OewsWageRecord } from './parse.js';

const FILE = new URL('../../../../../shared/data/bls-oews-national/national_May2021_dl.csv', import.meta.url);
const plain = (value: number | null) => ({ value, topCoded: false, derivedFromHourly: false });

/** An xlsx like BLS publishes: data on the first sheet, numbers as numeric cells, `#`/`*` as shared strings. */
function buildOewsXlsx(rows: string[][]): Buffer {
  const shared: string[] = [];
  const col = (i: number): string => (i < 26 ? '' : String.fromCharCode(64 + Math.floor(i / 26))) + String.fromCharCode(65 + (i % 26));
  const cell = (v: string, ref: string): string => {
    if (v === '') return '';
    if (v === 'TRUE') return `<c r="${ref}" t="b"><v>1</v></c>`;
    if (/^[\d,]+(\.\d+)?$/.test(v)) return `<c r="${ref}"><v>${v === '58.17' ? '58.170000000000002' : v.replace(/,/g, '')}</v></c>`;
    shared.push(v);
    return `<c r="${ref}" t="s"><v>${shared.length - 1}</v></c>`;
  };
  const data = rows.map((r, y) => `<row r="${y + 1}">${r.map((v, x) => cell(v, `${col(x)}${y + 1}`)).join('')}</row>`).join('');
  return createZip([
    { name: '[Content_Types].xml', data: '<Types/>' },
    {
      name: 'xl/workbook.xml',
      data: '<workbook><sheets><sheet name="national_M2021_dl" sheetId="1" r:id="rId1"/><sheet name="Field Descriptions" sheetId="2" r:id="rId2"/></sheets></workbook>',
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data: '<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Target="worksheets/sheet2.xml"/></Relationships>',
    },
    { name: 'xl/sharedStrings.xml', data: `<sst>${shared.map((s) => `<si><t>${s.replace(/&/g, '&amp;')}</t></si>`).join('')}</sst>` },
    { name: 'xl/worksheets/sheet1.xml', data: `<worksheet><sheetData>${data}</sheetData></worksheet>` },
    {
      name: 'xl/worksheets/sheet2.xml',
      data: '<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Field</t></is></c></row></sheetData></worksheet>',
    },
  ]);
}

describe('parseOewsNational on national_May2021_dl.csv', () => {
  let bytes: Buffer;
  let result: ParseResult<OewsWageRecord>;
  const find = (code: string, group = 'detailed') => result.records.find((r) => r.socCode === code && r.group === group)!;
  beforeAll(() => {
    bytes = readFileSync(FILE);
    result = parseOewsNational(bytes, { file: 'national_May2021_dl.csv' });
  });

  it('reads all 1403 rows, 831 of them detailed, summary rows kept and flagged', () => {
    expect(result.rejects).toEqual([]);
    expect(result.records).toHaveLength(1403);
    expect(result.records.filter((r) => r.detailed)).toHaveLength(831);
    expect(find('15-1200', 'minor')).toMatchObject({ title: 'Computer Occupations', detailed: false, employment: 4389910 });
    expect(find('00-0000', 'total').employment).toBe(140886310);
    // 13-1020 is published twice: as a broad group and as its only detailed occupation
    expect(result.records.filter((r) => r.socCode === '13-1020').map((r) => r.group)).toEqual(['broad', 'detailed']);
  });

  it('gives 15-1252 Software Developers its exact figures (BOM, quoted thousands separators)', () => {
    const sd = find('15-1252');
    expect(sd).toMatchObject({ title: 'Software Developers', period: 'May 2021', year: 2021, employment: 1364180, annualOnly: false, hourlyOnly: false });
    expect(sd.annual).toEqual({ mean: plain(120990), p10: plain(64470), p25: plain(90870), median: plain(120730), p75: plain(151960), p90: plain(168570) });
    expect(sd.hourly!.median).toEqual(plain(58.05));
  });

  it('stores `#` as the top-code bound with a flag, and `*` as null', () => {
    const ceo = find('11-1011');
    expect(ceo.annual.median).toEqual(plain(179520));
    expect(ceo.annual.p75).toEqual({ value: 208000, topCoded: true, derivedFromHourly: false });
    expect(ceo.hourly!.p90).toEqual({ value: 100, topCoded: true, derivedFromHourly: false });
    expect(find('29-1211').annual.mean).toEqual(plain(331190)); // Anesthesiologists: mean above the top code is published
    expect(find('29-1211').annual.median.topCoded).toBe(true);
    const cells = result.records.flatMap((r) => [...Object.values(r.annual), ...Object.values(r.hourly ?? {})]);
    expect(cells.filter((c) => c.topCoded)).toHaveLength(267); // 139 annual + 128 hourly `#` cells
    const models = find('41-9012');
    expect(models.employment).toBe(2000);
    expect(Object.values(models.annual).every((c) => c.value === null && !c.topCoded)).toBe(true);
  });

  it('keeps annual-only rows without hourly wages and annualizes hourly-only rows at 2080 h', () => {
    const legislators = find('11-1031');
    expect(legislators).toMatchObject({ annualOnly: true, hourly: null });
    expect(legislators.annual.median).toEqual(plain(37270));
    expect(result.records.filter((r) => r.detailed && r.annualOnly)).toHaveLength(59);
    const actors = find('27-2011');
    expect(actors.hourlyOnly).toBe(true);
    expect(actors.annual.median).toEqual({ value: 48838.4, topCoded: false, derivedFromHourly: true }); // 23.48 × 2080
    expect(actors.annual.p90.value).toBe(128918.4); // 61.98 × 2080
    expect(actors.hourly!.median).toEqual(plain(23.48));
  });

  it('reads the same rows from the publisher-style xlsx (first sheet, numeric cells, lower-case headers)', () => {
    const rows = parseCsvRows(bytes.toString('utf8'));
    const pick = rows.filter((r, i) => i === 0 || ['15-1252', '11-1011', '27-2011', '11-1031', '41-9012'].includes(r.fields[8]!));
    pick[0] = { line: 1, fields: pick[0]!.fields.map((h) => h.toLowerCase()) };
    const xlsx = parseOewsNational(buildOewsXlsx(pick.map((r) => r.fields)), { file: 'national_M2021_dl.xlsx' });
    expect(xlsx.rejects).toEqual([]);
    const fromCsv = (code: string) => result.records.find((r) => r.socCode === code)!;
    for (const code of ['15-1252', '11-1011', '27-2011', '11-1031', '41-9012']) {
      expect(xlsx.records.find((r) => r.socCode === code)).toEqual(fromCsv(code));
    }
  });

  it('rejects unreadable rows and refuses wrong columns, truncation, unknown period', () => {
    const text = bytes.toString('utf8');
    const lines = text.split('\n');
    const edited = [lines[0], lines[150]!.replace('"1,364,180"', 'lots'), lines[151]!.replace('15-1253', '15-125X'), lines[152]].join('\n');
    expect(parseOewsNational(edited, { period: 'May 2021' })).toMatchObject({
      records: [{ socCode: '15-1254', title: 'Web Developers' }],
      rejects: [
        { line: 2, reason: 'TOT_EMP: non-numeric value "lots"' },
        { line: 3, reason: 'bad OCC_CODE "15-125X"' },
      ],
    });
    expect(() => parseOewsNational(text.replace('A_MEDIAN', 'A_MED'), { period: 'May 2021', file: 'x.csv' })).toThrow(/x\.csv: missing column\(s\) "A_MEDIAN"/);
    expect(() => parseOewsNational(text.slice(0, 5000), { period: 'May 2021', file: 'x.csv' })).toThrow(/x\.csv: truncated at line/);
    expect(() => parseOewsNational(bytes)).toThrow(SourceFormatError);
    expect(() => parseOewsNational(bytes)).toThrow(/unknown reference period/);
    expect(() => parseOewsNational(Buffer.from(text, 'utf16le'), { period: 'May 2021', file: 'x.csv' })).toThrow(/x\.csv: is UTF-16 text, expected UTF-8/);
  });

  it('detects the period from BLS file names', () => {
    expect(detectOewsPeriod('national_M2021_dl.xlsx')).toBe('May 2021');
    expect(detectOewsPeriod('/data/national_May2023_dl.csv')).toBe('May 2023');
    expect(detectOewsPeriod('oesm23nat.zip')).toBe('May 2023');
    expect(detectOewsPeriod('wages.csv')).toBeNull();
  });
});
