/**
 * Continuity across SOC code changes: a May 2020 hybrid code continues one member's series when
 * that member is the large majority of it (core/soc-hybrids.ts); otherwise every member's series
 * breaks at that period with the reason, instead of an invented value.
 */
import { comparePeriods } from '../../../core/periods.js';
import { decideHybrid, isHybridCode, OEWS_HYBRID_CODES, type LaterEmployment } from '../../../core/soc-hybrids.js';
import type { WagesBreakFact, WagesMapping } from '../../../core/fact-keys.js';
import type { OewsReading } from './history.js';
import type { OewsWageRecord } from './parse.js';

export interface Continuity {
  /** Hybrid rows that continue a member's series: the hybrid's record, written under member `to`. */
  mapped: { reading: OewsReading; record: OewsWageRecord; to: string; mapping: WagesMapping }[];
  /** Members left without a value for a period, with the reason. */
  breaks: { reading: OewsReading; fact: WagesBreakFact }[];
}

/** Decides every hybrid row of every reading against the later readings of the same run. */
export function resolveHybrids(readings: readonly OewsReading[]): Continuity {
  const employment = new Map<OewsReading, LaterEmployment>(
    readings.map((r) => [
      r,
      {
        period: r.period,
        employment: new Map(r.records.filter((x) => x.detailed).map((x) => [x.socCode, x.employment])),
      },
    ]),
  );
  const out: Continuity = { mapped: [], breaks: [] };
  for (const reading of readings) {
    const later = readings.filter((r) => comparePeriods(r.period, reading.period) > 0).map((r) => employment.get(r)!);
    const published = employment.get(reading)!.employment;
    for (const record of reading.records) {
      if (!record.detailed || !isHybridCode(record.socCode)) continue;
      const decision = decideHybrid(record.socCode, later);
      const hybrid = { code: record.socCode, title: record.title };
      const members = decision.members.map((m) => ({ code: m.code, share: m.share }));
      for (const member of OEWS_HYBRID_CODES[record.socCode]!) {
        if (published.has(member)) continue; // published on its own: its own row is its point
        if (decision.rule === 'majority' && member === decision.mappedTo) {
          out.mapped.push({
            reading,
            record,
            to: member,
            mapping: { rule: 'hybrid-majority', from: hybrid, share: decision.share, basisPeriod: decision.basisPeriod, members },
          });
          continue;
        }
        const reason =
          decision.rule === 'majority'
            ? `published only inside hybrid ${hybrid.code} (${hybrid.title}), whose figures continue ${decision.mappedTo} (${Math.round(decision.share * 1000) / 10} % of it in ${decision.basisPeriod})`
            : decision.reason;
        out.breaks.push({ reading, fact: { socCode: member, hybrid, reason, basisPeriod: decision.basisPeriod, members } });
      }
    }
  }
  return out;
}
