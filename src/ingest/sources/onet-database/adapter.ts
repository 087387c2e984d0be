import { readSourceTable } from '../types.js';
import type { CareerInput, NormalizedBatch, SourceAdapter } from '../../types.js';

const OCCUPATIONS = 'Occupation Data.txt';

const slugify = (t: string) => t.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

/** O*NET database: the occupations file, read from a folder (base URL ending in /). */
export const onetDatabaseAdapter: SourceAdapter = {
  kind: 'onet-database',
  async load(ctx) {
    const base = ctx.url.endsWith('/') ? ctx.url : `${ctx.url}/`;
    const url = new URL(encodeURIComponent(OCCUPATIONS), base).toString();
    const doc = await ctx.fetchDocument(url);
    if ('disallowed' in doc) throw new Error(`${url} is disallowed by robots.txt (${doc.rule})`);
    if (!doc.changed) return 'unchanged';
    const table = readSourceTable(doc.body, OCCUPATIONS, ['O*NET-SOC Code', 'Title', 'Description'], { delimiter: '\t', quoted: false });
    const seen = new Map<string, number>();
    const careers: CareerInput[] = table.rows.map((row) => {
      const code = row.fields[table.index['O*NET-SOC Code']]!;
      const title = row.fields[table.index.Title]!;
      let slug = slugify(title);
      const n = seen.get(slug) ?? 0;
      seen.set(slug, n + 1);
      if (n > 0) slug = `${slug}-${code.replace(/\D/g, '')}`;
      return { onetCode: code, slug, title, description: row.fields[table.index.Description]!, category: code.slice(0, 2), origin: 'onet', aliases: [] };
    });
    const batch: NormalizedBatch = {
      careers,
      facts: careers.map((c) => ({ career: { onetCode: c.onetCode! }, key: 'occupation', period: 'O*NET', value: { title: c.title }, documentUrl: url })),
      rejects: table.rejects,
      parsed: table.rows.length + table.rejects.length,
    };
    return batch;
  },
};
