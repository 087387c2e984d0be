import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from './log.js';

/** A logger writing into an array of parsed lines. */
function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { log: createLogger('info', 'test', stream), lines, parsed: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe('log lines carry no secrets of URLs', () => {
  it('redacts URLs in the message, in fields at any depth, in arrays, in errors (message and stack) and in child bindings', () => {
    const { log, lines, parsed } = capture();
    log.info('GET https://bob:pw1@x.example/a?token=t1 failed');
    log.warn({ url: 'https://bob:pw2@x.example/a?token=t2' }, 'fetch');
    log.error({ err: new Error('GET https://bob:pw3@x.example/a?token=t3 answered 500') }, 'run failed');
    log.error(new Error('connect https://bob:pw4@x.example/?key=t4'));
    log.error({ source: { options: { mirror: { url: 'https://bob:pw5@x.example/a?token=t5' } } } }, 'nested');
    log.error({ urls: ['https://bob:pw6@x.example/a?token=t6'] }, 'array');
    log.info('see %s', 'https://bob:pw7@x.example/?token=t7');
    log.child({ sourceUrl: 'https://bob:pw8@x.example/?token=t8' }).info('child');
    log.info({ quoted: 'fetching "https://bob:pw9@x.example/?sig=t9" now' }, 'quoted');
    const text = lines.join('');
    expect(lines).toHaveLength(9);
    expect(text).not.toMatch(/pw\d|t\d\b/);
    expect(text.match(/https:\/\/\*\*\*@x\.example/g)).toHaveLength(12); // an error in message and stack, pw4 also as the line's msg
    const rows = parsed(); // every line stays valid JSON
    expect(rows[2]!.err).toMatchObject({ type: 'Error', message: 'GET https://***@x.example/a?token=*** answered 500' });
    expect(rows[3]!.msg).toBe('connect https://***@x.example/?key=***');
    expect(rows[8]!.quoted).toBe('fetching "https://***@x.example/?sig=***" now');
  });

  it('leaves lines without URLs as they are', () => {
    const { log, parsed } = capture();
    log.info({ sourceId: 'oews', note: 'token=abc and "quotes" \\ backslash' }, 'plain');
    expect(parsed()[0]).toMatchObject({ sourceId: 'oews', note: 'token=abc and "quotes" \\ backslash', msg: 'plain' });
  });
});
