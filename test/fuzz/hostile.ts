/**
 * Inputs that break careless servers: injection payloads, markup, path tricks, odd Unicode,
 * control characters, huge and numeric-edge values. Each test picks from this list.
 */
export const HOSTILE_STRINGS: readonly string[] = [
  // SQL
  "' OR 1=1 --",
  '1; DROP TABLE careers; --',
  '" OR ""="',
  "%' union select null, version() --",
  "\\'; select pg_sleep(5); --",
  // markup and script
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "'><svg/onload=alert(1)>",
  '</title><script>alert(1)</script>',
  'javascript:alert(1)',
  '{{7*7}}',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template-injection probe, literal on purpose
  '${7*7}',
  '<!--',
  ']]>',
  '&lt;b&gt;',
  // paths
  '../../../../etc/passwd',
  '..%2f..%2f..%2fetc%2fpasswd',
  '..\\..\\windows\\win.ini',
  '/etc/passwd%00.html',
  '%2e%2e/',
  '//evil.example/',
  // encoding, control and Unicode oddities
  '\u0000',
  'a\u0000b',
  '%00',
  '\r\nSet-Cookie: x=1',
  '\t',
  '\u202eevil',
  '\u2066x\u2069',
  '\uFEFF',
  '\u200b',
  '😀',
  'İstanbul',
  'ß',
  'Ω≈ç√∫',
  'ﾟ･✿ヾ╲(｡◕‿◕｡)╱✿･ﾟ',
  '\uD800',
  '%zz',
  '%',
  '+',
  '&',
  '=',
  '#',
  '?',
  '/',
  '\\',
  ' ',
  '',
  // numbers and literals
  '-1',
  '0',
  '-0',
  '1.5',
  '1e309',
  'NaN',
  'Infinity',
  '0x10',
  '99999999999999999999',
  '9'.repeat(400),
  'null',
  'undefined',
  'true',
  '[]',
  '{}',
  // dates and cursors
  '2023-02-31',
  '0000-01-01',
  '9999-12-31T23:59:59Z',
  '2024-01-01T00:00:00+99:99',
  '2024-13-01',
  '1.2',
  '18446744073709551616.1',
  'bzk5OTk5OTk5',
  // size
  'a'.repeat(5_000),
  'é'.repeat(100_000),
];

/** The strings of the list that would be markup or break out of an attribute if reflected raw into HTML. */
export const MARKUP_STRINGS = HOSTILE_STRINGS.filter((s) => /[<>"']/.test(s));

/** encodeURIComponent, except that lone surrogates become the invalid UTF-8 they would be on the wire. */
export function encodeParam(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return value
      .split('')
      .map((ch) => {
        try {
          return encodeURIComponent(ch);
        } catch {
          return '%ED%A0%80';
        }
      })
      .join('');
  }
}
