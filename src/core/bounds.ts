/**
 * Bounds on what a parser builds from a body the fetcher accepted. A body within the size limit
 * can still take far more memory once parsed: 64 MiB of commas is 67 million empty cells, and
 * 1 MiB of `<a>` is 350,000 DOM nodes, 275 MB of a worker's heap, and 64 MiB of `{},` is 22
 * million objects. Such input is damaged or
 * hostile, never data: it is refused before parsing. Pure.
 */

/** Input that would take more memory, once parsed, than a worker holds. */
export class InputTooLargeError extends Error {
  override name = 'InputTooLargeError';
}

/**
 * Cells of a CSV or TSV text: delimiters and line breaks (4,000,000). 8x the largest file read
 * (O*NET's Education, Training, and Experience: 507,000), about 200 MB parsed.
 */
export const MAX_TEXT_CELLS = 4_000_000;

/** Tags of an HTML page (100,000). 40x the largest page read (2,422 tags), about 80 MB as a DOM. */
export const MAX_HTML_TAGS = 100_000;

/** Throws InputTooLargeError when a JSON text has more than MAX_TEXT_CELLS values (counted by `,` `{` `[`, strings' commas too). */
export function assertJsonValues(text: string, what = 'the document'): void {
  if (holdsMoreThan(text, ',{[', MAX_TEXT_CELLS)) {
    throw new InputTooLargeError(`${what}: more than ${MAX_TEXT_CELLS} values: refused as damaged or hostile, it would not fit a worker once read`);
  }
}

/** Whether `text` holds more than `limit` characters among `chars`; stops counting there. */
export function holdsMoreThan(text: string, chars: string, limit: number): boolean {
  if (text.length <= limit) return false;
  const codes = [...chars].map((c) => c.charCodeAt(0));
  const [a = -1, b = -1, c = -1] = codes;
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if ((ch === a || ch === b || ch === c) && ++n > limit) return true;
  }
  return false;
}

/** Throws InputTooLargeError when a CSV or TSV text has more than MAX_TEXT_CELLS cells. */
export function assertTextCells(text: string, delimiter: string): void {
  if (holdsMoreThan(text, `${delimiter}\n\r`, MAX_TEXT_CELLS)) {
    throw new InputTooLargeError(
      `more than ${MAX_TEXT_CELLS} cells (delimiters and line breaks): refused as damaged or hostile, it would not fit a worker once read`,
    );
  }
}

/** Throws InputTooLargeError when an HTML page has more than MAX_HTML_TAGS tags. */
export function assertHtmlTags(html: string, what = 'the page'): void {
  if (holdsMoreThan(html, '<', MAX_HTML_TAGS)) {
    throw new InputTooLargeError(`${what}: more than ${MAX_HTML_TAGS} tags: refused as damaged or hostile, it would not fit a worker once read`);
  }
}
