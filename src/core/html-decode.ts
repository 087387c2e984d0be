/**
 * Fetched HTML bytes to text, pure. The encoding is sniffed as browsers do (WHATWG, via
 * encoding-sniffer): a byte-order mark, then the Content-Type header's charset, then a
 * `<meta charset>` or `http-equiv` declaration in the first 1024 bytes. A page that declares
 * nothing is read as UTF-8 (not the spec's windows-1252): every page seen here that declares
 * nothing is UTF-8, and a wrong UTF-8 guess shows as U+FFFD, never as plausible wrong letters.
 */
import { decodeBuffer } from 'encoding-sniffer';

/** The `charset` parameter of a Content-Type header value, if any. */
export function charsetOf(contentType: string | null | undefined): string | undefined {
  return contentType ? /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(contentType)?.[1] : undefined;
}

/** Decodes an HTML page, honouring its declared encoding (e.g. windows-1252 or Shift_JIS). */
export function decodeHtml(body: Buffer, contentType?: string | null): string {
  return decodeBuffer(body, { transportLayerEncodingLabel: charsetOf(contentType), defaultEncoding: 'utf-8' });
}
