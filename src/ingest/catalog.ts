import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { sourceKinds, type Schedule, type SourceDefinition } from '../db/schema/sources.js';

export type { SourceDefinition };

export const scheduleSchema: z.ZodType<Schedule> = z.union([
  z.object({ cron: z.string().min(1), tz: z.string().min(1).default('UTC') }),
  z.object({ everyMs: z.number().int().min(1_000) }),
]) as z.ZodType<Schedule>;

export const sourceDefinitionSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'lowercase letters, digits and -'),
  kind: z.enum(sourceKinds),
  url: z.string().refine((u) => /^(https?|file):/.test(u), 'an http(s):// or file:// URL'),
  schedule: scheduleSchema,
  options: z.record(z.string(), z.unknown()).default({}),
  enabled: z.boolean().default(true),
});

const weekly = (dow: number, hour: number): Schedule => ({ cron: `0 ${hour} * * ${dow}`, tz: 'UTC' });
const monthly = (day: number): Schedule => ({ cron: `0 4 ${day} * *`, tz: 'UTC' });

/** The O*NET Resource Center's O*NET-SOC 2010 → 2019 crosswalk, for the 2010-coded sources. */
const CROSSWALK_2010_2019 = 'https://www.onetcenter.org/taxonomy/2019/soc/2010_to_2019_Crosswalk.csv';

/**
 * The publishers' own locations, with each kind's options (see src/ingest/sources/<kind>/adapter.ts):
 * onet-database `release` (fallback when the zip has no Read Me.txt); oews-wages `period`
 * (else read from the file name or the sheet, national_M2024_dl.xlsx → May 2024) and `history`
 * (the older releases, each kept under its own period); ai-exposure `method` and,
 * for Felten's SOC 2010 codes, `crosswalkUrl`; telework `crosswalkUrl`, `period`; job-postings
 * `format`, `period` (the Glassdoor export is the 2020 scrape); career-pages `pages`; any source
 * `maxRejectRatio` (default 0.05). None is reachable from a closed network: point SOURCES_FILE at
 * local mirrors there (see README).
 */
export const defaultSources: SourceDefinition[] = [
  {
    id: 'onet',
    kind: 'onet-database',
    url: 'https://www.onetcenter.org/dl_files/database/db_29_2_text.zip',
    schedule: weekly(1, 3),
    options: {},
    enabled: true,
  },
  // Skills and knowledge ratings: the Excel release (its text files are the same ratings).
  {
    id: 'onet-ratings',
    kind: 'onet-ratings',
    url: 'https://www.onetcenter.org/dl_files/database/db_29_0_excel.zip',
    schedule: weekly(1, 3),
    options: {},
    enabled: true,
  },
  {
    id: 'oews',
    kind: 'oews-wages',
    url: 'https://www.bls.gov/oes/special-requests/oesm24nat.zip',
    schedule: monthly(2),
    enabled: true,
    options: { history: [20, 21, 22, 23].map((y) => `https://www.bls.gov/oes/special-requests/oesm${y}nat.zip`) },
  },
  {
    // The current release (2024–34) from BLS; 2022–32 as published with GPTs-are-GPTs (BLS keeps only the current workbook).
    id: 'bls-projections',
    kind: 'employment-projections',
    url: 'https://www.bls.gov/emp/ind-occ-matrix/occupation.xlsx',
    schedule: monthly(5),
    enabled: true,
    options: { history: ['https://raw.githubusercontent.com/openai/GPTs-are-GPTs/0471612fef3cc22b74fb884d27bff9dbd3770582/data/occupation_2023_final.xlsx'] },
  },
  {
    id: 'indeed-postings',
    kind: 'postings-index',
    schedule: weekly(5, 6),
    enabled: true,
    options: {},
    url: 'https://raw.githubusercontent.com/hiring-lab/job_postings_tracker/master/US/job_postings_by_sector_US.csv',
  },
  {
    id: 'gpts-are-gpts',
    kind: 'ai-exposure',
    url: 'https://raw.githubusercontent.com/openai/GPTs-are-GPTs/main/data/occ_level.csv',
    schedule: monthly(3),
    options: { method: 'gpts-are-gpts' },
    enabled: true,
  },
  // Per-task labels of the same study: which core tasks explain the occupation's exposure.
  {
    id: 'gpts-are-gpts-tasks',
    kind: 'ai-exposure',
    url: 'https://raw.githubusercontent.com/openai/GPTs-are-GPTs/main/data/full_labelset.tsv',
    schedule: monthly(3),
    options: { method: 'gpts-are-gpts-tasks' },
    enabled: true,
  },
  {
    id: 'felten-aioe',
    kind: 'ai-exposure',
    url: 'https://raw.githubusercontent.com/AIOE-Data/AIOE/main/AIOE_DataAppendix.xlsx',
    schedule: monthly(3),
    options: { method: 'felten-aioe', crosswalkUrl: CROSSWALK_2010_2019 },
    enabled: true,
  },
  {
    id: 'dingel-neiman',
    kind: 'telework',
    url: 'https://raw.githubusercontent.com/jdingel/DingelNeiman-workathome/master/occ_onet_scores/output/occupations_workathome.csv',
    schedule: monthly(4),
    options: { crosswalkUrl: CROSSWALK_2010_2019 },
    enabled: true,
  },
  {
    id: 'ai-jobs-salaries',
    kind: 'salary-survey',
    url: 'https://salaries.ai-jobs.net/download/salaries.csv',
    schedule: weekly(2, 5),
    options: {},
    enabled: true,
  },
  {
    id: 'glassdoor-postings',
    kind: 'job-postings',
    url: 'https://raw.githubusercontent.com/Abhishek-2505/data_scientist_salary_proj/master/glassdoor_jobs.csv',
    schedule: weekly(3, 5),
    options: { format: 'glassdoor-csv', period: '2020' },
    enabled: true,
  },
  {
    id: 'futurevocation',
    kind: 'career-pages',
    url: 'https://futurevocation.pages.dev/compare/ai-model-compression-engineer-vs-ai-model-routing-engineer',
    schedule: weekly(4, 6),
    options: {},
    enabled: true,
  },
];

/** Thrown when SOURCES_FILE cannot be used; the message names the file and the entry. */
export class SourcesFileError extends Error {
  override name = 'SourcesFileError';
}

/** Reads the source list: SOURCES_FILE when given, else the publishers' defaults. */
export function loadSourceDefinitions(file: string | undefined): SourceDefinition[] {
  if (!file) return defaultSources;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new SourcesFileError(`SOURCES_FILE ${file}: ${(err as Error).message}`);
  }
  const parsed = z.array(sourceDefinitionSchema).safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new SourcesFileError(`SOURCES_FILE ${file}: entry ${issue.path.join('.')}: ${issue.message}`);
  }
  // An empty list would delist every source: almost always a broken deploy, never an intent.
  if (parsed.data.length === 0)
    throw new SourcesFileError(`SOURCES_FILE ${file}: the list is empty; give at least one source (sources left out are delisted, never deleted)`);
  const ids = new Set<string>();
  for (const s of parsed.data) {
    if (ids.has(s.id)) throw new SourcesFileError(`SOURCES_FILE ${file}: source id "${s.id}" appears twice`);
    ids.add(s.id);
  }
  return parsed.data;
}
