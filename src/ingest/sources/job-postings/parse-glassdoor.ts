/**
 * The widely mirrored Glassdoor data-science export (`glassdoor_jobs.csv`, scraped 2020) →
 * distinct postings. Pure. Quirks handled: multi-line quoted descriptions, `-1` as the missing
 * marker in every column, the rating appended to the company name after a newline, and
 * repeated postings (956 rows, 600 distinct by title, company, location and description).
 */
import { indexColumns, parseCsvTable } from '../../../core/csv.js';
import { isMissingSalaryText, parseSalaryText, type SalaryRange } from '../../../core/salary-text.js';
import { extractSkills, type SkillTaxonomy } from '../../../core/skills.js';
import { csvErrorRejects, decodeSourceText, SourceFormatError, type ParseResult, type Reject } from '../types.js';

export interface GlassdoorPosting {
  /** Line where the posting first appears (header is line 1). */
  line: number;
  /** How many rows carried this same posting (1 when it is not repeated). */
  occurrences: number;
  title: string;
  salary: SalaryRange | null;
  /** The salary text as written, null when missing (`-1`). */
  salaryText: string | null;
  description: string;
  /** Company rating 1–5, null when missing. */
  rating: number | null;
  /** Company name without the appended rating. */
  company: string;
  location: string | null;
  headquarters: string | null;
  /** E.g. `501 to 1000 employees`. */
  size: string | null;
  founded: number | null;
  ownership: string | null;
  industry: string | null;
  sector: string | null;
  /** E.g. `$50 to $100 million (USD)`; null for missing and `Unknown / Non-Applicable`. */
  revenue: string | null;
  competitors: string[];
  /** Canonical skill keys found in the description (only when a taxonomy is given). */
  skills: string[];
}

export interface GlassdoorOptions {
  file?: string;
  taxonomy?: SkillTaxonomy;
}

const COLUMNS = [
  'Job Title',
  'Salary Estimate',
  'Job Description',
  'Rating',
  'Company Name',
  'Location',
  'Headquarters',
  'Size',
  'Founded',
  'Type of ownership',
  'Industry',
  'Sector',
  'Revenue',
  'Competitors',
] as const;
type Column = (typeof COLUMNS)[number];

/**
 * Parses the export. Wrong columns throw {@link SourceFormatError}. Rows with a wrong field
 * count or no title are rejected; repeated postings are merged into the first one and counted
 * in `occurrences`. Salary text that is present but unreadable keeps the posting (salary null)
 * and is also reported as a reject so the format gap is visible.
 */
export function parseGlassdoorPostings(input: string | Buffer, options: GlassdoorOptions = {}): ParseResult<GlassdoorPosting> {
  const file = options.file ?? 'glassdoor_jobs.csv';
  const { header, rows, errors } = parseCsvTable(decodeSourceText(input, file));
  const cols = indexColumns(header, COLUMNS);
  if (!cols.ok) throw new SourceFormatError(`${file}: not a Glassdoor postings export, missing columns ${cols.missing.join(', ')}`);
  const byKey = new Map<string, GlassdoorPosting>();
  const rejects: Reject[] = csvErrorRejects(errors, file);
  for (const row of rows) {
    if (row.fields.length !== header.length) {
      rejects.push({ line: row.line, file, reason: `expected ${header.length} fields, found ${row.fields.length}` });
      continue;
    }
    const get = (c: Column) => orNull(row.fields[cols.index[c]]);
    const title = get('Job Title');
    if (!title) {
      rejects.push({ line: row.line, file, reason: 'Job Title is empty' });
      continue;
    }
    const salaryText = get('Salary Estimate');
    const salary = parseSalaryText(salaryText);
    if (salaryText && !salary && !isMissingSalaryText(salaryText)) {
      rejects.push({ line: row.line, file, reason: `unreadable salary text "${salaryText}" (posting kept without salary)` });
    }
    const rating = toNumber(get('Rating'));
    const company = readCompany(get('Company Name') ?? '');
    const description = (row.fields[cols.index['Job Description']] ?? '').trim();
    const key = [title, company, get('Location') ?? '', description].join('\u0000');
    const seen = byKey.get(key);
    if (seen) {
      seen.occurrences++;
      continue;
    }
    const revenue = get('Revenue');
    byKey.set(key, {
      line: row.line,
      occurrences: 1,
      title,
      salary,
      salaryText,
      description,
      rating,
      company,
      location: get('Location'),
      headquarters: get('Headquarters'),
      size: get('Size'),
      founded: toNumber(get('Founded')),
      ownership: get('Type of ownership'),
      industry: get('Industry'),
      sector: get('Sector'),
      revenue: revenue && !/^unknown/i.test(revenue) ? revenue : null,
      competitors: (get('Competitors') ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
      skills: options.taxonomy ? extractSkills(description, options.taxonomy) : [],
    });
  }
  return { records: [...byKey.values()], rejects };
}

/** `-1` (and empty) mean missing in every column of this export. */
function orNull(value: string | undefined): string | null {
  const v = value?.trim() ?? '';
  return v === '' || v === '-1' ? null : v;
}

function toNumber(value: string | null): number | null {
  return value !== null && /^\d+(\.\d+)?$/.test(value) ? Number(value) : null;
}

/** `Tecolote Research\n3.8` → `Tecolote Research`: the scraper appended the rating. */
function readCompany(raw: string): string {
  return raw.replace(/\r?\n\s*\d(\.\d)?\s*$/, '').trim();
}
