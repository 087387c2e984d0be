import { describe, expect, it } from 'vitest';
import { formatRobotsRule, matchRobotsPath, parseRobotsTxt, selectRobotsPolicy } from '../../src/ingest/fetch/robots-rules.js';

const policyFor = (text: string, token = 'careerlens') => selectRobotsPolicy(parseRobotsTxt(text), token);
const allowed = (text: string, path: string) => matchRobotsPath(policyFor(text), path).allowed;

describe('parseRobotsTxt', () => {
  it('groups consecutive user-agents, skips comments, stray rules, sitemaps and unknown fields', () => {
    const groups = parseRobotsTxt(
      '\uFEFFDisallow: /before-any-group\n# comment\nUser-agent: A\nuser-agent: B # both\nDisallow: /x\nSitemap: https://s/m.xml\nAllow: /x/y\nFoo: bar\nCrawl-delay: 2.5\n\nUser-agent: *\nDisallow:\n',
    );
    expect(groups).toEqual([
      {
        agents: ['a', 'b'],
        rules: [
          { allow: false, pattern: '/x', line: 5 },
          { allow: true, pattern: '/x/y', line: 7 },
        ],
        crawlDelaySeconds: 2.5,
      },
      { agents: ['*'], rules: [], crawlDelaySeconds: null },
    ]);
  });
  it('starts a new group when a user-agent line follows rules', () => {
    expect(parseRobotsTxt('User-agent: a\nDisallow: /\nUser-agent: b\nDisallow: /b').map((g) => g.agents)).toEqual([['a'], ['b']]);
  });
});

describe('selectRobotsPolicy', () => {
  const text =
    'User-agent: *\nDisallow: /\n\nUser-agent: CareerLens/0.1\nDisallow: /private\nCrawl-delay: 1\n\nUser-agent: careerlens\nCrawl-delay: 3\nDisallow: /secret';
  it('prefers groups naming our product token, merging them, largest crawl-delay', () => {
    const policy = policyFor(text);
    expect(policy.agent).toBe('careerlens');
    expect(policy.rules.map((r) => r.pattern)).toEqual(['/private', '/secret']);
    expect(policy.crawlDelaySeconds).toBe(3);
  });
  it('falls back to * and then to allow-all', () => {
    expect(policyFor(text, 'otherbot').agent).toBe('*');
    expect(policyFor('User-agent: googlebot\nDisallow: /')).toEqual({ agent: null, rules: [], crawlDelaySeconds: null });
  });
  it('does not match a token that merely starts with ours', () => {
    expect(policyFor('User-agent: careerlensx\nDisallow: /').agent).toBeNull();
  });
});

describe('matchRobotsPath', () => {
  it('lets the longest matching pattern win, Allow on a tie', () => {
    const text = 'User-agent: *\nDisallow: /compare\nAllow: /compare/public\nDisallow: /page\nAllow: /page';
    expect(allowed(text, '/compare/a-vs-b')).toBe(false);
    expect(allowed(text, '/compare/public/x')).toBe(true);
    expect(allowed(text, '/page')).toBe(true);
    expect(allowed(text, '/other')).toBe(true);
  });
  it('supports * and $ wildcards, and matches the query string', () => {
    const text = 'User-agent: *\nDisallow: /*.pdf$\nDisallow: /search*q=\nDisallow: /fish*';
    expect(allowed(text, '/docs/report.pdf')).toBe(false);
    expect(allowed(text, '/docs/report.pdf?x=1')).toBe(true);
    expect(allowed(text, '/search?lang=en&q=rust')).toBe(false);
    expect(allowed(text, '/fishheads')).toBe(false);
    expect(allowed(text, '/Fish')).toBe(true);
  });
  it('treats regex characters in patterns literally and compares percent-encoding', () => {
    const text = 'User-agent: *\nDisallow: /a.b(c)\nDisallow: /café';
    expect(allowed(text, '/a.b(c)/x')).toBe(false);
    expect(allowed(text, '/aXb(c)')).toBe(true);
    expect(allowed(text, '/caf%c3%a9/menu')).toBe(false);
  });
  it('reports the deciding rule', () => {
    const { rule } = matchRobotsPath(policyFor('User-agent: *\nDisallow: /private'), '/private/1');
    expect(rule && formatRobotsRule(rule)).toBe('Disallow: /private (robots.txt line 2)');
  });
});
