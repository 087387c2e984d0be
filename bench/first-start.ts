/**
 * Time to first comparison (issue 14): `careerlens start` on an empty data folder, with OFFLINE
 * set (the machine reaches no publisher), until /compare/software-developers-vs-data-scientists
 * serves the computed comparison. Stages are read from the console's progress lines. One round:
 * a cold start is what is measured, and it takes a minute or more on a shared machine.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from '../test/helpers/process.js';
import type { Figure } from './workers.js';

/** The aim for a first comparison on this machine. */
const AIM_SECONDS = 90;
const PAGE = '/compare/software-developers-vs-data-scientists';

export async function benchFirstStart(): Promise<Figure[]> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'careerlens-bench-start-'));
  const port = await freePort();
  const env = {
    ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(DATABASE_URL|REDIS_URL|SOURCES_FILE|QUEUE_PREFIX)$/.test(k))),
    DATA_DIR: dataDir,
    PORT: String(port),
    EMBEDDED_PG_PORT: String(await freePort()),
    OFFLINE: 'true',
    LOG_LEVEL: 'warn',
  };
  const started = Date.now();
  const child = spawn(process.execPath, ['bin/careerlens.js', 'start'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const stages = new Map<string, number>();
  let out = '';
  child.stdout.on('data', (d: Buffer) => {
    out += d;
    for (const line of d.toString().split('\n')) {
      const at = (Date.now() - started) / 1000;
      if (line.startsWith('CareerLens is up') && !stages.has('up')) stages.set('up', at);
      const m = /careers ([\d,]+) · metrics ([\d,]+) · pairs ([\d,]+)/.exec(line);
      if (m && m[1] !== '0' && !stages.has('careers')) stages.set('careers', at);
      if (m && m[2] !== '0' && !stages.has('metrics')) stages.set('metrics', at);
      if (m && m[3] !== '0' && !stages.has('pairs')) stages.set('pairs', at);
    }
  });
  child.stderr.on('data', (d: Buffer) => {
    out += d;
  });
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`careerlens exited with ${child.exitCode}:\n${out.slice(-3000)}`);
      if ((Date.now() - started) / 1000 > 600) throw new Error(`no comparison after 600 s:\n${out.slice(-3000)}`);
      const res = await fetch(`http://127.0.0.1:${port}${PAGE}`).catch(() => null);
      const body = res?.status === 200 ? await res.text() : '';
      if (body && !body.includes('being computed')) break;
      await new Promise((r) => setTimeout(r, 500));
    }
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    rmSync(dataDir, { recursive: true, force: true });
  }
  const total = (Date.now() - started) / 1000;
  const s = (v: number | undefined) => (v === undefined ? '—' : `${v.toFixed(1)} s`);
  return [
    { name: 'server up (embedded PostgreSQL, migrations)', value: s(stages.get('up')), target: '—', pass: null },
    { name: 'first careers (O*NET from the snapshot)', value: s(stages.get('careers')), target: '—', pass: null },
    { name: 'first metrics', value: s(stages.get('metrics')), target: '—', pass: null },
    { name: 'first pairs', value: s(stages.get('pairs')), target: '—', pass: null },
    {
      name: `time to first comparison (${PAGE})`,
      value: `${total.toFixed(1)} s (${(total / AIM_SECONDS).toFixed(2)}× the aim)`,
      target: `≤ ${AIM_SECONDS} s`,
      pass: total <= AIM_SECONDS,
    },
  ];
}
