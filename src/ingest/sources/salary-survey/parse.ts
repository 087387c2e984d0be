/**
 * ai-jobs.net `salaries.csv` (work years 2020–2023, one row per salary submission) → rows.
 * Pure: text in, records and rejects out. Amounts are taken from `salary_in_usd`; `salary` is
 * in local currency and is ignored.
 */
import { indexColumns, parseCsvTable } from '../../../core/csv.js';
import { csvErrorRejects, decodeSourceText, SourceFormatError, type ParseResult, type Reject } from '../types.js';

export const EXPERIENCE_LEVELS = ['EN', 'MI', 'SE', 'EX'] as const;
export const EMPLOYMENT_TYPES = ['FT', 'PT', 'CT', 'FL'] as const;
export const COMPANY_SIZES = ['S', 'M', 'L'] as const;

export interface SalarySurveyRow {
  /** 1-based line of the row in the file (header is line 1). */
  line: number;
  workYear: number;
  experienceLevel: (typeof EXPERIENCE_LEVELS)[number];
  employmentType: (typeof EMPLOYMENT_TYPES)[number];
  jobTitle: string;
  /** Annual gross salary converted to USD by the publisher. */
  salaryInUsd: number;
  /** Share of remote work in percent: 0, 50 or 100. */
  remoteRatio: 0 | 50 | 100;
  /** ISO 3166-1 alpha-2. */
  companyLocation: string;
  companySize: (typeof COMPANY_SIZES)[number];
}

const COLUMNS = ['work_year', 'experience_level', 'employment_type', 'job_title', 'salary_in_usd', 'remote_ratio', 'company_location', 'company_size'] as const;

/**
 * Parses the CSV. A file that is not UTF-8 text or lacks the required columns throws
 * {@link SourceFormatError};
 * a bad row becomes a reject naming its line. Exact duplicate rows are all kept: the
 * source has no id and duplicates may be separate submissions of the same salary.
 */
export function parseSalarySurvey(input: string | Buffer, file = 'salaries.csv'): ParseResult<SalarySurveyRow> {
  const { header, rows, errors } = parseCsvTable(decodeSourceText(input, file));
  const cols = indexColumns(header, COLUMNS);
  if (!cols.ok) throw new SourceFormatError(`${file}: not an ai-jobs.net salaries file, missing columns ${cols.missing.join(', ')}`);
  const records: SalarySurveyRow[] = [];
  const rejects: Reject[] = csvErrorRejects(errors, file);
  for (const row of rows) {
    const get = (c: (typeof COLUMNS)[number]) => (row.fields[cols.index[c]] ?? '').trim();
    if (row.fields.length !== header.length) {
      rejects.push({ line: row.line, file, reason: `expected ${header.length} fields, found ${row.fields.length}` });
      continue;
    }
    const problem = findProblem(get);
    if (problem) {
      rejects.push({ line: row.line, file, reason: problem });
      continue;
    }
    records.push({
      line: row.line,
      workYear: Number(get('work_year')),
      experienceLevel: get('experience_level') as SalarySurveyRow['experienceLevel'],
      employmentType: get('employment_type') as SalarySurveyRow['employmentType'],
      jobTitle: get('job_title'),
      salaryInUsd: Number(get('salary_in_usd')),
      remoteRatio: Number(get('remote_ratio')) as SalarySurveyRow['remoteRatio'],
      companyLocation: get('company_location'),
      companySize: get('company_size') as SalarySurveyRow['companySize'],
    });
  }
  return { records, rejects };
}

function findProblem(get: (c: (typeof COLUMNS)[number]) => string): string | null {
  const year = get('work_year');
  if (!/^(19|20)\d\d$/.test(year)) return `work_year "${year}" is not a year`;
  if (!(EXPERIENCE_LEVELS as readonly string[]).includes(get('experience_level')))
    return `experience_level "${get('experience_level')}" is not one of ${EXPERIENCE_LEVELS.join('/')}`;
  if (!(EMPLOYMENT_TYPES as readonly string[]).includes(get('employment_type')))
    return `employment_type "${get('employment_type')}" is not one of ${EMPLOYMENT_TYPES.join('/')}`;
  if (!get('job_title')) return 'job_title is empty';
  const usd = get('salary_in_usd');
  if (!/^\d+(\.\d+)?$/.test(usd) || Number(usd) <= 0) return `salary_in_usd "${usd}" is not a positive amount`;
  if (!['0', '50', '100'].includes(get('remote_ratio'))) return `remote_ratio "${get('remote_ratio')}" is not 0, 50 or 100`;
  if (!/^[A-Z]{2}$/.test(get('company_location'))) return `company_location "${get('company_location')}" is not an ISO-2 country code`;
  if (!(COMPANY_SIZES as readonly string[]).includes(get('company_size'))) return `company_size "${get('company_size')}" is not S, M or L`;
  return null;
}
