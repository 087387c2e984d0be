import { describe, expect, it } from 'vitest';
import { AuditTrail } from '../../src/web/career-page.js';

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ')
    .trim();

describe('career page audit trail', () => {
  it('calls the first entry a publication, not a change, and says an unknown first figure had no data', () => {
    const t = text(
      String(
        AuditTrail({
          label: 'Median salary',
          money: true,
          points: [
            { at: '2026-12-06T12:19:00Z', value: null, source: null, period: null },
            { at: '2026-12-06T12:20:30Z', value: 133080, source: 'BLS OEWS (oews)', period: 'May 2024' },
          ],
        }),
      ),
    );
    expect(t).toContain('Median salary: 1 change since first published');
    expect(t).toContain('changed on 2026-12-06: unknown → $133,080 (BLS OEWS (oews), May 2024 data)');
    expect(t).toContain('first published on 2026-12-06: unknown (no data yet)');
    expect(t).not.toMatch(/changed on 2026-12-06: unknown(?! →)/);
  });
});
