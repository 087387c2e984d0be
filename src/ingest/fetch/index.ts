/** The one fetcher used by every ingest source. See fetcher.ts for the behavior. */
export { createFetcher, hashBody } from './fetcher.js';
export { DEFAULT_USER_AGENT } from './defaults.js';
export { FetchError, FETCH_ERROR_CODES, type FetchErrorCode } from './fetch-error.js';
export type {
  DisallowedResult,
  FetchedResult,
  Fetcher,
  FetcherOptions,
  FetchRequest,
  FetchResult,
  RetryEvent,
  UnchangedResult,
} from './types.js';
export type { ResolveHost } from './url-policy.js';
export { classifyAddress, parseIpAddress, type AddressClass } from '../../core/ip-address.js';
export { computeBackoffDelay, computeRetryDelay, parseRetryAfter, type BackoffPolicy } from './backoff.js';
export { formatRobotsRule, matchRobotsPath, parseRobotsTxt, selectRobotsPolicy } from './robots-rules.js';
export type { RobotsGroup, RobotsPolicy, RobotsRule } from './robots-rules.js';
