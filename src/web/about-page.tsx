import type { Child } from 'hono/jsx';
import { Layout } from './layout.js';
import type { Attribution } from '../core/attribution.js';

export interface AboutSource {
  id: string;
  kind: string;
  attribution: Attribution;
  /** live: read from its publisher; snapshot: from the bundled snapshot; none: no data yet. */
  servedFrom: 'live' | 'snapshot' | 'none';
  release: string | null;
  retrievedAt: string | null;
  /** The licence text shipped with the bundled copy (snapshot/licences/…), when there is one. */
  licenceFile: string | null;
}

/** /about/data: every source, its licence, release, retrieval date, live or snapshot, and its citation. */
export function AboutDataPage(props: { sources: AboutSource[] }): Child {
  return (
    <Layout title="About the data">
      <h1>About the data</h1>
      <p>
        Every figure on CareerLens names its source and period. These are the sources, under the licences their publishers give. Sources marked{' '}
        <em>bundled snapshot</em> are served from the copy shipped with CareerLens until their publisher is reached; a live run then replaces them.
      </p>
      <table class="about-data">
        <thead>
          <tr>
            <th scope="col">Source</th>
            <th scope="col">Licence</th>
            <th scope="col">Release</th>
            <th scope="col">Retrieved</th>
            <th scope="col">Data</th>
            <th scope="col">Citation</th>
          </tr>
        </thead>
        <tbody>
          {props.sources.map((s) => (
            <tr id={`data-${s.id}`} data-served={s.servedFrom}>
              <th scope="row">
                {s.attribution.dataset}
                <div class="muted">
                  {s.attribution.publisher} · {s.id} ({s.kind})
                </div>
              </th>
              <td>
                {s.attribution.licence.url ? (
                  <a href={s.attribution.licence.url} rel="license">
                    {s.attribution.licence.name}
                  </a>
                ) : (
                  s.attribution.licence.name
                )}
                {s.licenceFile ? <div class="muted">licence text: {s.licenceFile}</div> : null}
              </td>
              <td>{s.release ?? '—'}</td>
              <td>{s.retrievedAt ?? 'not yet'}</td>
              <td>
                {s.servedFrom === 'snapshot' ? (
                  <span class="badge snapshot">bundled snapshot</span>
                ) : s.servedFrom === 'live' ? (
                  <span class="badge fresh">live</span>
                ) : (
                  <span class="badge">no data yet</span>
                )}
              </td>
              <td>{s.attribution.citation}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Layout>
  );
}
