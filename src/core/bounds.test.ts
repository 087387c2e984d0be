import { describe, expect, it } from 'vitest';
import * as cheerio from 'cheerio';
import { assertHtmlTags, holdsMoreThan, InputTooLargeError, MAX_HTML_TAGS, MAX_TEXT_CELLS } from './bounds.js';
import { readCsvRecords } from './csv.js';

describe('bounds on parsed input', () => {
  it('counts the characters it is given and stops past the limit', () => {
    expect(holdsMoreThan('a,b\nc', ',\n', 2)).toBe(false);
    expect(holdsMoreThan('a,b\nc,', ',\n', 2)).toBe(true);
    expect(holdsMoreThan(',,,', ',', 3)).toBe(false);
  });

  it('refuses a CSV or TSV text of more cells than a worker holds, before splitting it (commas, tabs or line breaks alike)', () => {
    const refused = /more than 4000000 cells \(delimiters and line breaks\)/;
    expect(() => readCsvRecords(','.repeat(MAX_TEXT_CELLS + 1))).toThrowError(refused);
    expect(() => readCsvRecords('\t'.repeat(MAX_TEXT_CELLS + 1), { delimiter: '\t', quoted: false })).toThrowError(refused);
    expect(() => readCsvRecords('a\n'.repeat(MAX_TEXT_CELLS + 1))).toThrowError(InputTooLargeError);
    expect(() => readCsvRecords('a\r'.repeat(MAX_TEXT_CELLS + 1), { delimiter: '\t', quoted: false })).toThrowError(InputTooLargeError);
    // A large file of ordinary shape is read.
    expect(readCsvRecords('soc,title,median\n15-1252,Software Developers,"132,270"\n'.repeat(100_000)).rows).toHaveLength(200_000);
  });

  it('refuses an HTML page of more tags than a worker holds as a DOM', () => {
    expect(() => assertHtmlTags('<a>'.repeat(MAX_HTML_TAGS + 1), 'jobs.html')).toThrowError(/^jobs\.html: more than 100000 tags/);
    const page = `<html><body>${'<p>x</p>'.repeat(MAX_HTML_TAGS / 2 - 2)}</body></html>`;
    expect(() => assertHtmlTags(page)).not.toThrow();
    expect(cheerio.load(page)('p')).toHaveLength(MAX_HTML_TAGS / 2 - 2);
  });
});
