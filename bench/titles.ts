/**
 * Title matching (issue 12): accuracy on the labelled titles (test/fixtures/title-eval.csv) and
 * speed. Speed is matches per second over the 430 distinct titles with no cache of titles in
 * front (the matcher remembers its name and field lookups, as in an ingest), each round timed
 * against a baseline in the same process (normalizing the same titles and one map lookup each),
 * medians of 5 interleaved rounds: the ratio says what matching costs beyond reading a title. The
 * first pass (the accuracy evaluation, every lookup new) is printed too.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { normalizeText } from '../src/core/text-normalize.js';
import { evaluateTitles, parseLabelledTitles } from '../src/core/title-eval.js';
import { buildTitleMatcher } from '../src/core/title-match.js';
import { ONET_FILES, onetTitleCareers, parseOnetFiles } from '../src/ingest/sources/onet-database/parse.js';
import { OPTIONAL_ONET_FILES } from '../src/ingest/sources/onet-database/profile.js';
import type { Figure } from './workers.js';

const ROUNDS = 5;
const ROUND_MS = 1000;

function rate(fn: (t: string) => unknown, titles: readonly string[]): number {
  const t0 = performance.now();
  let n = 0;
  while (performance.now() - t0 < ROUND_MS) {
    for (const t of titles) fn(t);
    n += titles.length;
  }
  return n / ((performance.now() - t0) / 1000);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;

export async function benchTitles(): Promise<Figure[]> {
  const dir = path.resolve('../shared/data/onet-29.2');
  const names = [...Object.values(ONET_FILES), OPTIONAL_ONET_FILES.tasks];
  const onet = parseOnetFiles(new Map(names.map((f) => [f, readFileSync(path.join(dir, f), 'utf8')])));
  const t0 = performance.now();
  const matcher = buildTitleMatcher(onetTitleCareers(onet));
  const buildMs = performance.now() - t0;
  const labelled = parseLabelledTitles(readFileSync(path.resolve('test/fixtures/title-eval.csv'), 'utf8'));
  // The evaluation is the first pass: every name, field and term is looked up for the first time.
  const e0 = performance.now();
  const result = evaluateTitles(labelled, (t) => matcher.match(t));
  const firstRate = labelled.length / ((performance.now() - e0) / 1000);
  const titles = labelled.map((l) => l.title);
  const known = new Map(titles.map((t) => [normalizeText(t), t]));
  const baseline = (t: string) => known.get(normalizeText(t));
  rate((t) => matcher.match(t), titles); // warm up
  const speeds: number[] = [];
  const ratios: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const bare = rate(baseline, titles);
    const s = rate((t) => matcher.match(t), titles);
    speeds.push(s);
    ratios.push(bare / s);
  }
  const speed = median(speeds);
  const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
  return [
    { name: `top-1 accuracy (${result.total} labelled titles)`, value: pct(result.top1Accuracy), target: '>= 90 %', pass: result.top1Accuracy >= 0.9 },
    {
      name: 'confident wrong matches',
      value: `${pct(result.confidentWrongRate)} (${result.confidentWrong})`,
      target: '<= 2 %',
      pass: result.confidentWrongRate <= 0.02,
    },
    { name: 'attached and right (answers)', value: pct(result.accuracy), target: '—', pass: null },
    { name: 'matches per second', value: Math.round(speed).toLocaleString('en-US'), target: '>= 20,000', pass: speed >= 20_000 },
    { name: 'cost vs normalize + map lookup', value: `${median(ratios).toFixed(1)}×`, target: '—', pass: null },
    { name: 'first pass (new titles, cold memos)', value: `${Math.round(firstRate).toLocaleString('en-US')}/s`, target: '—', pass: null },
    { name: 'index build (1,016 careers)', value: `${Math.round(buildMs)} ms`, target: '—', pass: null },
  ];
}
