/**
 * Greenhouse job board API (`GET https://boards-api.greenhouse.io/v1/boards/{token}/jobs?content=true`)
 * → postings. Pure: JSON text in, records out. `content` is HTML whose markup is itself
 * entity-escaped (`&lt;p&gt;`), so it is unescaped once and then reduced to text.
 */
import * as cheerio from 'cheerio';
import { parseSalaryText, type SalaryRange } from '../../../core/salary-text.js';
import { assertHtmlTags, assertJsonValues } from '../../../core/bounds.js';
import { extractSkills, type SkillTaxonomy } from '../../../core/skills.js';
import { SourceFormatError, type ParseResult, type Reject } from '../types.js';

export interface GreenhousePosting {
  externalId: string;
  title: string;
  /** ISO 8601 as sent (with the board's offset). */
  updatedAt: string | null;
  url: string | null;
  location: string | null;
  departments: string[];
  offices: string[];
  /** Plain text, one paragraph, heading or list item per line; scripts removed. */
  description: string;
  /** From a salary/pay/compensation metadata field, else the first dollar range in the text. */
  salary: SalaryRange | null;
  /** Custom metadata fields by name (only non-empty values). */
  metadata: Record<string, string>;
  skills: string[];
}
export interface GreenhouseOptions {
  file?: string;
  taxonomy?: SkillTaxonomy;
}

interface RawJob {
  id?: unknown;
  title?: unknown;
  updated_at?: unknown;
  absolute_url?: unknown;
  content?: unknown;
  location?: { name?: unknown } | null;
  departments?: { name?: unknown }[] | null;
  offices?: { name?: unknown }[] | null;
  metadata?: { name?: unknown; value?: unknown }[] | null;
}

const PAY_FIELD = /salary|compensation|pay|wage/i;

/**
 * Parses a board response. Invalid JSON or a body without a `jobs` array throws
 * {@link SourceFormatError}; a job without id or title is a reject (line = its index + 1).
 */
export function parseGreenhouseJobs(input: string | Buffer, options: GreenhouseOptions = {}): ParseResult<GreenhousePosting> {
  const file = options.file ?? 'greenhouse jobs.json';
  let body: { jobs?: unknown; meta?: { total?: unknown } };
  const text = typeof input === 'string' ? input : input.toString('utf8');
  assertJsonValues(text, file);
  try {
    body = JSON.parse(text);
  } catch (e) {
    throw new SourceFormatError(`${file}: not JSON (${(e as Error).message}); truncated download?`);
  }
  if (!body || !Array.isArray(body.jobs)) throw new SourceFormatError(`${file}: no "jobs" array; not a Greenhouse job board response`);
  const records: GreenhousePosting[] = [];
  const rejects: Reject[] = [];
  body.jobs.forEach((raw: RawJob, i) => {
    const title = str(raw?.title);
    const id = typeof raw?.id === 'number' || typeof raw?.id === 'string' ? String(raw.id) : null;
    if (!id || !title) {
      rejects.push({ line: i + 1, file, reason: `job #${i + 1} has no ${id ? 'title' : 'id'}` });
      return;
    }
    const description = htmlToText(str(raw.content) ?? '');
    const metadata: Record<string, string> = {};
    for (const m of raw.metadata ?? []) {
      const name = str(m?.name);
      const value = Array.isArray(m?.value) ? m.value.join(', ') : str(m?.value ?? undefined);
      if (name && value) metadata[name] = value;
    }
    const payField = Object.keys(metadata).find((k) => PAY_FIELD.test(k));
    records.push({
      externalId: id,
      title,
      updatedAt: str(raw.updated_at),
      url: str(raw.absolute_url),
      location: str(raw.location?.name),
      departments: names(raw.departments),
      offices: names(raw.offices),
      description,
      salary: parseSalaryText(payField ? metadata[payField] : findDollarRange(description)),
      metadata,
      skills: options.taxonomy ? extractSkills(`${title}\n${description}`, options.taxonomy) : [],
    });
  });
  const total = typeof body.meta?.total === 'number' ? body.meta.total : null;
  if (total !== null && total !== body.jobs.length) {
    rejects.push({ line: null, file, reason: `meta.total is ${total} but ${body.jobs.length} jobs were listed` });
  }
  return { records, rejects };
}

/** Unescapes the entity-escaped HTML once, then keeps the visible text line by line. */
export function htmlToText(escaped: string): string {
  assertHtmlTags(escaped, "a job's content");
  const html = cheerio.load(`<body>${escaped}</body>`)('body').text();
  assertHtmlTags(html, "a job's content");
  const $ = cheerio.load(html);
  $('script, style, noscript').remove();
  const lines: string[] = [];
  $('h1, h2, h3, h4, h5, h6, p, li').each((_, el) => {
    const node = $(el);
    if (node.find('p, li').length) return;
    const text = node.text().replace(/\s+/g, ' ').trim();
    if (text) lines.push(text);
  });
  return lines.length ? lines.join('\n') : $.root().text().replace(/\s+/g, ' ').trim();
}

/** The first `$a - $b` (or `$a – $b`, with "per hour") range in a text, for salary parsing. */
function findDollarRange(text: string): string | null {
  return /\$\s?\d[\d,.]*\s*[kK]?\s*(?:-|–|—|to)\s*\$\s?\d[\d,.]*\s*[kK]?(?:\s*(?:per|an|\/)\s*(?:hour|hr|year|yr))?/.exec(text)?.[0] ?? null;
}

function str(value: unknown): string | null {
  return typeof value === 'string' && value.trim() ? value.trim() : null;
}

function names(list: { name?: unknown }[] | null | undefined): string[] {
  return (list ?? []).map((d) => str(d?.name)).filter((n): n is string => n !== null);
}
