import { describe, expect, it } from 'vitest';
import { decideHybrid, HYBRID_MAJORITY, isHybridCode } from './soc-hybrids.js';

const later = (period: string, emp: Record<string, number | null>) => ({ period, employment: new Map(Object.entries(emp)) });

describe('OEWS hybrid codes', () => {
  it('a hybrid continues the member holding the large majority of it, basis = earliest later period', () => {
    const d = decideHybrid('15-1256', [
      later('May 2024', { '15-1252': 1_654_440, '15-1253': 1_000 }),
      later('May 2021', { '15-1252': 1_364_180, '15-1253': 190_120 }),
    ]);
    expect(d).toMatchObject({ rule: 'majority', mappedTo: '15-1252', share: 0.878, basisPeriod: 'May 2021' });
    expect(d.members.map((m) => m.code)).toEqual(['15-1252', '15-1253']);
  });

  it('breaks when no member holds the majority, and says each share', () => {
    const d = decideHybrid('15-1245', [later('May 2021', { '15-1242': 85_870, '15-1243': 50_440 })]);
    expect(d.rule).toBe('break');
    expect(d.mappedTo).toBeNull();
    expect(d.rule === 'break' && d.reason).toBe(
      'hybrid 15-1245 combines 15-1242 (63 %), 15-1243 (37 %) in May 2021; no member holds 80 % of it, so no member gets its figures',
    );
  });

  it('just under the threshold is a break (27-4098: 79.6 %)', () => {
    const d = decideHybrid('27-4098', [later('May 2021', { '27-4015': 4_280, '27-4099': 16_670 })]);
    expect(16_670 / (16_670 + 4_280)).toBeLessThan(HYBRID_MAJORITY);
    expect(d).toMatchObject({ rule: 'break', basisPeriod: 'May 2021' });
  });

  it('breaks when no later period publishes every member', () => {
    expect(decideHybrid('15-1256', [later('May 2021', { '15-1252': 1_364_180, '15-1253': null })])).toMatchObject({ rule: 'break', basisPeriod: null });
    expect(decideHybrid('15-1256', [])).toMatchObject({ rule: 'break' });
  });

  it('knows the hybrid codes only', () => {
    expect(isHybridCode('15-1256')).toBe(true);
    expect(isHybridCode('15-1252')).toBe(false);
    expect(() => decideHybrid('15-1252', [])).toThrow(/not an OEWS hybrid/);
  });
});
