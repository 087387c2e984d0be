import type { Config } from '../config.js';
import type { SourceAdapter } from './types.js';
import type { DocumentFetcher } from './run-ingest.js';
import { createFetcher } from './fetch/index.js';
import { aiExposureAdapter } from './sources/ai-exposure/adapter.js';
import { careerPagesAdapter } from './sources/career-pages/adapter.js';
import { jobPostingsAdapter } from './sources/job-postings/adapter.js';
import { oewsWagesAdapter } from './sources/oews-wages/adapter.js';
import { onetDatabaseAdapter } from './sources/onet-database/adapter.js';
import { salarySurveyAdapter } from './sources/salary-survey/adapter.js';
import { teleworkAdapter } from './sources/telework/adapter.js';

/** The adapter of each source kind. */
export function buildAdapters(): Map<string, SourceAdapter> {
  const adapters = [onetDatabaseAdapter, oewsWagesAdapter, aiExposureAdapter, teleworkAdapter, salarySurveyAdapter, jobPostingsAdapter, careerPagesAdapter];
  return new Map(adapters.map((a) => [a.kind, a]));
}

/** Makes a fresh fetcher per run (robots.txt and per-host state live for one run). */
export function fetcherFactory(config: Config): () => DocumentFetcher {
  return () => createFetcher({
    perHostMinDelayMs: config.FETCH_HOST_DELAY_MS,
    attemptTimeoutMs: config.FETCH_TIMEOUT_MS,
    retries: config.FETCH_RETRIES,
    backoffBaseMs: config.FETCH_BACKOFF_MS,
    allowPrivateNetworks: config.ALLOW_PRIVATE_NETWORKS,
  });
}
