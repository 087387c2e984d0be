import { describe, expect, it } from 'vitest';
import { readCsvRecords } from '../../src/core/csv.js';
import { chartCsv, moversCsv } from '../../src/web/csv-downloads.js';

// Career titles and sources come from third-party pages: any of them may be a formula.
const HOSTILE = ['=HYPERLINK("http://evil","x")', '+cmd', '-1+1', '@SUM(1)', '\t=cmd', '\r=cmd'];
const cells = (text: string) => { const r = readCsvRecords(text); expect(r.errors).toEqual([]); return r.rows.map((row) => row.fields); };

describe('/trends.csv downloads', () => {
  it('top movers: a hostile title is escaped with a leading quote, also when it needs quoting; numbers stay numbers', () => {
    const movers = HOSTILE.map((title, i) => ({ slug: `s${i}`, title, category: 'Computer', from: 10, to: 5, change: -5, changePct: i ? -50 : null }));
    const rows = cells(moversCsv(movers));
    expect(rows[0]).toEqual(['slug', 'title', 'category', 'from', 'to', 'change', 'changePct']);
    expect(rows.slice(1).map((r) => r[1])).toEqual(HOSTILE.map((t) => `'${t}`));
    expect(rows[1]).toEqual(['s0', `'${HOSTILE[0]}`, 'Computer', '10', '5', '-5', '']);
  });
  it('a chart: hostile series labels and sources are escaped in the header and the cells', () => {
    const csv = chartCsv({ x: [1_700_000_000], unit: 'USD', series: HOSTILE.map((label) => ({ label, values: [-3], sources: [label] })) });
    const [header, row] = cells(csv);
    expect(header).toEqual(['date', ...HOSTILE.flatMap((l) => [`'${l}`, `'${l} source`])]);
    expect(row).toEqual(['2023-11-14T22:13:20.000Z', ...HOSTILE.flatMap((l) => ['-3', `'${l}`])]);
  });
});
