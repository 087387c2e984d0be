import type { Config } from '../config.js';
import { IngestRejectedError, type SourceAdapter } from './types.js';
import type { DocumentFetcher } from './run-ingest.js';
import { createFetcher } from './fetch/index.js';
import { aiExposureAdapter } from './sources/ai-exposure/adapter.js';
import { careerPagesAdapter } from './sources/career-pages/adapter.js';
import { employmentProjectionsAdapter } from './sources/employment-projections/adapter.js';
import { postingsIndexAdapter } from './sources/postings-index/adapter.js';
import { jobPostingsAdapter } from './sources/job-postings/adapter.js';
import { oewsWagesAdapter } from './sources/oews-wages/adapter.js';
import { onetDatabaseAdapter } from './sources/onet-database/adapter.js';
import { onetRatingsAdapter } from './sources/onet-ratings/adapter.js';
import { salarySurveyAdapter } from './sources/salary-survey/adapter.js';
import { teleworkAdapter } from './sources/telework/adapter.js';

/** The adapter of each source kind. */
export function buildAdapters(): Map<string, SourceAdapter> {
  const adapters = [
    onetDatabaseAdapter,
    oewsWagesAdapter,
    aiExposureAdapter,
    teleworkAdapter,
    salarySurveyAdapter,
    jobPostingsAdapter,
    careerPagesAdapter,
    employmentProjectionsAdapter,
    postingsIndexAdapter,
    onetRatingsAdapter,
  ];
  return new Map(adapters.map((a) => [a.kind, a]));
}

/**
 * Makes a fresh fetcher per run (robots.txt and per-host state live for one run). Private hosts
 * it may reach: PRIVATE_SOURCE_HOSTS plus the source's own `allowPrivateHosts` option.
 */
export function fetcherFactory(config: Config): (source?: FetcherSource) => DocumentFetcher {
  return (source) =>
    createFetcher({
      perHostMinDelayMs: config.FETCH_HOST_DELAY_MS,
      attemptTimeoutMs: config.FETCH_TIMEOUT_MS,
      retries: config.FETCH_RETRIES,
      backoffBaseMs: config.FETCH_BACKOFF_MS,
      maxBytes: config.FETCH_MAX_BYTES,
      allowPrivateNetworks: config.ALLOW_PRIVATE_NETWORKS,
      allowHosts: [...config.PRIVATE_SOURCE_HOSTS, ...privateHostsOption(source)],
      fileRoots: config.FILE_SOURCES_DIR,
    });
}

/** What a fetcher needs to know of the source it reads. */
export interface FetcherSource {
  id: string;
  options: Record<string, unknown>;
}

function privateHostsOption(source: FetcherSource | undefined): string[] {
  const value = source?.options.allowPrivateHosts;
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || !value.every((h) => typeof h === 'string')) {
    throw new IngestRejectedError(`source "${source?.id}": option "allowPrivateHosts" must be an array of host names ("host" or "host:port")`);
  }
  return value;
}
