import { describe, expect, it } from 'vitest';
import { charsetOf, decodeHtml } from './html-decode.js';

// "Café Analyst – 2€" as windows-1252: é = E9, en dash = 96, € = 80 (not valid UTF-8).
const cp1252 = (head: string) =>
  Buffer.concat([
    Buffer.from(`<html><head>${head}</head><body><h1>Caf`),
    Buffer.from([0xe9]),
    Buffer.from(' Analyst '),
    Buffer.from([0x96]),
    Buffer.from(' 2'),
    Buffer.from([0x80]),
    Buffer.from('</h1></body></html>'),
  ]);

describe('decodeHtml', () => {
  it('reads a windows-1252 page by its <meta charset>', () => {
    expect(decodeHtml(cp1252('<meta charset="windows-1252">'))).toContain('<h1>Café Analyst – 2€</h1>');
    expect(decodeHtml(cp1252('<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">'))).toContain('Café Analyst – 2€');
  });
  it('reads it by the Content-Type header, which wins over the page', () => {
    expect(decodeHtml(cp1252(''), 'text/html; charset=windows-1252')).toContain('Café Analyst – 2€');
    expect(decodeHtml(cp1252('<meta charset="utf-8">'), 'text/html; charset="ISO-8859-1"')).toContain('Café Analyst – 2€');
  });
  it('reads UTF-8 when declared, by its BOM, and when nothing is declared', () => {
    const utf8 = Buffer.from('<h1>Café Analyst – 2€ 数据</h1>');
    expect(decodeHtml(utf8)).toBe('<h1>Café Analyst – 2€ 数据</h1>');
    expect(decodeHtml(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8]), 'text/html; charset=windows-1252')).toBe('<h1>Café Analyst – 2€ 数据</h1>');
  });
  it('finds the charset parameter of a Content-Type', () => {
    expect(charsetOf('text/html; charset=Shift_JIS')).toBe('Shift_JIS');
    expect(charsetOf('text/html')).toBeUndefined();
    expect(charsetOf(null)).toBeUndefined();
  });
});
