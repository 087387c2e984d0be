/**
 * OEWS May 2019–2020 "hybrid" codes: during the move to SOC 2018, BLS published some
 * occupations only as a combination of SOC 2018 detailed occupations (15-1256 = software
 * developers 15-1252 + QA analysts and testers 15-1253). A hybrid's figures describe all its
 * members together, so they can continue one member's series only when that member is nearly
 * all of the hybrid. Pure: no I/O.
 *
 * Rule: a hybrid maps to its member holding at least HYBRID_MAJORITY of the members' combined
 * employment in the earliest later period that publishes every member; the point is marked
 * mapped, with that share. Otherwise no member gets a value for the hybrid's period: each
 * member's series breaks there, with the reason.
 */
import { periodOrder } from './periods.js';

/** The SOC 2018 detailed codes each OEWS hybrid code of May 2020 combines (BLS OEWS hybrid list). */
export const OEWS_HYBRID_CODES: Readonly<Record<string, readonly string[]>> = Object.freeze({
  '11-2030': ['11-2032', '11-2033'],
  '11-3010': ['11-3012', '11-3013'],
  '11-9198': ['11-9072', '11-9179', '11-9199'],
  '13-1198': ['13-1082', '13-1199'],
  '13-2098': ['13-2051', '13-2054', '13-2099'],
  '15-1245': ['15-1242', '15-1243'],
  '15-1256': ['15-1252', '15-1253'],
  '15-1257': ['15-1254', '15-1255'],
  '15-2098': ['15-2051', '15-2099'],
  '17-3098': ['17-3028', '17-3029'],
  '19-3031': ['19-3033', '19-3034'],
  '19-4010': ['19-4012', '19-4013'],
  '19-4045': ['19-4043', '19-4044'],
  '25-3097': ['25-3041', '25-3099'],
  '27-2090': ['27-2091', '27-2099'],
  '27-4098': ['27-4015', '27-4099'],
  '29-1228': ['29-1212', '29-1213', '29-1214', '29-1217', '29-1222', '29-1224', '29-1229', '29-1241'],
  '29-1248': ['29-1242', '29-1243', '29-1249'],
  '29-1298': ['29-1291', '29-1299'],
  '29-2040': ['29-2042', '29-2043'],
  '29-2098': ['29-2036', '29-2072', '29-2099'],
  '29-9098': ['29-9021', '29-9093', '29-9099'],
  '33-1090': ['33-1091', '33-1099'],
  '33-9098': ['33-9094', '33-9099'],
  '39-1098': ['39-1014', '39-1022'],
  '39-9098': ['39-4012', '39-9099'],
  '47-5097': ['47-5023', '47-5032'],
  '47-5098': ['47-5049', '47-5099'],
  '53-3058': ['53-3051', '53-3053', '53-3054'],
  '53-6098': ['53-6032', '53-6099'],
});

/** The share of a hybrid's later employment one member must hold for the hybrid to continue its series. */
export const HYBRID_MAJORITY = 0.8;

/** Employment of a set of detailed codes in one later period. */
export interface LaterEmployment {
  period: string;
  /** Employment by 6-digit SOC code; a code missing or null is not published in that period. */
  employment: ReadonlyMap<string, number | null>;
}

export interface HybridMember {
  code: string;
  employment: number;
  share: number;
}

/** How one hybrid code's figures reach (or do not reach) its members' series. */
export type HybridDecision =
  | { hybrid: string; rule: 'majority'; mappedTo: string; share: number; basisPeriod: string; members: HybridMember[] }
  | { hybrid: string; rule: 'break'; mappedTo: null; reason: string; basisPeriod: string | null; members: HybridMember[] };

/** True when `code` is a known OEWS hybrid code. */
export function isHybridCode(code: string): boolean {
  return Object.hasOwn(OEWS_HYBRID_CODES, code);
}

/**
 * Decides how a hybrid code continues: `later` is every later period available, in any order;
 * the earliest one publishing every member's employment is the basis.
 */
export function decideHybrid(hybrid: string, later: readonly LaterEmployment[]): HybridDecision {
  const members = OEWS_HYBRID_CODES[hybrid];
  if (!members) throw new Error(`${hybrid} is not an OEWS hybrid code`);
  const basis = [...later]
    .sort((a, b) => periodOrder(a.period) - periodOrder(b.period))
    .find((l) => members.every((m) => typeof l.employment.get(m) === 'number'));
  if (!basis) {
    return {
      hybrid,
      rule: 'break',
      mappedTo: null,
      basisPeriod: null,
      members: [],
      reason: `hybrid ${hybrid} combines ${members.join(', ')}; no later period publishes all of them, so no member's share is known`,
    };
  }
  const total = members.reduce((s, m) => s + (basis.employment.get(m) as number), 0);
  const shares: HybridMember[] = members
    .map((code) => {
      const employment = basis.employment.get(code) as number;
      return { code, employment, share: total > 0 ? Math.round((employment / total) * 1000) / 1000 : 0 };
    })
    .sort((a, b) => b.share - a.share || a.code.localeCompare(b.code));
  const top = shares[0]!;
  if (total > 0 && top.employment / total >= HYBRID_MAJORITY) {
    return { hybrid, rule: 'majority', mappedTo: top.code, share: top.share, basisPeriod: basis.period, members: shares };
  }
  const pct = (s: number) => `${Math.round(s * 1000) / 10} %`;
  return {
    hybrid,
    rule: 'break',
    mappedTo: null,
    basisPeriod: basis.period,
    members: shares,
    reason:
      `hybrid ${hybrid} combines ${shares.map((m) => `${m.code} (${pct(m.share)})`).join(', ')} in ${basis.period}; ` +
      `no member holds ${pct(HYBRID_MAJORITY)} of it, so no member gets its figures`,
  };
}
