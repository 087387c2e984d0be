import { describe, expect, it } from 'vitest';
import { parseConfig } from '../config.js';
import { describeSetting, redactText, redactUrl } from './redact.js';

describe('redacting secrets in URLs', () => {
  it('hides user info and credential-like query values, keeps the rest', () => {
    expect(redactUrl('https://alice:s3cret@data.example/x.csv?year=2024&token=abc#top')).toBe('https://***@data.example/x.csv?year=2024&token=***#top');
    expect(redactUrl('https://hooks.example/in?api_key=k&access_token=t&X-Amz-Signature=s&sig=1')).toBe(
      'https://hooks.example/in?api_key=***&access_token=***&X-Amz-Signature=***&sig=***',
    );
    expect(redactUrl('postgres://user:pw@db:5432/careerlens')).toBe('postgres://***@db:5432/careerlens');
    expect(redactUrl('https://example.org/compare/a-vs-b?page=2')).toBe('https://example.org/compare/a-vs-b?page=2');
  });

  it('redacts every URL inside a message', () => {
    expect(redactText('GET https://u:p@x.example/a?key=1 answered 500; see http://y.example/?secret=2')).toBe(
      'GET https://***@x.example/a?key=*** answered 500; see http://y.example/?secret=***',
    );
  });

  it('a bad setting is never echoed in full', () => {
    expect(describeSetting('x'.repeat(100))).toBe(`${'x'.repeat(40)}… (100 characters)`);
    expect(() => parseConfig({ DATABASE_URL: 'mysql://root:hunter2@db/careerlens' })).toThrowError(
      /^DATABASE_URL="mysql:\/\/\*\*\*@db\/careerlens" is invalid/,
    );
    expect(() => parseConfig({ ALERT_WEBHOOK_URL: `ftp://hooks.example/${'a'.repeat(200)}` })).toThrowError(/\(\d+ characters\)" is invalid/);
  });
});
