/**
 * O*NET skill and knowledge ratings: the publisher's Excel release (`db_29_0_excel.zip`, one
 * document) or a folder holding its `Skills.xlsx`, `Knowledge.xlsx` and `Read Me.txt` → per
 * occupation a `skill-ratings` and a `knowledge-ratings` fact (importance 1–5 and level 0–7 of
 * each element O*NET shows), under the release period (`O*NET 29.0`). Occupations O*NET does not
 * rate get no fact: the worker estimates theirs from the closest rated occupation, marked so.
 */
import { readZipEntries } from '../../../core/zip.js';
import { FACT_KEYS, type RatingsFact } from '../../../core/fact-keys.js';
import type { AdapterContext, FactInput, SourceAdapter } from '../../types.js';
import { fetchRequired, isNotFound, stringOption } from '../adapter-kit.js';
import { findRelease } from '../onet-database/adapter.js';
import { decodeSourceText, SourceFormatError } from '../types.js';
import { parseOnetRatings } from './parse.js';

const FILES = { skill: 'Skills.xlsx', knowledge: 'Knowledge.xlsx' } as const;
const README = 'Read Me.txt';
const KEYS = { skill: FACT_KEYS.skillRatings, knowledge: FACT_KEYS.knowledgeRatings } as const;

interface Loaded {
  files: { domain: keyof typeof FILES; body: Buffer; url: string }[];
  readme: string | null;
}

async function loadZip(ctx: AdapterContext): Promise<Loaded | 'unchanged'> {
  const doc = await fetchRequired(ctx, ctx.url);
  if (!doc.changed) return 'unchanged';
  const entries = readZipEntries(doc.body).filter((e) => !e.isDirectory && !e.name.startsWith('__MACOSX/'));
  const find = (name: string) => entries.find((e) => e.name.split('/').pop() === name);
  const files = (Object.keys(FILES) as (keyof typeof FILES)[]).map((domain) => {
    const e = find(FILES[domain]);
    if (!e) throw new SourceFormatError(`${ctx.url}: no ${FILES[domain]} in the zip`);
    return { domain, body: e.read(), url: doc.url };
  });
  const readme = find(README);
  return { files, readme: readme ? decodeSourceText(readme.read(), README) : null };
}

async function loadFolder(ctx: AdapterContext): Promise<Loaded | 'unchanged'> {
  const base = ctx.url.endsWith('/') ? ctx.url : `${ctx.url}/`;
  const urlOf = (file: string) => new URL(encodeURIComponent(file), base).toString();
  const domains = Object.keys(FILES) as (keyof typeof FILES)[];
  const docs = await Promise.all(domains.map((d) => fetchRequired(ctx, urlOf(FILES[d]))));
  const readme = await fetchRequired(ctx, urlOf(README)).catch((err: unknown) => {
    if (isNotFound(err)) return null; // the period then comes from the `release` option
    throw err;
  });
  if (!docs.some((d) => d.changed) && !readme?.changed) return 'unchanged';
  return { files: docs.map((d, i) => ({ domain: domains[i]!, body: d.body, url: d.url })), readme: readme ? decodeSourceText(readme.body, README) : null };
}

export const onetRatingsAdapter: SourceAdapter = {
  kind: 'onet-ratings',
  version: 1,
  async load(ctx) {
    const loaded = /\.zip(?:$|[?#])/i.test(ctx.url) ? await loadZip(ctx) : await loadFolder(ctx);
    if (loaded === 'unchanged') return 'unchanged';
    const period = findRelease(loaded.readme, stringOption(ctx, 'release'), ctx.url);
    const facts: FactInput[] = [];
    const rejects = [];
    let parsed = 0;
    for (const f of loaded.files) {
      const { records, rejects: bad } = parseOnetRatings(f.body, FILES[f.domain]);
      await ctx.progress(f.domain === 'skill' ? 30 : 60, `parsed ${records.length} occupations' ${f.domain} ratings`);
      rejects.push(...bad);
      parsed += records.length + bad.length;
      for (const r of records) {
        if (r.domain !== f.domain) throw new SourceFormatError(`${FILES[f.domain]}: holds ${r.domain} elements`);
        const value: RatingsFact = { elements: r.elements, withheld: r.withheld };
        facts.push({ career: { onetCode: r.code }, key: KEYS[f.domain], period, value, documentUrl: f.url });
      }
    }
    return { careers: [], facts, rejects, parsed, ownedKeys: [FACT_KEYS.skillRatings, FACT_KEYS.knowledgeRatings] };
  },
};
