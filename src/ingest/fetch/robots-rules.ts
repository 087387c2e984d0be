/** One Allow/Disallow line of robots.txt. */
export interface RobotsRule {
  allow: boolean;
  /** The path pattern as written (with `*` and a trailing `$` as wildcards). */
  pattern: string;
  /** 1-based line number in robots.txt, for the disallowed record. */
  line: number;
}

/** A User-agent group: the agents it names and the rules after them. */
export interface RobotsGroup {
  agents: string[];
  rules: RobotsRule[];
  crawlDelaySeconds: number | null;
}

/** The rules that apply to us, merged from every group that names us (or from `*`). */
export interface RobotsPolicy {
  /** Which group applied: our product token, `*`, or null when no group applies (allow all). */
  agent: string | null;
  rules: RobotsRule[];
  crawlDelaySeconds: number | null;
}

/**
 * Parses robots.txt per RFC 9309: consecutive User-agent lines open one group, rules before any
 * User-agent line are ignored, comments and unknown fields are skipped, Sitemap does not end a
 * group. Empty Allow/Disallow values are dropped (an empty Disallow means "allow everything").
 */
export function parseRobotsTxt(text: string): RobotsGroup[] {
  const groups: RobotsGroup[] = [];
  let current: RobotsGroup | null = null;
  let lastWasAgent = false;
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  for (const [index, raw] of lines.entries()) {
    const match = /^\s*([A-Za-z-]+)\s*:\s*(.*?)\s*$/.exec(raw.replace(/#.*$/, ''));
    if (!match) continue;
    const key = (match[1] ?? '').toLowerCase();
    const value = match[2] ?? '';
    if (key === 'user-agent') {
      if (current === null || !lastWasAgent) groups.push((current = { agents: [], rules: [], crawlDelaySeconds: null }));
      current.agents.push(value.toLowerCase());
      lastWasAgent = true;
      continue;
    }
    if (key === 'sitemap') continue;
    lastWasAgent = false;
    if (current === null) continue;
    if ((key === 'allow' || key === 'disallow') && value !== '') {
      current.rules.push({ allow: key === 'allow', pattern: value, line: index + 1 });
    } else if (key === 'crawl-delay') {
      const seconds = Number(value);
      if (value !== '' && Number.isFinite(seconds) && seconds >= 0) current.crawlDelaySeconds = seconds;
    }
  }
  return groups;
}

/**
 * Picks the groups that apply to `productToken` (case-insensitive; "CareerLens/0.1" in a
 * User-agent line matches token "careerlens"), else the `*` groups, merged. The largest
 * Crawl-delay among the merged groups wins, as the most polite reading.
 */
export function selectRobotsPolicy(groups: RobotsGroup[], productToken: string): RobotsPolicy {
  const token = productToken.toLowerCase();
  const ours = groups.filter((g) => g.agents.some((agent) => (agent.split(/[\s/]/)[0] ?? '') === token));
  const chosen = ours.length > 0 ? ours : groups.filter((g) => g.agents.includes('*'));
  if (chosen.length === 0) return { agent: null, rules: [], crawlDelaySeconds: null };
  const delays = chosen.map((g) => g.crawlDelaySeconds).filter((d): d is number => d !== null);
  return {
    agent: ours.length > 0 ? token : '*',
    rules: chosen.flatMap((g) => g.rules),
    crawlDelaySeconds: delays.length > 0 ? Math.max(...delays) : null,
  };
}

/**
 * Decides whether `pathAndQuery` (e.g. "/compare/a-vs-b?x=1") may be fetched: the rule with
 * the longest pattern wins, and Allow wins a tie (RFC 9309 §2.2.2). No matching rule = allowed.
 */
export function matchRobotsPath(policy: RobotsPolicy, pathAndQuery: string): { allowed: boolean; rule: RobotsRule | null } {
  const target = normalizeEncoding(pathAndQuery);
  let best: RobotsRule | null = null;
  for (const rule of policy.rules) {
    if (!compilePattern(rule.pattern).test(target)) continue;
    const longer = best === null || rule.pattern.length > best.pattern.length;
    const tieAllow = best !== null && rule.pattern.length === best.pattern.length && rule.allow && !best.allow;
    if (longer || tieAllow) best = rule;
  }
  return { allowed: best === null || best.allow, rule: best };
}

/** Renders a rule for records and logs, e.g. "Disallow: /private (robots.txt line 3)". */
export function formatRobotsRule(rule: RobotsRule): string {
  return `${rule.allow ? 'Allow' : 'Disallow'}: ${rule.pattern} (robots.txt line ${rule.line})`;
}

function compilePattern(pattern: string): RegExp {
  const anchored = pattern.endsWith('$');
  const body = normalizeEncoding(anchored ? pattern.slice(0, -1) : pattern);
  const source = body
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${source}${anchored ? '$' : ''}`);
}

/** Percent-encodes non-ASCII and upper-cases escapes so "/caf%c3%a9" and "/café" compare equal. */
function normalizeEncoding(text: string): string {
  return text.replace(/[^\x21-\x7e]/gu, (ch) => encodeURIComponent(ch)).replace(/%[0-9a-f]{2}/gi, (hex) => hex.toUpperCase());
}
