/**
 * The version of the code that derives what the workers store: each career's metrics and every
 * pair's comparison. A scheduler starting with a version other than the stored one queues a full
 * recompute (runtime/start.ts), so after an upgrade no page or API answer keeps the replaced
 * code's figures or text. Bump METRICS_VERSION when what the metrics worker computes changes
 * (a new field, a new rule); the demand method and the comparison text have their own versions.
 */
import { TEXT_VERSION } from './compare/version.js';
import { DEMAND_METHOD_VERSION } from './metrics/demand.js';

/** v1: salaries with hourlyOnly, survey growth without thin years, top-coded bounds. */
export const METRICS_VERSION = 'metrics-v1';

export const DERIVED_VERSION = [METRICS_VERSION, DEMAND_METHOD_VERSION, TEXT_VERSION].join('|');
