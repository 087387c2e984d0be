import type { Child } from 'hono/jsx';
import { Layout } from './layout.js';
import { CareerInput } from './widgets.js';
import type { FillStatus } from '../db/queries/fill.js';

export interface OverviewProps {
  q: string;
  results: { slug: string; title: string; category: string; matched: string }[];
  total: number;
  freshness: { sources: { id: string; kind: string; lastSuccessAt: string | null }[]; metricsAt: string | null; pairsAt: string | null; careers: number };
  mostCompared: { a: string; aTitle: string; b: string; bTitle: string; count: number }[];
  fill: FillStatus;
}

const n = (v: number) => v.toLocaleString('en-US');

/** While the data is filling: which stage it is at, instead of an empty page. */
function Filling(props: { fill: FillStatus }): Child {
  const f = props.fill;
  const from = f.activeSnapshotRuns > 0 || f.snapshotSources > 0 ? 'Filling from the bundled snapshot…' : 'Filling from the sources…';
  return (
    <section class="filling" role="status" aria-live="polite" data-filling="true">
      <p>
        <strong>{from}</strong> {f.activeRuns > 0 ? `${f.activeRuns} source runs under way · ` : ''}careers {n(f.careers)} · metrics {n(f.metrics)} /{' '}
        {n(f.careers)} · pairs {n(f.pairs)} / {n(f.pairsExpected)}
      </p>
      <progress max={Math.max(1, f.pairsExpected)} value={f.pairs}>
        {n(f.pairs)} of {n(f.pairsExpected)} pairs
      </progress>
      <p class="muted">
        Reload to follow; every figure names its source (<a href="/about/data">about the data</a>).
      </p>
    </section>
  );
}

/** Overview: search with suggestions, data freshness, most compared pairs. */
export function OverviewPage(p: OverviewProps): Child {
  return (
    <Layout title="Overview">
      <h1>CareerLens</h1>
      {p.fill.filling ? <Filling fill={p.fill} /> : null}
      <p>
        {p.freshness.careers} careers, every pair compared, each figure with its source (<a href="/about/data">about the data</a>).
      </p>
      {/* biome-ignore lint/a11y/useSemanticElements: a form with role=search is a landmark in every browser; the <search> element has no implicit role in browsers before 2023 */}
      <form class="picker" method="get" action="/" role="search" aria-label="Career search">
        <CareerInput id="q" name="q" label="Search careers" value={p.q} />
        <button type="submit">Search</button>
      </form>
      {p.q ? (
        <section aria-labelledby="results-h">
          <h2 id="results-h">
            {p.total} {p.total === 1 ? 'result' : 'results'} for “{p.q}”
          </h2>
          <ul class="results">
            {p.results.map((r) => (
              <li>
                <a href={`/careers/${r.slug}`}>{r.title}</a>{' '}
                <small class="cat">
                  {r.category}
                  {r.matched !== r.title ? ` · matched “${r.matched}”` : ''}
                </small>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="fresh-h">
        <h2 id="fresh-h">Freshness</h2>
        <table>
          <thead>
            <tr>
              <th scope="col">Source</th>
              <th scope="col">Kind</th>
              <th scope="col">Last successful run</th>
            </tr>
          </thead>
          <tbody>
            {p.freshness.sources.map((s) => (
              <tr>
                <td>{s.id}</td>
                <td>{s.kind}</td>
                <td>{s.lastSuccessAt ?? 'never'}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p class="asof">
          Metrics last computed {p.freshness.metricsAt ?? 'never'}; comparisons last changed {p.freshness.pairsAt ?? 'never'}.
        </p>
      </section>
      <section aria-labelledby="most-h">
        <h2 id="most-h">Most compared</h2>
        {p.mostCompared.length ? (
          <ol>
            {p.mostCompared.map((m) => (
              <li>
                <a href={`/compare/${m.a}-vs-${m.b}`}>
                  {m.aTitle} vs {m.bTitle}
                </a>{' '}
                <small class="cat">{m.count} views</small>
              </li>
            ))}
          </ol>
        ) : (
          <p class="muted">No comparisons viewed yet.</p>
        )}
      </section>
    </Layout>
  );
}
