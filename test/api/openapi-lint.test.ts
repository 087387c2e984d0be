/**
 * The served OpenAPI document passes Redocly's recommended rules with no errors and no warnings.
 * Runs the pinned CLI (devDependency) as its own process on a temp file, offline: telemetry and
 * the update check are off, and the document is built by the same function /openapi.json serves,
 * so every route of the v1 router is linted, including ones added later.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createV1 } from '../../src/api/app.js';
import { buildOpenApiDocument } from '../../src/api/openapi.js';

interface LintReport {
  totals: { errors: number; warnings: number };
  problems: { ruleId: string; message: string }[];
}

const dir = mkdtempSync(path.join(tmpdir(), 'careerlens-openapi-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Lints a document with `redocly lint --extends=recommended` and returns its JSON report. */
async function lint(name: string, doc: unknown): Promise<LintReport> {
  const file = path.join(dir, name);
  writeFileSync(file, JSON.stringify(doc));
  const cli = path.resolve('node_modules/@redocly/cli/bin/cli.js');
  const child = spawn(process.execPath, [cli, 'lint', file, '--extends=recommended', '--format=json'], {
    env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => {
    out += d;
  });
  child.stderr.on('data', (d) => {
    err += d;
  });
  await new Promise((resolve) => child.on('exit', resolve));
  const json = out.slice(out.indexOf('{'));
  expect(json, `redocly printed no report:\n${err}`).not.toBe('');
  return JSON.parse(json) as LintReport;
}

describe('OpenAPI document lint', () => {
  const doc = buildOpenApiDocument(createV1());

  it('has no errors and no warnings under the recommended rules', async () => {
    const report = await lint('openapi.json', doc);
    expect(report.problems.map((p) => `${p.ruleId}: ${p.message}`)).toEqual([]);
    expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
  });

  it('would report an operation without an operationId and an undeclared security scheme', async () => {
    const [firstPath, item] = Object.entries(doc.paths)[0]!;
    const { operationId: _dropped, ...op } = (item as { get: Record<string, unknown> }).get;
    const broken = { ...doc, paths: { ...doc.paths, [firstPath]: { get: op } }, security: [{ undeclared: [] }] };
    const report = await lint('broken.json', broken);
    expect(report.problems.map((p) => p.ruleId)).toEqual(expect.arrayContaining(['operation-operationId', 'security-defined']));
    expect(report.totals.errors).toBeGreaterThan(0);
  });
});
