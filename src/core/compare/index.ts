/** Pair comparison: structured data, compact stored form, text and invariants (no I/O). */
export * from './types.js';
export { canonicalPair, compareCareers, comparePrepared, expandComparison, expandComparisonData } from './compare.js';
export { prepareCareer } from './prepare.js';
export type { PreparedCareer } from './prepare.js';
export { flipComparison, flipCompact } from './flip.js';
export { writeComparisonText } from './text.js';
export { comparisonVersion, TEXT_VERSION } from './version.js';
export { checkComparisonInvariants } from './invariants.js';
export { RELATED_WEIGHT } from './skill-overlap.js';
export { TRANSITION_THRESHOLDS } from './transition.js';
export { HIGHER_IS_BETTER, computeVerdicts } from './verdicts.js';
