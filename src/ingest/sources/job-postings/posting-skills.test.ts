import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import * as cheerio from 'cheerio';
import { describe, expect, it } from 'vitest';
import { buildSkillTaxonomy, extractSkills } from '../../../core/skills.js';
import { ONET_FILES, parseOnetFiles } from '../onet-database/parse.js';
import { parsePostingPage, postingSkills, siteBoilerplate } from './parse-posting-html.js';

/**
 * Skills read from the 43 real Vercel posting pages with the full taxonomy (O*NET 29.2's
 * technology skills plus the built-in ones), checked against each page's own requirements list:
 * the lists under "About You", "Bonus If You", "What you will need", "Requirements".
 */
const shared = path.resolve(process.cwd(), '../shared/data');
const onet = parseOnetFiles(new Map(Object.values(ONET_FILES).map((f) => [f, readFileSync(path.join(shared, 'onet-29.2', f), 'utf8')])));
const taxonomy = buildSkillTaxonomy(
  onet.technologySkills.map((t) => ({ example: t.example, commodityTitle: t.commodityTitle, hot: t.hot, inDemand: t.inDemand })),
);
const dir = path.join(shared, 'vercel-careers-html/careers');
const html = new Map(
  readdirSync(dir)
    .filter((f) => f.endsWith('.html'))
    .sort()
    .map((f) => [f.replace(/-\d+\.html$/, ''), readFileSync(path.join(dir, f), 'utf8')]),
);
const pages = new Map([...html].map(([slug, page]) => [slug, parsePostingPage(page).records[0]!]));
const boilerplate = siteBoilerplate([...pages.values()].map((p) => p.description));
const skillsOf = (slug: string) => postingSkills(pages.get(slug)!, taxonomy, boilerplate);

const REQUIREMENTS = /about you|bonus if you|what you will need|requirements|should be comfortable/i;
/** The page's requirement list items, as a reader finds them under their heading. */
function requirements(page: string): string[] {
  const $ = cheerio.load(page);
  $('script, style').remove();
  const items: string[] = [];
  $('ul').each((_, ul) => {
    if (REQUIREMENTS.test($(ul).prevAll('h2, h3, h4, p').first().text()))
      $(ul)
        .children('li')
        .each((_, li) => {
          items.push($(li).text().trim());
        });
  });
  return items;
}

describe('skills of the real Vercel postings, against their requirements lists', () => {
  it('names every skill of every requirements list, and only skills its own text names', () => {
    let withList = 0;
    for (const [slug, page] of html) {
      const listed = requirements(page);
      if (listed.length) withList++;
      const skills = skillsOf(slug);
      expect(skills, slug).toEqual(expect.arrayContaining(extractSkills(listed.join('\n'), taxonomy)));
      const own = `${pages.get(slug)!.title}\n${pages
        .get(slug)!
        .description.split('\n')
        .filter((l) => !boilerplate.has(l))
        .join('\n')}`;
      for (const key of skills) expect(extractSkills(own, taxonomy), `${slug}: ${key}`).toContain(key);
    }
    expect(withList).toBeGreaterThanOrEqual(37); // six pages list only what the job does
  });

  // What a reader lists from each requirements list (tools, languages, platforms), by hand.
  it.each([
    ['analytics-engineer-amer', ['sql', 'dbt', 'snowflake', 'git', 'apache-superset']],
    ['application-security-engineer-us', ['javascript', 'python', 'perl', 'bash', 'jenkins', 'circleci', 'git', 'github']],
    ['data-engineer-uk-us', ['python', 'sql', 'dbt', 'snowflake', 'git', 'typescript', 'javascript']],
    ['data-scientist-us', ['snowflake', 'dbt', 'sql', 'python', 'r', 'julia', 'go']],
    ['engineering-manager-edge-network-us', ['tcp-ip', 'http', 'typescript', 'aws', 'node-js', 'terraform', 'go', 'kubernetes']],
    ['infrastructure-engineer-us', ['node-js', 'next-js', 'react']],
    ['salesforce-administrator-us', ['salesforce', 'outreach-io', 'linkedin', 'zoominfo']],
    ['visual-designer-brand-marketing-us', ['adobe-creative-cloud', 'figma']],
  ])('%s names %j', (slug, expected) => {
    expect(skillsOf(slug)).toEqual(expect.arrayContaining(expected));
  });

  it('leaves out the blurb every page repeats and everyday words that share a product name', () => {
    // "…the React ecosystem" and Next.js are in the company blurb of every page: a sales posting does not ask for them.
    expect(skillsOf('enterprise-account-executive-apac')).toEqual([]);
    expect(skillsOf('partner-manager-services-apac')).toEqual([]);
    // "Act as a trusted advisor", "Act as the primary logistical support": the verb, not the ACT! CRM.
    expect(skillsOf('director-commercial-legal-us')).not.toContain('act');
    expect(skillsOf('field-marketing-manager-west-us')).toEqual([]);
    // "our Go to Market Enablement team" is not the Go language.
    expect(skillsOf('technical-enablement-lead-europe-uk')).not.toContain('go');
  });
});
