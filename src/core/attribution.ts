/**
 * Who publishes each default source, under which licence, and the citation the publisher asks
 * for: shown on /about/data and copied into the bundled snapshot's manifest. Pure data.
 */
export interface Attribution {
  publisher: string;
  dataset: string;
  /** SPDX id when there is one; `none` when no licence is stated (never redistributed). */
  licence: { id: string; name: string; url: string | null };
  citation: string;
  /** Whether the licence allows shipping a copy with CareerLens (the bundled snapshot). */
  redistributable: boolean;
}

const CC_BY = { id: 'CC-BY-4.0', name: 'Creative Commons Attribution 4.0 International', url: 'https://creativecommons.org/licenses/by/4.0/' };
const US_PD = { id: 'US-Government-Work', name: 'U.S. Government work (public domain)', url: 'https://www.bls.gov/opub/copyright-information.htm' };
const GPTS_MIT = { id: 'MIT', name: 'MIT License (Copyright (c) 2024 OpenAI)', url: 'https://github.com/openai/GPTs-are-GPTs/blob/main/LICENSE' };
const GPTS_CITATION =
  'Eloundou, T., Manning, S., Mishkin, P. & Rock, D. (2024). GPTs are GPTs: Labor market impact potential of LLMs. Science 384(6702), 1306–1308.';
const NONE = { id: 'none', name: 'No licence stated: used for analysis, never redistributed', url: null };

export const ATTRIBUTIONS: Readonly<Record<string, Attribution>> = {
  onet: {
    publisher: 'National Center for O*NET Development, U.S. Department of Labor (USDOL/ETA)',
    dataset: 'O*NET Database (text files)',
    licence: CC_BY,
    redistributable: true,
    citation:
      'O*NET 29.2 Database by the U.S. Department of Labor, Employment and Training Administration (USDOL/ETA). Used under the CC BY 4.0 license. O*NET® is a trademark of USDOL/ETA.',
  },
  'onet-ratings': {
    publisher: 'National Center for O*NET Development, U.S. Department of Labor (USDOL/ETA)',
    dataset: 'O*NET Database (Excel): Skills and Knowledge ratings',
    licence: CC_BY,
    redistributable: true,
    citation:
      'O*NET 29.0 Database by the U.S. Department of Labor, Employment and Training Administration (USDOL/ETA). Used under the CC BY 4.0 license. O*NET® is a trademark of USDOL/ETA.',
  },
  oews: {
    publisher: 'U.S. Bureau of Labor Statistics',
    dataset: 'Occupational Employment and Wage Statistics (OEWS), national estimates',
    licence: US_PD,
    redistributable: true,
    citation: 'U.S. Bureau of Labor Statistics, Occupational Employment and Wage Statistics, national cross-industry estimates (www.bls.gov/oes).',
  },
  'bls-projections': {
    publisher: 'U.S. Bureau of Labor Statistics',
    dataset: 'Employment Projections by occupation',
    licence: US_PD,
    redistributable: true,
    citation: 'U.S. Bureau of Labor Statistics, Employment Projections program, Occupational projections (www.bls.gov/emp).',
  },
  'indeed-postings': {
    publisher: 'Indeed Hiring Lab',
    dataset: 'Job Postings Index by occupational sector (US)',
    licence: CC_BY,
    redistributable: true,
    citation: 'Indeed Hiring Lab, Job Postings Index (data.indeed.com; github.com/hiring-lab/job_postings_tracker), CC BY 4.0.',
  },
  'gpts-are-gpts': {
    publisher: 'Eloundou, Manning, Mishkin & Rock (OpenAI)',
    dataset: 'GPTs are GPTs: occupation-level LLM exposure',
    licence: GPTS_MIT,
    redistributable: true,
    citation: GPTS_CITATION,
  },
  'gpts-are-gpts-tasks': {
    publisher: 'Eloundou, Manning, Mishkin & Rock (OpenAI)',
    dataset: 'GPTs are GPTs: task-level LLM exposure labels (full_labelset.tsv; task statements from O*NET, CC BY 4.0)',
    licence: GPTS_MIT,
    redistributable: true,
    citation: GPTS_CITATION,
  },
  'felten-aioe': {
    publisher: 'Felten, Raj & Seamans',
    dataset: 'AI Occupational Exposure (AIOE)',
    licence: NONE,
    redistributable: false,
    citation:
      'Felten, E., Raj, M. & Seamans, R. (2021). Occupational, industry, and geographic exposure to artificial intelligence. Strategic Management Journal 42(12), 2195–2217.',
  },
  'dingel-neiman': {
    publisher: 'Jonathan I. Dingel & Brent Neiman',
    dataset: 'Teleworkability by occupation (DingelNeiman-workathome)',
    licence: { id: 'GPL-3.0', name: 'GNU General Public License v3.0', url: 'https://www.gnu.org/licenses/gpl-3.0.html' },
    redistributable: true,
    citation: 'Dingel, J. I. & Neiman, B. (2020). How many jobs can be done at home? Journal of Public Economics 189, 104235.',
  },
  'ai-jobs-salaries': {
    publisher: 'ai-jobs.net',
    dataset: 'ai-jobs.net Salaries (AI/ML/data salary survey)',
    licence: { id: 'CC0-1.0', name: 'CC0 1.0 Universal (public domain dedication)', url: 'https://creativecommons.org/publicdomain/zero/1.0/' },
    redistributable: true,
    citation: 'ai-jobs.net Salaries (salaries.ai-jobs.net), CC0 1.0.',
  },
  'glassdoor-postings': {
    publisher: 'Glassdoor job postings (scraped 2020 by Ken Jee)',
    dataset: 'Data-science job postings',
    licence: NONE,
    redistributable: false,
    citation: 'Job posting text is copyright of the posting employers; scraped from Glassdoor (ds_salary_proj, 2020).',
  },
  futurevocation: {
    publisher: 'FutureVocation (futurevocation.pages.dev)',
    dataset: 'Career comparison pages',
    licence: NONE,
    redistributable: false,
    citation: 'Career pages of futurevocation.pages.dev, read politely; content remains the site’s.',
  },
};

/** The licence text shipped beside the bundled snapshot's copies (snapshot/licences/<file>). */
const LICENCE_TEXTS: Readonly<Record<string, string>> = {
  'CC-BY-4.0': 'CC-BY-4.0.txt.br',
  'US-Government-Work': 'US-public-domain.txt',
  MIT: 'MIT-GPTs-are-GPTs.txt',
  'GPL-3.0': 'GPL-3.0.txt',
  'CC0-1.0': 'CC0-1.0.txt',
};

/** `licences/MIT-GPTs-are-GPTs.txt`: where the snapshot keeps the licence text of a redistributed source, else null. */
export function licenceTextPath(a: Attribution): string | null {
  const file = a.redistributable ? LICENCE_TEXTS[a.licence.id] : undefined;
  return file ? `licences/${file}` : null;
}

/** The attribution of a source id, or a generic one for sources an operator added. */
export function attributionOf(sourceId: string): Attribution {
  return (
    ATTRIBUTIONS[sourceId] ?? {
      publisher: 'configured by the operator',
      dataset: sourceId,
      licence: { id: 'unknown', name: 'see the source’s publisher', url: null },
      redistributable: false,
      citation: 'as the publisher asks',
    }
  );
}
