/**
 * Pure parser for the O*NET database text release (tab-delimited, header row, CRLF, no quoting):
 * file texts in, careers and their facts out. `readOnetZip` takes the publisher's zip instead.
 */
import { isOnetSocCode, toSocCode } from '../../../core/soc.js';
import type { CareerTitles } from '../../../core/title-match.js';
import { readZipEntries, ZipFormatError, type ZipEntry } from '../../../core/zip.js';
import { decodeSourceText, readSourceTable, SourceFormatError, type Reject } from '../types.js';
import { buildEducationProfiles, type OnetEducationProfile } from './education.js';
import { findMajorGroupName } from './major-groups.js';
import { assignSlugs } from './slug.js';
import { OPTIONAL_ONET_FILES, parseOnetProfiles, type OnetProfiles } from './profile.js';

export const ONET_FILES = {
  occupations: 'Occupation Data.txt',
  alternateTitles: 'Alternate Titles.txt',
  reportedTitles: 'Sample of Reported Titles.txt',
  technologySkills: 'Technology Skills.txt',
  jobZones: 'Job Zones.txt',
  jobZoneReference: 'Job Zone Reference.txt',
  education: 'Education, Training, and Experience.txt',
  educationCategories: 'Education, Training, and Experience Categories.txt',
  related: 'Related Occupations.txt',
} as const;

export interface OnetOccupation {
  /** O*NET-SOC 2019 code, `15-1252.00`. */
  code: string;
  /** 6-digit SOC 2018 code, `15-1252` (what BLS and most other sources join on). */
  soc: string;
  title: string;
  description: string;
  /** Unique across the release, see assignSlugs. */
  slug: string;
  /** SOC major group name, e.g. "Computer and Mathematical". */
  category: string;
  /** Reported titles, then alternate titles, then their short forms; case-insensitively unique, title excluded. */
  aliases: string[];
  /**
   * Per alias, how strongly O*NET ties it to this occupation: one per source listing it as an
   * alternate title (a short form counts one), plus one when incumbents reported it.
   */
  aliasEvidence: number[];
}
export interface OnetTechnologySkill {
  code: string;
  example: string;
  commodityCode: string;
  commodityTitle: string;
  hot: boolean;
  inDemand: boolean;
}
export interface OnetJobZoneReference {
  jobZone: number;
  name: string;
  experience: string;
  education: string;
  training: string;
  examples: string;
  svpRange: string;
}
export interface OnetJobZone {
  code: string;
  jobZone: number;
  date: string;
  domainSource: string;
  reference: OnetJobZoneReference;
}
export interface OnetRelatedOccupation {
  code: string;
  relatedCode: string;
  tier: string;
  index: number;
}

export interface OnetDatabase {
  occupations: OnetOccupation[];
  technologySkills: OnetTechnologySkill[];
  jobZones: OnetJobZone[];
  jobZoneReference: OnetJobZoneReference[];
  education: OnetEducationProfile[];
  relatedOccupations: OnetRelatedOccupation[];
  /** Interests, work styles and tasks, from the optional files present. */
  profiles: OnetProfiles;
  rejects: Reject[];
}

type Row<K extends string> = Record<K, string> & { line: number };

function readTable<K extends string>(files: Map<string, string>, file: string, cols: readonly K[], rejects: Reject[]): Row<K>[] {
  const t = readSourceTable(files.get(file)!, file, cols, { delimiter: '\t', quoted: false });
  rejects.push(...t.rejects);
  return t.rows.map((r) => {
    const o = { line: r.line } as Row<K>;
    for (const c of cols) (o as Record<string, string>)[c] = r.fields[t.index[c]]!.trim();
    return o;
  });
}

/** The aliases of one occupation in insertion order, without its own title (the first entry). */
function aliasesOf(named: Map<string, { text: string; evidence: number }>): { aliases: string[]; aliasEvidence: number[] } {
  const list = [...named.values()].slice(1);
  return { aliases: list.map((a) => a.text), aliasEvidence: list.map((a) => a.evidence) };
}

/**
 * Parses the O*NET files keyed by file name (see ONET_FILES; all are required). Rows naming an
 * occupation missing from Occupation Data, bad codes, and bad flags/numbers become Rejects.
 */
export function parseOnetFiles(files: Map<string, string>): OnetDatabase {
  const missing = Object.values(ONET_FILES).filter((f) => !files.has(f));
  if (missing.length) throw new SourceFormatError(`O*NET database: missing file(s) ${missing.join(', ')}`);
  const rejects: Reject[] = [];
  const reject = (file: string, line: number, reason: string): void => {
    rejects.push({ file, line, reason });
  };
  const C = 'O*NET-SOC Code';

  const occRows = readTable(files, ONET_FILES.occupations, [C, 'Title', 'Description'], rejects).filter((r) => {
    const ok = isOnetSocCode(r[C]) && r.Title !== '';
    if (!ok) reject(ONET_FILES.occupations, r.line, `bad code "${r[C]}" or empty title`);
    return ok;
  });
  const known = new Set(occRows.map((r) => r[C]));
  const keep = <R extends Row<typeof C>>(file: string, rows: R[]): R[] =>
    rows.filter((r) => {
      if (!known.has(r[C])) reject(file, r.line, `code "${r[C]}" is not in ${ONET_FILES.occupations}`);
      return known.has(r[C]);
    });

  const aliases = new Map<string, Map<string, { text: string; evidence: number }>>(
    occRows.map((r) => [r[C], new Map([[r.Title.toLowerCase(), { text: r.Title, evidence: 0 }]])]),
  );
  const addAlias = (code: string, alias: string, evidence: number): void => {
    if (alias === '' || alias.toLowerCase() === 'n/a') return;
    const seen = aliases.get(code)!;
    const known = seen.get(alias.toLowerCase());
    if (known) known.evidence += evidence;
    else seen.set(alias.toLowerCase(), { text: alias, evidence });
  };
  for (const r of keep(ONET_FILES.reportedTitles, readTable(files, ONET_FILES.reportedTitles, [C, 'Reported Job Title'], rejects)))
    addAlias(r[C], r['Reported Job Title'], 1);
  const alternates = keep(
    ONET_FILES.alternateTitles,
    readTable(files, ONET_FILES.alternateTitles, [C, 'Alternate Title', 'Short Title', 'Source(s)'], rejects),
  );
  for (const r of alternates) addAlias(r[C], r['Alternate Title'], Math.max(1, r['Source(s)'].split(',').filter((x) => x.trim() !== '').length));
  for (const r of alternates) if (r['Short Title'].toLowerCase() !== r['Alternate Title'].toLowerCase()) addAlias(r[C], r['Short Title'], 1);

  const slugs = assignSlugs(occRows.map((r) => ({ code: r[C], title: r.Title })));
  const occupations = occRows.map(
    (r): OnetOccupation => ({
      code: r[C],
      soc: toSocCode(r[C])!,
      title: r.Title,
      description: r.Description,
      slug: slugs.get(r[C])!,
      category: findMajorGroupName(r[C]) ?? 'Uncategorized',
      ...aliasesOf(aliases.get(r[C])!),
    }),
  );

  const yn = (v: string): boolean | null => (v === 'Y' ? true : v === 'N' ? false : null);
  const technologySkills: OnetTechnologySkill[] = [];
  const tsCols = [C, 'Example', 'Commodity Code', 'Commodity Title', 'Hot Technology', 'In Demand'] as const;
  for (const r of keep(ONET_FILES.technologySkills, readTable(files, ONET_FILES.technologySkills, tsCols, rejects))) {
    const hot = yn(r['Hot Technology']);
    const inDemand = yn(r['In Demand']);
    if (hot === null || inDemand === null || r.Example === '') {
      reject(ONET_FILES.technologySkills, r.line, 'Hot Technology / In Demand must be Y or N, Example non-empty');
      continue;
    }
    technologySkills.push({ code: r[C], example: r.Example, commodityCode: r['Commodity Code'], commodityTitle: r['Commodity Title'], hot, inDemand });
  }

  const refCols = ['Job Zone', 'Name', 'Experience', 'Education', 'Job Training', 'Examples', 'SVP Range'] as const;
  const jobZoneReference = readTable(files, ONET_FILES.jobZoneReference, refCols, rejects).map(
    (r): OnetJobZoneReference => ({
      jobZone: Number(r['Job Zone']),
      name: r.Name,
      experience: r.Experience,
      education: r.Education,
      training: r['Job Training'],
      examples: r.Examples,
      svpRange: r['SVP Range'],
    }),
  );
  const jobZones: OnetJobZone[] = [];
  for (const r of keep(ONET_FILES.jobZones, readTable(files, ONET_FILES.jobZones, [C, 'Job Zone', 'Date', 'Domain Source'], rejects))) {
    const reference = jobZoneReference.find((z) => String(z.jobZone) === r['Job Zone']);
    if (!reference) {
      reject(ONET_FILES.jobZones, r.line, `job zone "${r['Job Zone']}" is not 1-5 / not in ${ONET_FILES.jobZoneReference}`);
      continue;
    }
    jobZones.push({ code: r[C], jobZone: reference.jobZone, date: r.Date, domainSource: r['Domain Source'], reference });
  }

  const categories = new Map(
    readTable(files, ONET_FILES.educationCategories, ['Scale ID', 'Category', 'Category Description'], rejects).map((r) => [
      `${r['Scale ID']}:${r.Category}`,
      r['Category Description'],
    ]),
  );
  const eteCols = [C, 'Scale ID', 'Category', 'Data Value', 'N', 'Recommend Suppress'] as const;
  const eteRows = keep(ONET_FILES.education, readTable(files, ONET_FILES.education, eteCols, rejects)).map((r) => ({
    line: r.line,
    code: r[C],
    scale: r['Scale ID'],
    category: r.Category,
    value: r['Data Value'],
    n: r.N,
    suppress: r['Recommend Suppress'],
  }));
  const education = buildEducationProfiles(eteRows, categories, ONET_FILES.education);
  rejects.push(...education.rejects);

  const relatedOccupations: OnetRelatedOccupation[] = [];
  const relCols = [C, 'Related O*NET-SOC Code', 'Relatedness Tier', 'Index'] as const;
  for (const r of keep(ONET_FILES.related, readTable(files, ONET_FILES.related, relCols, rejects))) {
    const index = Number(r.Index);
    if (!isOnetSocCode(r['Related O*NET-SOC Code']) || !Number.isInteger(index)) {
      reject(ONET_FILES.related, r.line, 'bad related code or non-integer Index');
      continue;
    }
    relatedOccupations.push({ code: r[C], relatedCode: r['Related O*NET-SOC Code'], tier: r['Relatedness Tier'], index });
  }
  const profiles = parseOnetProfiles(files, known, rejects);
  return { occupations, technologySkills, jobZones, jobZoneReference, education: education.records, relatedOccupations, profiles, rejects };
}

/**
 * The occupations as the title matcher reads them, keyed by O*NET-SOC code: names with O*NET's
 * evidence for each, the description, and the task statements when Task Statements.txt was read.
 */
export function onetTitleCareers(db: Pick<OnetDatabase, 'occupations' | 'profiles'>): CareerTitles[] {
  const tasks = new Map<string, string[]>();
  for (const t of db.profiles.tasks) (tasks.get(t.code) ?? tasks.set(t.code, []).get(t.code)!).push(t.task);
  return db.occupations.map((o) => ({
    id: o.code,
    code: o.code,
    title: o.title,
    aliases: o.aliases,
    aliasEvidence: o.aliasEvidence,
    description: o.description,
    tasks: tasks.get(o.code) ?? [],
  }));
}

/**
 * Finds the O*NET files inside the publisher's zip (`db_29_2_text.zip` holds them under
 * `db_29_2_text/`; any folder is accepted, macOS `__MACOSX/` copies are ignored) and parses them.
 */
export function readOnetZip(buf: Buffer, zipName = 'O*NET database zip'): OnetDatabase {
  let entries: ZipEntry[];
  try {
    entries = readZipEntries(buf);
  } catch (err) {
    if (err instanceof ZipFormatError) throw new SourceFormatError(`${zipName}: ${err.message}`);
    throw err;
  }
  const wanted = new Set<string>([...Object.values(ONET_FILES), ...Object.values(OPTIONAL_ONET_FILES)]);
  const files = new Map<string, string>();
  for (const e of entries) {
    const base = e.name.split('/').pop() ?? '';
    if (e.isDirectory || e.name.startsWith('__MACOSX/') || !wanted.has(base) || files.has(base)) continue;
    let data: Buffer;
    try {
      data = e.read();
    } catch (err) {
      if (err instanceof ZipFormatError) throw new SourceFormatError(`${zipName}: ${err.message}`);
      throw err;
    }
    files.set(base, decodeSourceText(data, `${zipName}/${e.name}`));
  }
  return parseOnetFiles(files);
}
