import { formatRobotsRule, matchRobotsPath, parseRobotsTxt, selectRobotsPolicy, type RobotsPolicy } from './robots-rules.js';
import { raceWithSignal } from './sleep.js';

/** What fetching /robots.txt gave: rules, nothing (4xx: allow all), or no answer (5xx, network). */
export type RobotsLoad = { kind: 'rules'; text: string } | { kind: 'missing' } | { kind: 'unreachable'; detail: string };

/** Whether a URL may be fetched, with the Crawl-delay (ms) to apply to its host. */
export type RobotsVerdict = { allowed: true; crawlDelayMs: number | null } | { allowed: false; rule: string; reason: string };

export interface RobotsCacheOptions {
  /** Our product token, lowercase. */
  productToken: string;
  /** How long rules (or a missing robots.txt) stay valid, in ms. */
  ttlMs: number;
  /** How long an unreachable robots.txt keeps the origin disallowed, in ms. */
  unreachableTtlMs: number;
  /** Fetches robots.txt; must not throw for HTTP or network failures (return 'unreachable'). */
  load: (robotsUrl: URL) => Promise<RobotsLoad>;
}

type Known = { kind: 'policy'; policy: RobotsPolicy } | { kind: 'unreachable'; detail: string };

/**
 * Caches robots.txt per origin. Concurrent checks of one origin share one fetch, so a burst of
 * pages costs a single robots.txt request.
 */
export function createRobotsCache(options: RobotsCacheOptions): { check(url: URL, signal: AbortSignal): Promise<RobotsVerdict> } {
  const entries = new Map<string, { expiresAt: number; known: Promise<Known> }>();

  const knownFor = (origin: string): Promise<Known> => {
    const cached = entries.get(origin);
    if (cached && cached.expiresAt > Date.now()) return cached.known;
    const entry = { expiresAt: Infinity, known: loadKnown(options, new URL('/robots.txt', origin)) };
    entries.set(origin, entry);
    entry.known.then(
      (known) => (entry.expiresAt = Date.now() + (known.kind === 'policy' ? options.ttlMs : options.unreachableTtlMs)),
      () => entries.get(origin) === entry && entries.delete(origin),
    );
    return entry.known;
  };

  return {
    async check(url, signal) {
      if (url.pathname === '/robots.txt') return { allowed: true, crawlDelayMs: null };
      const known = await raceWithSignal(knownFor(url.origin), signal);
      if (known.kind === 'unreachable') {
        const reason =
          `${url.origin}/robots.txt could not be read (${known.detail}); as RFC 9309 §2.3.1.4 asks, ` +
          `nothing on ${url.host} is crawled until it can be read again`;
        return { allowed: false, rule: 'robots.txt unreachable: disallow all', reason };
      }
      const path = url.pathname + url.search;
      const { allowed, rule } = matchRobotsPath(known.policy, path);
      if (allowed || rule === null) {
        const seconds = known.policy.crawlDelaySeconds;
        return { allowed: true, crawlDelayMs: seconds === null ? null : Math.round(seconds * 1000) };
      }
      const reason = `${url.origin}/robots.txt disallows ${path} for user-agent ${known.policy.agent ?? '*'}; the page is skipped`;
      return { allowed: false, rule: formatRobotsRule(rule), reason };
    },
  };
}

async function loadKnown(options: RobotsCacheOptions, robotsUrl: URL): Promise<Known> {
  const loaded = await options.load(robotsUrl);
  if (loaded.kind === 'unreachable') return loaded;
  const groups = loaded.kind === 'rules' ? parseRobotsTxt(loaded.text) : [];
  return { kind: 'policy', policy: selectRobotsPolicy(groups, options.productToken) };
}
