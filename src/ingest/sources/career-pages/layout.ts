/**
 * Label/value rows from whatever markup a career page uses: table rows (`<th>label</th><td>a</td>
 * <td>b</td>`), definition lists (`<dt>label</dt><dd>a</dd><dd>b</dd>`) and cards (a heading
 * followed by value elements). Fields are then recognised by label meaning, not position.
 */
import type { CheerioAPI } from 'cheerio';
import type { Element } from 'domhandler';
import { cleanSkillName } from '../../../core/skills.js';

export interface LabeledRow {
  label: string;
  values: string[];
  layout: 'table' | 'dl' | 'cards';
}
export interface SkillList {
  heading: string;
  items: string[];
}

const HEADING = 'h1, h2, h3, h4, h5, h6, dt, strong, b, caption, legend, [class*="label"], [class*="title"]';

function text($: CheerioAPI, el: Element): string {
  return cleanSkillName($(el).text());
}

/** Every label/value row on the page, in document order per layout. */
export function collectLabeledRows($: CheerioAPI): LabeledRow[] {
  const rows: LabeledRow[] = [];
  $('tr').each((_, tr) => {
    const cells = $(tr)
      .children('th, td')
      .toArray()
      .map((c) => text($, c));
    if (cells.length >= 2) rows.push({ label: cells[0]!, values: cells.slice(1), layout: 'table' });
  });
  $('dt').each((_, dt) => {
    const values = $(dt)
      .nextUntil('dt', 'dd')
      .toArray()
      .map((d) => text($, d));
    if (values.length) rows.push({ label: text($, dt), values, layout: 'dl' });
  });
  $('h3, h4, h5, [class*="label"]').each((_, h) => {
    const node = $(h);
    if (node.closest('tr, dl, ul, ol').length) return;
    const values = node
      .nextAll('p, span, div, data, output')
      .toArray()
      .map((v) => text($, v))
      .filter(Boolean);
    if (values.length) rows.push({ label: text($, h), values, layout: 'cards' });
  });
  return rows;
}

/**
 * Lists under a heading (`AI Model Compression Engineer Only`, `Shared (0)`, `Skills`): the
 * first `ul`/`ol` after the heading, before the next heading. Skill text is cleaned of markup
 * and `<script>` content.
 */
export function collectSkillLists($: CheerioAPI): SkillList[] {
  const lists: SkillList[] = [];
  $('ul, ol').each((_, list) => {
    const heading = findHeadingBefore($, list as Element);
    if (!heading) return;
    const items = $(list)
      .children('li')
      .toArray()
      .map((li) => text($, li))
      .filter(Boolean);
    lists.push({ heading, items });
  });
  return lists;
}

function findHeadingBefore($: CheerioAPI, list: Element): string | null {
  for (let node = $(list); node.length && !node.is('body'); node = node.parent()) {
    const prev = node
      .prevAll()
      .filter((_, el) => $(el).is(HEADING) || $(el).find(HEADING).length > 0)
      .first();
    if (prev.length) {
      const h = prev.is(HEADING) ? prev : prev.find(HEADING).last();
      return cleanSkillName(h.text());
    }
  }
  return null;
}
