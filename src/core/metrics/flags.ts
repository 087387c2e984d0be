/** Remote-friendly and requires-coding, from teleworkability and technology skills. */
import { known, missing } from './figure.js';
import type { CareerFacts, Figure } from './types.js';

/** Teleworkability share at or above which a career counts as remote-friendly. */
export const REMOTE_THRESHOLD = 0.5;

/**
 * UNSPSC commodity codes of O*NET technology skills that mean writing code:
 * 43232402 Development environment software (Python, C++, Java, R, IDEs),
 * 43232405 Object or component oriented development software (C#, Scala, .NET),
 * 43232408 Web platform development software (JavaScript, PHP, React),
 * 43232406 Program testing software (unit-test frameworks, Selenium).
 * Office macros alone (VBA sits under 43232402 too) are why one listed tool is not enough.
 */
export const CODING_COMMODITY_CODES: ReadonlySet<number> = new Set([43232402, 43232405, 43232408, 43232406]);

/** Distinct coding technologies needed to count a career as requiring code. */
export const CODING_MIN_TECHNOLOGIES = 3;

/** Remote-friendly when the teleworkability share ≥ REMOTE_THRESHOLD. */
export function computeRemoteFriendly(facts: CareerFacts): Figure<boolean> {
  const t = facts.telework;
  if (!t || !Number.isFinite(t.value)) return missing('no teleworkability data for this occupation');
  return known(t.value >= REMOTE_THRESHOLD, t, `telework-share>=${REMOTE_THRESHOLD} (share ${t.value.toFixed(2)})`);
}

/** Requires coding when ≥ CODING_MIN_TECHNOLOGIES distinct coding technologies are listed. */
export function computeRequiresCoding(facts: CareerFacts): Figure<boolean> {
  const src = facts.technologySource;
  if (facts.technologySkills.length === 0 || !src) return missing('no technology-skill data for this occupation');
  const coding = new Set(facts.technologySkills.filter((t) => CODING_COMMODITY_CODES.has(t.commodityCode)).map((t) => t.name));
  return known(coding.size >= CODING_MIN_TECHNOLOGIES, src, `coding-technologies>=${CODING_MIN_TECHNOLOGIES} (${coding.size})`);
}
