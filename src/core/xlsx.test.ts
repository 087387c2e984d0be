import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCsvRows } from './csv.js';
import { listXlsxSheets, readXlsxSheet, XlsxFormatError } from './xlsx.js';
import { createZip } from './zip.js';

const DATA = new URL('../../../shared/data/', import.meta.url);

/** A workbook with the parts Excel writes: workbook + rels, shared strings, one or more sheets. */
function buildWorkbook(sheets: { name: string; xml: string }[], shared: string[]): Buffer {
  const ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
  return createZip([
    {
      name: 'xl/workbook.xml',
      data: `<workbook ${ns}><sheets>${sheets.map((s, i) => `<sheet name="${s.name}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')}</sheets></workbook>`,
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data: `<Relationships>${sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Target="worksheets/sheet${i + 1}.xml"/>`).join('')}</Relationships>`,
    },
    { name: 'xl/sharedStrings.xml', data: `<sst>${shared.map((s) => `<si><t>${s}</t></si>`).join('')}</sst>` },
    ...sheets.map((s, i) => ({ name: `xl/worksheets/sheet${i + 1}.xml`, data: `<worksheet ${ns}><sheetData>${s.xml}</sheetData></worksheet>` })),
  ]);
}

describe('readXlsxSheet', () => {
  const book = readFileSync(new URL('felten-aioe/AIOE_DataAppendix.xlsx', DATA));

  it('lists the sheets of the real AIOE workbook in workbook order', () => {
    expect(listXlsxSheets(book)).toEqual(['Index', 'Appendix A', 'Appendix B', 'Appendix C', 'Appendix D', 'Appendix E']);
  });

  it('reads sheet "Appendix A" cell for cell like the CSV made from it (numbers kept as stored)', () => {
    const sheet = readXlsxSheet(book, 'Appendix A');
    const csv = parseCsvRows(readFileSync(new URL('felten-aioe/AIOE_AppendixA_occupation.csv', DATA), 'utf8'));
    expect(sheet.rows).toHaveLength(775);
    expect(sheet.rows.map((r) => r.fields)).toEqual(csv.map((r) => r.fields));
    expect(sheet.rows[2]).toEqual({ line: 3, fields: ['11-1021', 'General and Operations Managers', '0.57487730000000004'] });
  });

  it('reads shared, inline, boolean, entity-escaped and sparse cells by their references', () => {
    const xml =
      '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" t="inlineStr"><is><t>A&amp;B &lt;x&gt;</t></is></c></row>' +
      '<row r="3"><c r="A3"><v>120990</v></c><c r="B3" t="b"><v>1</v></c><c r="D3" t="s"><v>1</v></c><c r="E3" s="2"/></row>';
    const buf = buildWorkbook(
      [
        { name: 'national_M2021_dl', xml },
        { name: 'Field Descriptions', xml: '' },
      ],
      ['OCC_CODE', '#'],
    );
    expect(readXlsxSheet(buf).rows).toEqual([
      { line: 1, fields: ['OCC_CODE', '', 'A&B <x>'] },
      { line: 3, fields: ['120990', 'TRUE', '', '#', ''] },
    ]);
    expect(readXlsxSheet(buf, 1)).toEqual({ name: 'Field Descriptions', rows: [] });
  });

  it('refuses a missing sheet and a buffer that is not a workbook', () => {
    expect(() => readXlsxSheet(book, 'Appendix Z')).toThrow(/sheet "Appendix Z" not found; sheets are Index, Appendix A/);
    expect(() => readXlsxSheet(createZip([{ name: 'a.txt', data: 'x' }]))).toThrow(XlsxFormatError);
    expect(() => readXlsxSheet(Buffer.from('SOC Code,AIOE\n'))).toThrow(/not an xlsx workbook/);
  });

  it('reads a workbook written with namespace prefixes, single-quoted attributes, rich text and CDATA', () => {
    const ns =
      "xmlns:x='http://schemas.openxmlformats.org/spreadsheetml/2006/main' xmlns:rel='http://schemas.openxmlformats.org/officeDocument/2006/relationships'";
    const buf = createZip([
      { name: 'xl/workbook.xml', data: `<x:workbook ${ns}><x:sheets><x:sheet name='Wages' sheetId='1' rel:id='rId7'/></x:sheets></x:workbook>` },
      { name: 'xl/_rels/workbook.xml.rels', data: "<Relationships><Relationship Id='rId7' Target='worksheets/data.xml'/></Relationships>" },
      {
        name: 'xl/sharedStrings.xml',
        data: `<x:sst ${ns}><x:si><x:r><x:rPr><x:b/></x:rPr><x:t>Software </x:t></x:r><x:r><x:t xml:space='preserve'>Developers</x:t></x:r><x:rPh><x:t>ソフト</x:t></x:rPh></x:si><x:si><x:t>15-1252</x:t></x:si></x:sst>`,
      },
      {
        name: 'xl/worksheets/data.xml',
        data: `<x:worksheet ${ns}><x:sheetData><x:row r='2'><x:c r='A2' t='s'><x:v>1</x:v></x:c><x:c r='B2' t='s'><x:v>0</x:v></x:c><x:c r='C2' t='inlineStr'><x:is><x:t><![CDATA[R&D <lab>]]></x:t></x:is></x:c><x:c r='D2'><x:v>132270</x:v></x:c></x:row></x:sheetData></x:worksheet>`,
      },
    ]);
    expect(readXlsxSheet(buf, 'Wages').rows).toEqual([{ line: 2, fields: ['15-1252', 'Software Developers', 'R&D <lab>', '132270'] }]);
  });

  it('reads numbers in date-formatted cells as dates (built-in and custom formats, 1900 and 1904 systems)', () => {
    const styles =
      '<styleSheet><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd h:mm"/></numFmts>' +
      '<cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs><cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="4"/></cellXfs></styleSheet>';
    const sheet =
      '<row r="1"><c r="A1" s="1"><v>44682</v></c><c r="B1" s="2"><v>44682.5</v></c><c r="C1" s="3"><v>44682</v></c><c r="D1"><v>44682</v></c></row>';
    const book = (date1904: boolean) =>
      createZip([
        {
          name: 'xl/workbook.xml',
          data: `<workbook>${date1904 ? '<workbookPr date1904="1"/>' : ''}<sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>`,
        },
        { name: 'xl/_rels/workbook.xml.rels', data: '<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>' },
        { name: 'xl/styles.xml', data: styles },
        { name: 'xl/worksheets/sheet1.xml', data: `<worksheet><sheetData>${sheet}</sheetData></worksheet>` },
      ]);
    expect(readXlsxSheet(book(false)).rows[0]!.fields).toEqual(['2022-05-01', '2022-05-01T12:00:00', '44682', '44682']);
    expect(readXlsxSheet(book(true)).rows[0]!.fields[0]).toBe('2026-05-02');
  });

  it("refuses a cell reference or row number beyond Excel's limits instead of growing a row without bound", () => {
    const far = buildWorkbook([{ name: 'S', xml: '<row r="1"><c r="ZZZZZZZZZZ1"><v>1</v></c></row>' }], []);
    expect(() => readXlsxSheet(far)).toThrowError(/cell reference "ZZZZZZZZZZ1" is beyond column XFD/);
    expect(() => readXlsxSheet(buildWorkbook([{ name: 'S', xml: '<row r="1"><c r="XFE1"><v>1</v></c></row>' }], []))).toThrowError(XlsxFormatError);
    expect(readXlsxSheet(buildWorkbook([{ name: 'S', xml: '<row r="1"><c r="XFD1"><v>1</v></c></row>' }], [])).rows[0]!.fields).toHaveLength(16_384);
    expect(() => readXlsxSheet(buildWorkbook([{ name: 'S', xml: '<row r="99999999"><c><v>1</v></c></row>' }], []))).toThrowError(/beyond row 1048576/);
    expect(() => readXlsxSheet(buildWorkbook([{ name: 'S', xml: '<row r="1"><c r="A1"><v>1</v></row>' }], []))).toThrowError(/not well-formed XML/);
  });

  it('refuses a sheet whose far-off cells would pad it past its cell budget (a few bytes of XML each, 16,384 cells of memory)', () => {
    const rows = (n: number) => Array.from({ length: n }, (_, i) => `<row r="${i + 1}"><c r="XFD${i + 1}"><v>1</v></c></row>`).join('');
    // 400 rows of 25 bytes compressed: 6.5 million cells, 52 MB of slots; the same shape at 64 MiB would be 13 GB.
    expect(() => readXlsxSheet(buildWorkbook([{ name: 'S', xml: rows(400) }], []))).toThrowError(/xl\/worksheets\/sheet1\.xml: more than 5000000 cells/);
    expect(readXlsxSheet(buildWorkbook([{ name: 'S', xml: rows(300) }], [])).rows).toHaveLength(300);
  });
});
