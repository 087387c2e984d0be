import { OpsPage, Post } from './ops-pages.js';
import type { TitlePin } from '../ops/title-pins.js';
import type { UnmatchedTitleRow } from '../db/queries/title-pins.js';

/**
 * `/ops/titles`: the titles no career took at the sources' last runs, with their candidates and a
 * pin form each, and the pins in force with an unpin button. Pins apply at once: the sources that
 * match titles are queued to run again.
 */
export function TitlesPage(props: { operator: string; csrf: string; pins: TitlePin[]; unmatched: UnmatchedTitleRow[]; notice?: string; error?: string }) {
  return (
    <OpsPage title="Job titles" operator={props.operator} csrf={props.csrf}>
      <h1>Job titles</h1>
      {props.notice && (
        <p class="notice ok" role="status">
          {props.notice}
        </p>
      )}
      {props.error && (
        <p class="notice bad" role="alert">
          {props.error}
        </p>
      )}
      <h2>Pin a title</h2>
      <form method="post" action="/ops/titles/pin">
        <input type="hidden" name="_csrf" value={props.csrf} />
        <label>
          Title <input name="title" required maxlength={200} size={40} />
        </label>{' '}
        <label>
          Career (slug or O*NET-SOC code) <input name="career" required maxlength={200} size={30} />
        </label>{' '}
        <button type="submit">Pin</button>
      </form>
      <h2>Pins ({props.pins.length})</h2>
      <table id="pins">
        <thead>
          <tr>
            <th>Title</th>
            <th>Career</th>
            <th>Pinned by</th>
            <th>At</th>
            <th></th>
          </tr>
        </thead>
        <tbody>
          {props.pins.map((p) => (
            <tr data-pin={p.normalized}>
              <td>{p.title}</td>
              <td>
                <a href={`/careers/${p.career.slug}`}>{p.career.title}</a>
              </td>
              <td>{p.pinnedBy}</td>
              <td>{p.updatedAt.slice(0, 19).replace('T', ' ')}</td>
              <td>
                <Post action="/ops/titles/unpin" csrf={props.csrf} label="Unpin">
                  <input type="hidden" name="title" value={p.title} />
                </Post>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>Unmatched titles ({props.unmatched.length})</h2>
      <p class="muted">Titles the last run of each source could not place: ambiguous between careers, or close to none. Pin one to its career.</p>
      <table id="unmatched">
        <thead>
          <tr>
            <th>Source</th>
            <th>Records</th>
            <th>Title</th>
            <th>Pin to</th>
          </tr>
        </thead>
        <tbody>
          {props.unmatched.map((u) => (
            <tr>
              <td>{u.sourceId}</td>
              <td>{u.count}</td>
              <td>{u.title}</td>
              <td>
                {u.candidates.map((c) => (
                  <Post action="/ops/titles/pin" csrf={props.csrf} label={`${c.slug} (${c.confidence})`}>
                    <input type="hidden" name="title" value={u.title} />
                    <input type="hidden" name="career" value={c.slug} />
                  </Post>
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </OpsPage>
  );
}
