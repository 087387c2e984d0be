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
    { name: 'xl/workbook.xml', data: `<workbook ${ns}><sheets>${sheets.map((s, i) => `<sheet name="${s.name}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')}</sheets></workbook>` },
    { name: 'xl/_rels/workbook.xml.rels', data: `<Relationships>${sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Target="worksheets/sheet${i + 1}.xml"/>`).join('')}</Relationships>` },
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
    const xml = '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" t="inlineStr"><is><t>A&amp;B &lt;x&gt;</t></is></c></row>'
      + '<row r="3"><c r="A3"><v>120990</v></c><c r="B3" t="b"><v>1</v></c><c r="D3" t="s"><v>1</v></c><c r="E3" s="2"/></row>';
    const buf = buildWorkbook([{ name: 'national_M2021_dl', xml }, { name: 'Field Descriptions', xml: '' }], ['OCC_CODE', '#']);
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
});
