/**
 * Links found in fetched content: what a crawl may follow. Pure.
 *
 * A page is third-party content: its links must not steer the crawler to other hosts, to
 * local files, or to another scheme of the same host. Only http(s) links on the page's own
 * origin (scheme, host and port) are followed; anything else is a reject with its reason.
 */

/** A followable link, or why not: `malformed` (unparseable) or `off-site` (another origin, scheme, or a non-http page). */
export type LinkVerdict = { url: string } | { refused: 'malformed' | 'off-site'; reason: string };

/** Resolves `href` against the page it was found on and says whether a crawl may follow it. */
export function followableLink(href: string, pageUrl: string): LinkVerdict {
  let page: URL;
  let link: URL;
  try {
    page = new URL(pageUrl);
    link = new URL(href, page);
  } catch {
    return { refused: 'malformed', reason: `malformed link ${JSON.stringify(href.slice(0, 200))}; skipped` };
  }
  if (page.protocol !== 'http:' && page.protocol !== 'https:') {
    return { refused: 'off-site', reason: `link ${link.href.slice(0, 200)} found in a ${page.protocol} page; only links of http(s) pages are followed` };
  }
  if (link.protocol !== page.protocol || link.origin !== page.origin) {
    return { refused: 'off-site', reason: `link ${link.href.slice(0, 200)} leaves the listing's site (${page.origin}); not followed` };
  }
  link.hash = '';
  return { url: link.href };
}

/** Runs `task` over `items` with at most `limit` at once, in order of start; rejects on the first failure. */
export async function forEachLimited<T>(items: readonly T[], limit: number, task: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      await task(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
}
