import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runIngest } from '../../src/ingest/run-ingest.js';
import { createFetcher } from '../../src/ingest/fetch/index.js';
import { createZip, DEFAULT_MAX_ENTRY_BYTES } from '../../src/core/zip.js';
import { fixturesDir, sharedDataDir } from '../helpers/static-server.js';
import { startIngestHarness, type IngestHarness } from '../ingest/harness.js';

const OEWS = '/data/bls-oews-national/national_May2021_dl.csv';
const ONET_OCCUPATIONS = '/data/onet-29.2/Occupation Data.txt';
const PAGE = '/fixtures/career-pages/compare-table.html';
const oewsCsv = readFileSync(path.join(sharedDataDir, 'bls-oews-national/national_May2021_dl.csv'), 'utf8');
const onetOccupations = readFileSync(path.join(sharedDataDir, 'onet-29.2/Occupation Data.txt'), 'utf8');
const page = readFileSync(path.join(fixturesDir, 'career-pages/compare-table.html'), 'utf8');

/** A one-entry zip whose headers declare `declared` bytes for `data`: a lying header is how a zip bomb passes size checks. */
function zipDeclaring(name: string, data: Buffer, declared: number): Buffer {
  const zip = createZip([{ name, data }]);
  const central = zip.readUInt32LE(zip.length - 22 + 16);
  zip.writeUInt32LE(declared, central + 24);
  zip.writeUInt32LE(declared, 22);
  return zip;
}

/** How a publisher misbehaves: each answer below is one fault a source can show. */
type Fault = (res: ServerResponse, good: string) => void;
const faults = {
  'a 500': (res, _good) => {
    res.writeHead(500, { 'content-type': 'text/plain' }).end('internal error');
  },
  'no answer (timeout)': (_res, _good) => {
    /* the request is left hanging */
  },
  'a body that stalls midway': (res, good) => {
    res.writeHead(200, { 'content-length': Buffer.byteLength(good) });
    res.write(good.slice(0, 2_000));
  },
  'a truncated file': (res, good) => {
    res.writeHead(200).end(good.slice(0, Math.floor(good.length * 0.4)));
  },
  'a file cut at a line break': (res, good) => {
    res.writeHead(200).end(good.slice(0, good.indexOf('\n', Math.floor(good.length * 0.4)) + 1));
  },
} satisfies Record<string, Fault>;

/**
 * Each fault of a source (O*NET, BLS OEWS, a career site's HTML) fails its run visibly (status
 * and error message) and loses no good data: every fact stays as the last good run left it.
 * A file that lost rows (shrunken or truncated) is refused by the shrink guard unless an
 * operator allows it.
 */
describe('source faults fail the run visibly and lose no good data', () => {
  let h: IngestHarness;
  const sql = () => h.tdb.db.$client;
  const snapshot = async () =>
    (
      await sql()<{ n: number; hashes: string }[]>`
    select count(*)::int as n, md5(coalesce(string_agg(source_id || career_id || key || period || hash, ',' order by source_id, career_id, key, period), '')) as hashes from facts`
    )[0]!;
  const serve = (urlPath: string, answer: (res: ServerResponse) => void) =>
    h.server.override((req: IncomingMessage, res: ServerResponse) => {
      if (decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname) !== urlPath) return false;
      answer(res);
      return true;
    });
  const lastRun = async (sourceId: string) =>
    (
      await sql()<{ status: string; error: string | null }[]>`
    select status, error from ingest_runs where source_id = ${sourceId} order by id desc limit 1`
    )[0]!;
  /** Runs `sourceId` while `urlPath` answers with the fault: the run fails with `message`, no fact changes. */
  const expectFault = async (sourceId: string, urlPath: string, answer: (res: ServerResponse) => void, message: RegExp, deps = h.deps) => {
    const before = await snapshot();
    serve(urlPath, answer);
    try {
      await expect(runIngest(deps, { sourceId, trigger: 'manual', final: true })).rejects.toThrow(message);
    } finally {
      h.server.override(null);
    }
    expect(await lastRun(sourceId)).toEqual({ status: 'failed', error: expect.stringMatching(message) });
    expect(await snapshot()).toEqual(before);
  };

  beforeAll(async () => {
    h = await startIngestHarness();
    await h.define({ id: 'onet', kind: 'onet-database', url: `${h.server.url}/data/onet-29.2/` });
    expect((await h.run('onet')).status).toBe('succeeded');
    await h.define({ id: 'oews', kind: 'oews-wages', url: `${h.server.url}${OEWS}` });
    expect((await h.run('oews')).status).toBe('succeeded');
    await h.define({ id: 'site', kind: 'career-pages', url: `${h.server.url}${PAGE}` });
    expect((await h.run('site')).status).toBe('succeeded');
  }, 420_000);
  afterAll(async () => {
    await h?.close();
  });

  const cases: [string, string, string][] = [
    ['oews', OEWS, oewsCsv],
    ['onet', ONET_OCCUPATIONS, onetOccupations],
    ['site', PAGE, page],
  ];
  describe.each(cases)('%s', (sourceId, urlPath, good) => {
    it('a 500 fails the run after its retries', async () => {
      await expectFault(sourceId, urlPath, (res) => faults['a 500'](res, good), /answered 500 after 3 attempts; the run fails and earlier data stays served/);
    });
    // A short attempt timeout for these two only: the good runs keep the harness's patience on a loaded machine.
    const impatient = () => ({
      ...h.deps,
      newFetcher: () => createFetcher({ perHostMinDelayMs: 0, retries: 1, backoffBaseMs: 20, attemptTimeoutMs: 1_000, allowPrivateNetworks: true }),
    });
    it('no answer fails the run as a timeout', async () => {
      await expectFault(
        sourceId,
        urlPath,
        (res) => faults['no answer (timeout)'](res, good),
        /timed out: no answer within 1000 ms after 2 attempts/,
        impatient(),
      );
    });
    it('a body that stalls midway fails the run as a timeout', async () => {
      await expectFault(
        sourceId,
        urlPath,
        (res) => faults['a body that stalls midway'](res, good),
        /timed out: no body data within 1000 ms after 2 attempts/,
        impatient(),
      );
    });
    it('a body over the size limit fails the run', async () => {
      const small = { ...h.deps, newFetcher: () => createFetcher({ perHostMinDelayMs: 0, retries: 0, allowPrivateNetworks: true, maxBytes: 1_000 }) };
      await expectFault(
        sourceId,
        urlPath,
        (res) => {
          res.writeHead(200).end(good);
        },
        /body exceeds the 1000 bytes limit \(maxBytes\).*earlier data stays served/,
        small,
      );
    });
  });

  it('oews: a truncated file is refused, naming where it ends', async () => {
    await expectFault('oews', OEWS, (res) => faults['a truncated file'](res, oewsCsv), /truncated at line \d+/);
  });
  it('oews: a last row cut inside a quoted number is refused naming its line, never read as a smaller number', async () => {
    const p90 = async () =>
      (
        await sql()<{ value: { annual: { p90: number } } }[]>`
      select f.value from facts f join careers c on c.id = f.career_id where f.source_id = 'oews' and c.onet_code = '53-7199.00'`
      )[0]!.value.annual.p90;
    expect(await p90()).toBe(60_830);
    const cut = oewsCsv.slice(0, oewsCsv.lastIndexOf('"60,830"') + 5); // the file ends inside "60,8
    const lastLine = oewsCsv.trimEnd().split('\n').length;
    await expectFault(
      'oews',
      OEWS,
      (res) => {
        res.writeHead(200).end(cut);
      },
      new RegExp(`truncated at line ${lastLine} \\(Quote Not Closed`),
    );
    expect(await p90()).toBe(60_830);
  });
  it('onet: a truncated file is refused', async () => {
    await expectFault('onet', ONET_OCCUPATIONS, (res) => faults['a truncated file'](res, onetOccupations), /Occupation Data.txt: truncated at line \d+/);
  });
  it('oews and onet: a file cut at a line break (complete rows, most of them missing) is refused (by the shrink guard, or by its rejected rows)', async () => {
    await expectFault('oews', OEWS, (res) => faults['a file cut at a line break'](res, oewsCsv), /source "oews": this run would remove \d+ of its 962 facts/);
    await expectFault(
      'onet',
      ONET_OCCUPATIONS,
      (res) => faults['a file cut at a line break'](res, onetOccupations),
      // The other files then name occupations that are gone: their rows are rejected, and the run with them.
      /\d+ of \d+ records rejected \(more than 5%\); nothing was written/,
    );
  });
  it('oews and onet: renamed columns are refused, naming the missing column', async () => {
    await expectFault(
      'oews',
      OEWS,
      (res) => {
        res.writeHead(200).end(oewsCsv.replace('A_MEDIAN', 'MEDIAN_ANNUAL'));
      },
      /missing column\(s\) "A_MEDIAN"/,
    );
    await expectFault(
      'onet',
      ONET_OCCUPATIONS,
      (res) => {
        res.writeHead(200).end(onetOccupations.replace('Title', 'Occupation Title'));
      },
      /missing column\(s\) "Title"/,
    );
  });
  it('oews: a zip bomb fails the run before it inflates past its declared size, and one declaring more than the limit before inflating at all', async () => {
    // 200 MiB of zeros, 200 KB compressed, declared as 1,000 bytes: inflating it whole would take most of a 384 MB worker.
    const bomb = zipDeclaring('national_M2021_dl.csv', Buffer.alloc(200 * 2 ** 20), 1_000);
    expect(bomb.length).toBeLessThan(300_000);
    await expectFault(
      'oews',
      OEWS,
      (res) => {
        res.writeHead(200).end(bomb);
      },
      /national_M2021_dl\.csv: inflates past its declared 1000 bytes \(a zip bomb or a damaged archive\)/,
    );
    const huge = zipDeclaring('national_M2021_dl.csv', Buffer.from(oewsCsv), DEFAULT_MAX_ENTRY_BYTES + 1);
    await expectFault(
      'oews',
      OEWS,
      (res) => {
        res.writeHead(200).end(huge);
      },
      /national_M2021_dl\.csv: declares \d+ bytes, more than the 67108864-byte limit/,
    );
  });

  it('a body within the size limit that would not fit a worker once read fails the run before it is parsed', async () => {
    // 4 MB of commas is 4 million empty cells; 64 MiB (the body limit) would be 67 million, past a 384 MB heap.
    await expectFault(
      'oews',
      OEWS,
      (res) => {
        res.writeHead(200).end(','.repeat(4_000_001));
      },
      /more than 4000000 cells \(delimiters and line breaks\)/,
    );
    await expectFault(
      'onet',
      ONET_OCCUPATIONS,
      (res) => {
        res.writeHead(200).end('x\n'.repeat(4_000_001));
      },
      /more than 4000000 cells/,
    );
    // 300 KB of <a> is 100,000 DOM nodes, 80 MB; 1 MiB took 275 MB.
    await expectFault(
      'site',
      PAGE,
      (res) => {
        res.writeHead(200, { 'content-type': 'text/html' }).end('<a>'.repeat(100_001));
      },
      /compare-table\.html: more than 100000 tags: refused as damaged or hostile/,
    );
  });

  it('site: a robots.txt that disallows the page fails the run', async () => {
    await expectFault(
      'site',
      '/robots.txt',
      (res) => {
        res.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: *\nDisallow: /fixtures/\n');
      },
      /disallowed by robots.txt \(Disallow: \/fixtures\//,
    );
  });

  it('oews: a shrunken file (complete, but half the occupations) is refused; --allow-shrink applies it', async () => {
    let kept = 0;
    const shrunk = oewsCsv
      .split('\n')
      .filter((l) => !l.includes(',detailed,') || kept++ % 2 === 0)
      .join('\n');
    await expectFault(
      'oews',
      OEWS,
      (res) => {
        res.writeHead(200).end(shrunk);
      },
      /source "oews": this run would remove \d+ of its \d+ facts \(\d+(\.\d)? %\), more than its limit of 20 % .*nothing was changed.*careerlens sources run oews --allow-shrink/,
    );
    serve(OEWS, (res) => {
      res.writeHead(200).end(shrunk);
    });
    try {
      const allowed = await runIngest(h.deps, { sourceId: 'oews', trigger: 'manual', final: true, allowShrink: true });
      expect(allowed.status).toBe('succeeded');
      expect(allowed.stats.removed).toBeGreaterThan(300);
    } finally {
      h.server.override(null);
    }
    // The publisher's full file again: the occupations come back (growth is never limited).
    const back = await h.run('oews');
    expect(back.stats.removed).toBe(0);
    expect(back.stats.inserted).toBeGreaterThan(300);
  });

  it('a source option maxShrinkRatio raises the limit for that source', async () => {
    let kept = 0;
    const shrunk = oewsCsv
      .split('\n')
      .filter((l) => !l.includes(',detailed,') || kept++ % 4 !== 0)
      .join('\n');
    await expectFault(
      'oews',
      OEWS,
      (res) => {
        res.writeHead(200).end(shrunk);
      },
      /limit of 20 %/,
    );
    await h.define({ id: 'oews', kind: 'oews-wages', url: `${h.server.url}${OEWS}`, options: { maxShrinkRatio: 0.3 } });
    serve(OEWS, (res) => {
      res.writeHead(200).end(shrunk);
    });
    try {
      const out = await h.run('oews');
      expect(out.status).toBe('succeeded');
      expect(out.stats.removed).toBeGreaterThan(150);
    } finally {
      h.server.override(null);
      await h.define({ id: 'oews', kind: 'oews-wages', url: `${h.server.url}${OEWS}` });
    }
  });
});
