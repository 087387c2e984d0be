/** Per-career metrics: pure scoring from assembled facts (no I/O). */
export * from './types.js';
export { computeCareerMetrics } from './career-metrics.js';
export { computePopulationStats, percentileRank, readDemandSignals, DEMAND_SIGNALS } from './population.js';
export type { DemandSignal, PopulationStats, SignalValue } from './population.js';
export { computeDemandScore, DEMAND_METHOD, DEMAND_METHOD_VERSION, DEMAND_WEIGHTS } from './demand.js';
export { computeAiRisk, AI_RISK_METHOD_ORDER } from './ai-risk.js';
export { JOB_ZONE_TABLE, entryBarrierOfEducation, difficultyOfEducation } from './preparation.js';
export { CODING_COMMODITY_CODES, CODING_MIN_TECHNOLOGIES, REMOTE_THRESHOLD } from './flags.js';
export { SURVEY_MIN_COUNT } from './salary.js';
