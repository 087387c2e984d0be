import type { Child } from 'hono/jsx';
import { Layout } from './layout.js';
import { CareerInput } from './widgets.js';

export interface OverviewProps {
  q: string;
  results: { slug: string; title: string; category: string; matched: string }[];
  total: number;
  freshness: { sources: { id: string; kind: string; lastSuccessAt: string | null }[]; metricsAt: string | null; pairsAt: string | null; careers: number };
  mostCompared: { a: string; aTitle: string; b: string; bTitle: string; count: number }[];
}

/** Overview: search with suggestions, data freshness, most compared pairs. */
export function OverviewPage(p: OverviewProps): Child {
  return (
    <Layout title="Overview">
      <h1>CareerLens</h1>
      <p>{p.freshness.careers} careers, every pair compared, each figure with its source.</p>
      <form class="picker" method="get" action="/" role="search" aria-label="Career search">
        <CareerInput id="q" name="q" label="Search careers" value={p.q} />
        <button type="submit">Search</button>
      </form>
      {p.q ? (
        <section aria-labelledby="results-h">
          <h2 id="results-h">{p.total} {p.total === 1 ? 'result' : 'results'} for “{p.q}”</h2>
          <ul class="results">{p.results.map((r) => (
            <li><a href={`/careers/${r.slug}`}>{r.title}</a> <small class="cat">{r.category}{r.matched !== r.title ? ` · matched “${r.matched}”` : ''}</small></li>
          ))}</ul>
        </section>
      ) : null}
      <section aria-labelledby="fresh-h">
        <h2 id="fresh-h">Freshness</h2>
        <table>
          <thead><tr><th scope="col">Source</th><th scope="col">Kind</th><th scope="col">Last successful run</th></tr></thead>
          <tbody>{p.freshness.sources.map((s) => <tr><td>{s.id}</td><td>{s.kind}</td><td>{s.lastSuccessAt ?? 'never'}</td></tr>)}</tbody>
        </table>
        <p class="asof">Metrics last computed {p.freshness.metricsAt ?? 'never'}; comparisons last changed {p.freshness.pairsAt ?? 'never'}.</p>
      </section>
      <section aria-labelledby="most-h">
        <h2 id="most-h">Most compared</h2>
        {p.mostCompared.length ? (
          <ol>{p.mostCompared.map((m) => <li><a href={`/compare/${m.a}-vs-${m.b}`}>{m.aTitle} vs {m.bTitle}</a> <small class="cat">{m.count} views</small></li>)}</ol>
        ) : <p class="muted">No comparisons viewed yet.</p>}
      </section>
    </Layout>
  );
}
