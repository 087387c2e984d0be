/** Writes a minimal one-sheet xlsx from CSV rows (numbers as numeric cells, like the BLS workbook), for tests. */
import { parseCsvRows } from '../../src/core/csv.js';
import { createZip } from '../../src/core/zip.js';

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const col = (i: number): string => (i >= 26 ? col(Math.floor(i / 26) - 1) : '') + String.fromCharCode(65 + (i % 26));

export function csvToXlsx(csv: string, sheetName = 'All May 2021 data'): Buffer {
  const rows = parseCsvRows(csv);
  const sheetRows = rows
    .map(
      (r, ri) =>
        `<row r="${ri + 1}">${r.fields
          .map((f, ci) => {
            const ref = `${col(ci)}${ri + 1}`;
            if (f === '') return '';
            const n = f.replace(/,/g, '');
            return /^-?\d+(\.\d+)?$/.test(n) ? `<c r="${ref}"><v>${n}</v></c>` : `<c r="${ref}" t="inlineStr"><is><t>${esc(f)}</t></is></c>`;
          })
          .join('')}</row>`,
    )
    .join('');
  return createZip([
    { name: '[Content_Types].xml', data: '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>' },
    {
      name: 'xl/workbook.xml',
      data: `<?xml version="1.0"?><workbook xmlns:r="r"><sheets><sheet name="${esc(sheetName)}" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data: '<?xml version="1.0"?><Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>',
    },
    { name: 'xl/worksheets/sheet1.xml', data: `<?xml version="1.0"?><worksheet><sheetData>${sheetRows}</sheetData></worksheet>` },
  ]);
}
