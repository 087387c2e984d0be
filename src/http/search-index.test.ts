import { describe, expect, it } from 'vitest';
import { CareerSearchIndex, normalizeForSearch } from './search-index.js';

const row = (id: number, title: string, category: string, aliases: string[] = []) => ({
  id,
  slug: title.toLowerCase().replace(/\W+/g, '-'),
  title,
  category,
  onetCode: null,
  aliases,
});
const index = new CareerSearchIndex([
  row(1, 'Software Developers', 'Computer and Mathematical', ['Application Developer', 'Programmer Analyst']),
  row(2, 'Database Administrators', 'Computer and Mathematical', ['DBA']),
  row(3, 'Chief Executives', 'Management', ['CEO', 'Chief Operating Officer']),
  row(4, 'Software Quality Assurance Analysts and Testers', 'Computer and Mathematical'),
]);

describe('career search index', () => {
  it('tolerates typos and finds by alias', () => {
    expect(index.search('sofware develper')[0]?.row.id).toBe(1);
    expect(index.search('aplication developer')[0]).toMatchObject({ row: { id: 1 }, matched: 'Application Developer' });
    expect(index.search('chief operating')[0]?.row.id).toBe(3);
  });

  it('ranks a prefix first, filters by category, and folds accents and case', () => {
    expect(index.search('software').map((h) => h.row.id)).toEqual([1, 4]);
    expect(index.search('software', 'management')).toEqual([]);
    expect(normalizeForSearch('Développeur  LOGICIEL!')).toBe('developpeur logiciel');
    expect(index.search('SOFTWARE DÉVELOPERS')[0]?.row.id).toBe(1);
  });

  it('answers nothing for noise, and closest matches for a misspelt slug', () => {
    expect(index.search('zzzz qqqq')).toEqual([]);
    expect(index.closest('database-adminstrators')[0]?.slug).toBe('database-administrators');
  });
});
