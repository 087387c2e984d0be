/**
 * O*NET database source: the publisher's zip (`db_29_2_text.zip`, one document) or a folder of
 * the text files (a base URL ending in `/`, one document per file) → 1,016 careers with their
 * aliases, and per career its technology skills, job zone, education profile and related
 * occupations, all for one release period (`O*NET 29.2`).
 */
import { readZipEntries } from '../../../core/zip.js';
import { FACT_KEYS, type EducationFact, type JobZoneFact, type RelatedOccupationsFact, type TechSkillsFact } from '../../../core/fact-keys.js';
import { OPTIONAL_ONET_FILES } from './profile.js';
import { profileFacts } from './profile-facts.js';
import {
  IngestRejectedError,
  type AdapterContext,
  type CareerInput,
  type FactInput,
  type NormalizedBatch,
  type SourceAdapter,
  type SourceDocument,
} from '../../types.js';
import { fetchRequired, fileNameOf, isNotFound, stringOption } from '../adapter-kit.js';
import { decodeSourceText } from '../types.js';
import { ONET_FILES, parseOnetFiles, readOnetZip, type OnetDatabase } from './parse.js';

const README = 'Read Me.txt';
type FileKey = keyof typeof ONET_FILES | keyof typeof OPTIONAL_ONET_FILES;

/** Where each kind of fact was read from: the zip, or the file of a folder. */
type DocumentOf = (file: FileKey) => string;

export const onetDatabaseAdapter: SourceAdapter = {
  kind: 'onet-database',
  version: 4, // 2: aliases carry their evidence; 3: a lone CR ends a line (csv-parse); 4: interests, work styles and tasks
  async load(ctx) {
    const isZip = /\.zip(?:$|[?#])/i.test(ctx.url);
    const loaded = isZip ? await loadZip(ctx) : await loadFolder(ctx);
    if (loaded === 'unchanged') return 'unchanged';
    await ctx.progress(40, `parsed ${loaded.db.occupations.length} occupations`);
    const period = findRelease(loaded.readme, stringOption(ctx, 'release'), ctx.url);
    return toBatch(loaded.db, period, loaded.documentOf);
  },
};

interface Loaded {
  db: OnetDatabase;
  readme: string | null;
  documentOf: DocumentOf;
}

async function loadZip(ctx: AdapterContext): Promise<Loaded | 'unchanged'> {
  const doc = await fetchRequired(ctx, ctx.url);
  if (!doc.changed) return 'unchanged';
  const name = fileNameOf(doc.url);
  const db = readOnetZip(doc.body, name);
  const readmeEntry = readZipEntries(doc.body).find((e) => !e.name.startsWith('__MACOSX/') && e.name.split('/').pop() === README);
  const readme = readmeEntry ? decodeSourceText(readmeEntry.read(), `${name}/${readmeEntry.name}`) : null;
  return { db, readme, documentOf: () => doc.url };
}

async function loadFolder(ctx: AdapterContext): Promise<Loaded | 'unchanged'> {
  const base = ctx.url.endsWith('/') ? ctx.url : `${ctx.url}/`;
  const urlOf = (file: string): string => new URL(encodeURIComponent(file), base).toString();
  const keys = Object.keys(ONET_FILES) as (keyof typeof ONET_FILES)[];
  // The per-host limiter keeps these polite; fetching them together saves the round trips.
  const docs = await Promise.all(keys.map((k) => fetchRequired(ctx, urlOf(ONET_FILES[k]))));
  const optional = async (file: string): Promise<SourceDocument | null> =>
    fetchRequired(ctx, urlOf(file)).catch((err: unknown) => {
      if (isNotFound(err)) return null; // a mirror without this file (or without the release note)
      throw err;
    });
  const readmeDoc = await optional(README);
  const extraKeys = Object.keys(OPTIONAL_ONET_FILES) as (keyof typeof OPTIONAL_ONET_FILES)[];
  const extras = await Promise.all(extraKeys.map((k) => optional(OPTIONAL_ONET_FILES[k])));
  if (!docs.some((d) => d.changed) && !readmeDoc?.changed && !extras.some((d) => d?.changed)) return 'unchanged';
  const files = new Map<string, string>();
  keys.forEach((k, i) => {
    files.set(ONET_FILES[k], decodeSourceText(docs[i]!.body, ONET_FILES[k]));
  });
  extraKeys.forEach((k, i) => {
    const d = extras[i];
    if (d) files.set(OPTIONAL_ONET_FILES[k], decodeSourceText(d.body, OPTIONAL_ONET_FILES[k]));
  });
  const readme = readmeDoc ? decodeSourceText(readmeDoc.body, README) : null;
  const byKey = new Map<FileKey, string>(keys.map((k, i) => [k, (docs[i] as SourceDocument).url]));
  extraKeys.forEach((k, i) => {
    const d = extras[i];
    if (d) byKey.set(k, d.url);
  });
  return { db: parseOnetFiles(files), readme, documentOf: (k) => byKey.get(k)! };
}

/**
 * The release period: the publisher's own statement in `Read Me.txt` ("O*NET 29.2 Database"),
 * else the `release` option ("29.2" or "O*NET 29.2"), else the zip's name (`db_29_2_text.zip`).
 * Without any of these the run fails: a guessed release would mislabel every fact.
 */
export function findRelease(readme: string | null, option: string | undefined, url: string): string {
  const fromReadme = readme && /O\*NET\s+(\d+\.\d+)\s+Database/i.exec(readme)?.[1];
  if (fromReadme) return `O*NET ${fromReadme}`;
  if (option) return /^\d+(\.\d+)?$/.test(option.trim()) ? `O*NET ${option.trim()}` : option.trim();
  const fromName = /db_(\d+)_(\d+)_text/i.exec(url);
  if (fromName) return `O*NET ${fromName[1]}.${fromName[2]}`;
  throw new IngestRejectedError(`${url}: unknown O*NET release: no "Read Me.txt", no "release" option, no db_NN_N_text name`);
}

function toBatch(db: OnetDatabase, period: string, documentOf: DocumentOf): NormalizedBatch {
  const careers: CareerInput[] = db.occupations.map((o) => ({
    onetCode: o.code,
    slug: o.slug,
    title: o.title,
    description: o.description,
    category: o.category,
    origin: 'onet',
    aliases: o.aliases,
    aliasEvidence: o.aliasEvidence,
  }));
  const facts: FactInput[] = [];
  const fact = (code: string, key: string, value: unknown, file: FileKey): void => {
    facts.push({ career: { onetCode: code }, key, period, value, documentUrl: documentOf(file) });
  };
  const skills = groupBy(db.technologySkills, (s) => s.code);
  for (const [code, rows] of skills) {
    const value: TechSkillsFact = rows.map((s) => ({
      example: s.example,
      commodityCode: s.commodityCode,
      commodityTitle: s.commodityTitle,
      hot: s.hot,
      inDemand: s.inDemand,
    }));
    fact(code, FACT_KEYS.techSkills, value, 'technologySkills');
  }
  for (const z of db.jobZones) {
    const r = z.reference;
    const value: JobZoneFact = {
      jobZone: z.jobZone,
      name: r.name,
      experience: r.experience,
      education: r.education,
      training: r.training,
      svpRange: r.svpRange,
      ratedOn: z.date,
      domainSource: z.domainSource,
    };
    fact(z.code, FACT_KEYS.jobZone, value, 'jobZones');
  }
  for (const { code, ...profile } of db.education) fact(code, FACT_KEYS.education, profile satisfies EducationFact, 'education');
  for (const [code, rows] of groupBy(db.relatedOccupations, (r) => r.code)) {
    const value: RelatedOccupationsFact = rows.sort((a, b) => a.index - b.index).map((r) => ({ code: r.relatedCode, tier: r.tier, index: r.index }));
    fact(code, FACT_KEYS.relatedOccupations, value, 'related');
  }
  const profiles = profileFacts(db.profiles);
  for (const f of profiles.facts) fact(f.code, f.key, f.value, f.file);
  const parsed = db.occupations.length + db.technologySkills.length + db.jobZones.length + db.education.length + db.relatedOccupations.length + profiles.rows;
  return {
    careers,
    facts,
    rejects: db.rejects,
    parsed: parsed + db.rejects.length,
    ownedKeys: [FACT_KEYS.techSkills, FACT_KEYS.jobZone, FACT_KEYS.education, FACT_KEYS.relatedOccupations, ...profiles.ownedKeys],
  };
}

function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const it of items) {
    const k = key(it);
    const list = out.get(k);
    if (list) list.push(it);
    else out.set(k, [it]);
  }
  return out;
}
