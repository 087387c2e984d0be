import { describe, expect, it } from 'vitest';
import { readCsvRecords } from '../../src/core/csv.js';
import { moversCsv, periodCsv } from '../../src/web/csv-downloads.js';

// Career titles and sources come from third-party pages: any of them may be a formula.
const HOSTILE = ['=HYPERLINK("http://evil","x")', '+cmd', '-1+1', '@SUM(1)', '\t=cmd', '\r=cmd'];
const cells = (text: string) => {
  const r = readCsvRecords(text);
  expect(r.errors).toEqual([]);
  return r.rows.map((row) => row.fields);
};

describe('/trends.csv downloads', () => {
  it('top movers: a hostile title is escaped with a leading quote, also when it needs quoting; numbers stay numbers', () => {
    const movers = HOSTILE.map((title, i) => ({
      slug: `s${i}`,
      title,
      category: 'Computer',
      from: 10,
      to: 5,
      change: -5,
      changePct: i ? -50 : null,
      source: 'BLS OEWS (oews)',
      mapped: i === 1,
    }));
    const rows = cells(moversCsv(movers, { metric: 'salaryMedian', from: 'May 2021', to: 'May 2024' }));
    expect(rows[0]).toEqual([
      'career',
      'title',
      'category',
      'metric',
      'from_period',
      'from_value',
      'to_period',
      'to_value',
      'change',
      'change_pct',
      'source',
      'note',
    ]);
    expect(rows.slice(1).map((r) => r[1])).toEqual(HOSTILE.map((t) => `'${t}`));
    expect(rows[1]).toEqual(['s0', `'${HOSTILE[0]}`, 'Computer', 'salaryMedian', 'May 2021', '10', 'May 2024', '5', '-5', '', 'BLS OEWS (oews)', '']);
    expect(rows[2]![11]).toBe('an endpoint is a May 2020 hybrid-code figure');
  });
  it('a period chart: one row per career and period with value and source; hostile series and sources escaped', () => {
    const career = { id: 1, slug: 'software-developers', title: 'Software Developers' };
    const rows = cells(
      periodCsv(
        'salaryMedian',
        HOSTILE.map((label, i) => ({
          career,
          point: {
            careerId: 1,
            series: label,
            period: 'May 2024',
            periodStart: '2024-05-01',
            value: i ? -3 : null,
            bound: i === 2 ? ('at-least' as const) : null,
            source: label,
            note: i ? {} : { break: 'no honest value' },
          },
        })),
      ),
    );
    expect(rows[0]).toEqual(['career', 'series', 'period', 'period_start', 'metric', 'value', 'bound', 'source', 'note']);
    expect(rows[1]).toEqual(['software-developers', `'${HOSTILE[0]}`, 'May 2024', '2024-05-01', 'salaryMedian', '', '', `'${HOSTILE[0]}`, 'no honest value']);
    expect(rows[3]).toEqual(['software-developers', `'${HOSTILE[2]}`, 'May 2024', '2024-05-01', 'salaryMedian', '-3', 'at-least', `'${HOSTILE[2]}`, '']);
  });
});
