import { describe, expect, it } from 'vitest';
import { defaultSources } from '../../src/ingest/catalog.js';
import { findRelease } from '../../src/ingest/sources/onet-database/adapter.js';
import { buildAdapters } from '../../src/ingest/wiring.js';

describe('default sources and adapters', () => {
  it('every source kind has an adapter, and 2010-coded sources name the crosswalk', () => {
    const adapters = buildAdapters();
    for (const s of defaultSources) expect(adapters.has(s.kind), s.kind).toBe(true);
    for (const s of defaultSources.filter((d) => d.kind === 'telework' || d.options.method === 'felten-aioe')) {
      expect(s.options.crosswalkUrl, s.id).toMatch(/^https:\/\/.*2010_to_2019_Crosswalk\.csv$/);
    }
  });
  it('the O*NET release comes from Read Me.txt, else the option, else the zip name', () => {
    expect(findRelease('O*NET 29.2 Database\r\nFebruary 2025 Release', '30.0', 'x')).toBe('O*NET 29.2');
    expect(findRelease(null, '30.0', 'https://x/db_29_2_text.zip')).toBe('O*NET 30.0');
    expect(findRelease(null, undefined, 'https://x/db_29_3_text.zip')).toBe('O*NET 29.3');
    expect(() => findRelease(null, undefined, 'https://mirror/onet/')).toThrow(/unknown O\*NET release/);
  });
});
