import type { Child } from 'hono/jsx';
import { Layout } from './layout.js';
import type { SourceStatus, RunSummary } from '../ops/sources.js';
import type { RunDetail } from '../ops/runs.js';
import type { DeadJob } from '../ops/jobs.js';
import type { AlertRow } from '../db/queries/alerts.js';
import { runStatuses, type Schedule } from '../db/schema/sources.js';

export const scheduleText = (s: Schedule) => ('cron' in s ? `${s.cron} (${s.tz})` : `every ${Math.round(s.everyMs / 1000)} s`);
const when = (iso: string | null) => (iso ? iso.replace('T', ' ').replace(/\.\d+Z$/, 'Z') : '—');

/** The console shell: the dashboard layout plus the console's stylesheet and live script. */
export function OpsPage(props: { title: string; operator?: string; csrf?: string; children: Child }) {
  return (
    <Layout title={props.title}>
      <link rel="stylesheet" href="/ops/assets/ops.css" />
      {props.operator && (
        <p class="muted">
          Signed in as <strong>{props.operator}</strong> · <a href="/ops">Sources</a> · <a href="/ops/runs">Runs</a> · <a href="/ops/titles">Titles</a> ·{' '}
          <a href="/ops/queues">Queue board</a>
          <Post action="/ops/signout" csrf={props.csrf} label="Sign out" />
        </p>
      )}
      {props.children}
      <script src="/ops/assets/live.js" defer></script>
    </Layout>
  );
}

/** A one-button POST form carrying the session's CSRF token. */
export function Post(props: { action: string; csrf?: string; label: string; children?: Child }) {
  return (
    <form method="post" action={props.action} class="inline">
      <input type="hidden" name="_csrf" value={props.csrf ?? ''} />
      {props.children}
      <button type="submit">{props.label}</button>
    </form>
  );
}

export function SignInPage(props: { error?: string }) {
  return (
    <OpsPage title="Operator sign-in">
      <h1>Operator sign-in</h1>
      {props.error && (
        <p class="notice bad" role="alert">
          {props.error}
        </p>
      )}
      <form method="post" action="/ops/signin">
        <label>
          Operator API key <input type="password" name="key" autocomplete="off" required size={60} />
        </label>{' '}
        <button type="submit">Sign in</button>
      </form>
      <p class="muted">
        Create a key with <code>careerlens keys create --role operator</code>.
      </p>
    </OpsPage>
  );
}

export function RunStatus(props: { run: Pick<RunSummary, 'id' | 'status' | 'error'> }) {
  return (
    <span data-run={String(props.run.id)} data-status={props.run.status}>
      <a href={`/ops/runs/${props.run.id}`}>#{props.run.id}</a>{' '}
      <span data-field="status" class={`badge status-${props.run.status}`}>
        {props.run.status}
      </span>{' '}
      <span data-field="progress" class="muted"></span>
      <div data-field="error" class="err">
        {props.run.error ?? ''}
      </div>
    </span>
  );
}

function SourceRow(props: { s: SourceStatus; csrf: string }) {
  const { s, csrf } = props;
  const base = `/ops/sources/${encodeURIComponent(s.id)}`;
  const cron = 'cron' in s.schedule ? s.schedule : undefined;
  return (
    <tr id={`source-${s.id}`}>
      <th scope="row">
        {s.id}
        <div class="muted">{s.kind}</div>
      </th>
      <td>
        {s.delistedAt ? (
          <>
            <span class="badge delisted" data-state="delisted">
              delisted
            </span>
            <div class="muted">since {when(s.delistedAt)}; data kept</div>
          </>
        ) : s.enabled ? (
          'enabled'
        ) : (
          <span class="badge">paused</span>
        )}
      </td>
      <td>
        {scheduleText(s.schedule)}
        <div class="muted">set by {s.scheduleSetBy}</div>
      </td>
      <td>
        {s.lastRun ? <RunStatus run={s.lastRun} /> : 'never run'}
        {s.activeRun && (
          <div>
            now: <RunStatus run={s.activeRun} />
            <Post action={`/ops/runs/${s.activeRun.id}/cancel`} csrf={csrf} label="Cancel" />
          </div>
        )}
      </td>
      <td>{when(s.nextRunAt)}</td>
      <td>
        <span class={`badge ${s.freshness.state}`} data-freshness={s.freshness.state}>
          {s.freshness.state}
        </span>
        <div class="muted">last success {when(s.freshness.lastSuccessAt)}</div>
        {s.snapshot ? (
          <div>
            <span class="badge snapshot" data-served="snapshot">
              bundled snapshot
            </span>
            <div class="muted">
              {s.snapshot.release}, retrieved {s.snapshot.retrievedAt}; replaced by the next live run
            </div>
          </div>
        ) : null}
      </td>
      <td>
        <Post action={`${base}/run`} csrf={csrf} label="Run now" />
        {s.enabled ? <Post action={`${base}/pause`} csrf={csrf} label="Pause" /> : <Post action={`${base}/resume`} csrf={csrf} label="Resume" />}
        <Post action={`${base}/schedule`} csrf={csrf} label="Set schedule">
          <input name="cron" value={cron?.cron ?? ''} placeholder="cron" aria-label={`cron for ${s.id}`} />
          <input name="tz" value={cron?.tz ?? 'UTC'} aria-label={`time zone for ${s.id}`} size={8} />
        </Post>
      </td>
    </tr>
  );
}

export function RunsTable(props: { runs: (RunSummary & { sourceId: string })[] }) {
  return (
    <table>
      <thead>
        <tr>
          <th>Run</th>
          <th>Source</th>
          <th>Trigger</th>
          <th>Queued</th>
          <th>Finished</th>
          <th>Changed careers</th>
        </tr>
      </thead>
      <tbody>
        {props.runs.map((r) => (
          <tr>
            <td>
              <RunStatus run={r} />
            </td>
            <td>{r.sourceId}</td>
            <td>{r.trigger}</td>
            <td>{when(r.queuedAt)}</td>
            <td>{when(r.finishedAt)}</td>
            <td>{r.stats.changedCareers ?? ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function ConsolePage(props: {
  operator: string;
  csrf: string;
  sources: SourceStatus[];
  runs: (RunSummary & { sourceId: string })[];
  alerts: AlertRow[];
  deadJobs: DeadJob[];
  notice?: string;
  error?: string;
}) {
  const stale = props.sources.filter((s) => s.freshness.state === 'stale').length;
  return (
    <OpsPage title="Operations" operator={props.operator} csrf={props.csrf}>
      <h1>Operations</h1>
      {props.notice && (
        <p class="notice" role="status">
          {props.notice}
        </p>
      )}
      {props.error && (
        <p class="notice bad" role="alert">
          {props.error}
        </p>
      )}
      <p>
        {props.sources.length} sources, <span class={stale ? 'badge stale' : 'badge fresh'}>{stale} stale</span>.
      </p>
      <section>
        <h2>Sources</h2>
        <table id="sources">
          <thead>
            <tr>
              <th>Source</th>
              <th>State</th>
              <th>Schedule</th>
              <th>Last run</th>
              <th>Next run</th>
              <th>Freshness</th>
              <th>Actions</th>
            </tr>
          </thead>
          <tbody>
            {props.sources.map((s) => (
              <SourceRow s={s} csrf={props.csrf} />
            ))}
          </tbody>
        </table>
        <p>
          <Post action="/ops/recompute" csrf={props.csrf} label="Recompute every career and pair" />
        </p>
      </section>
      <section id="alerts">
        <h2>Alerts</h2>
        {props.alerts.length === 0 ? (
          <p class="muted">No alerts.</p>
        ) : (
          <ul>
            {props.alerts.map((a) => (
              <li class={a.resolvedAt ? 'muted' : 'err'}>
                {when(a.raisedAt.toISOString())} · {a.kind} · {a.message}
                {a.resolvedAt ? ` (resolved ${when(a.resolvedAt.toISOString())})` : ''}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section>
        <h2>Recent runs</h2>
        <RunsTable runs={props.runs} />
        <p>
          <a href="/ops/runs">All runs</a>
        </p>
      </section>
      <section id="dead-jobs">
        <h2>Failed jobs</h2>
        {props.deadJobs.length === 0 ? (
          <p class="muted">No failed jobs.</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th>Queue</th>
                <th>Job</th>
                <th>Attempts</th>
                <th>Failed</th>
                <th>Reason</th>
                <th></th>
              </tr>
            </thead>
            <tbody>
              {props.deadJobs.map((j) => (
                <tr>
                  <td>{j.queue}</td>
                  <td>
                    {j.name} {j.id}
                  </td>
                  <td>{j.attemptsMade}</td>
                  <td>{when(j.finishedAt)}</td>
                  <td class="err">{j.failedReason}</td>
                  <td>
                    <Post action={`/ops/jobs/${j.queue}/${encodeURIComponent(j.id)}/retry`} csrf={props.csrf} label="Retry job" />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </OpsPage>
  );
}

export function RunHistoryPage(props: {
  operator: string;
  csrf: string;
  runs: (RunSummary & { sourceId: string })[];
  next?: string;
  filter: { source?: string; status?: string };
}) {
  return (
    <OpsPage title="Runs" operator={props.operator} csrf={props.csrf}>
      <h1>
        Runs{props.filter.source ? ` of ${props.filter.source}` : ''}
        {props.filter.status ? ` (${props.filter.status})` : ''}
      </h1>
      <form method="get" action="/ops/runs">
        <input name="source" value={props.filter.source ?? ''} placeholder="source" aria-label="source" />{' '}
        <select name="status" aria-label="status">
          {['', ...runStatuses].map((s) => (
            <option value={s} selected={s === (props.filter.status ?? '')}>
              {s || 'any status'}
            </option>
          ))}
        </select>{' '}
        <button type="submit">Filter</button>
      </form>
      <RunsTable runs={props.runs} />
      {props.next && (
        <p>
          <a href={props.next}>Older runs</a>
        </p>
      )}
    </OpsPage>
  );
}

export function RunDetailPage(props: { operator: string; csrf: string; run: RunDetail }) {
  const r = props.run;
  return (
    <OpsPage title={`Run ${r.id}`} operator={props.operator} csrf={props.csrf}>
      <div data-run={String(r.id)} data-status={r.status} id="run">
        <h1>
          Run {r.id} of <a href={`/ops/runs?source=${encodeURIComponent(r.sourceId)}`}>{r.sourceId}</a>{' '}
          <span data-field="status" class={`badge status-${r.status}`}>
            {r.status}
          </span>
        </h1>
        <p class="muted">
          trigger {r.trigger} · queued {when(r.queuedAt)} · started {when(r.startedAt)} · finished {when(r.finishedAt)}
        </p>
        <p data-field="progress">{r.progress ? `${r.progress.percent ?? 0}% ${r.progress.message ?? ''}` : ''}</p>
        <h2>Stats</h2>
        <dl class="stats" data-field="stats">
          {Object.entries(r.stats).map(([k, v]) => (
            <>
              <dt>{k}</dt>
              <dd>{String(v)}</dd>
            </>
          ))}
        </dl>
        <h2>Error</h2>
        <div class="err" data-field="error">
          {r.error ?? ''}
        </div>
      </div>
      {r.status === 'failed' && (
        <p>
          <Post action={`/ops/runs/${r.id}/retry`} csrf={props.csrf} label="Retry run" />
        </p>
      )}
      {(r.status === 'queued' || r.status === 'running') && (
        <p>
          <Post action={`/ops/runs/${r.id}/cancel`} csrf={props.csrf} label="Cancel run" />
        </p>
      )}
      <h2>Rejected rows</h2>
      {r.rejects.length === 0 ? (
        <p class="muted">None.</p>
      ) : (
        <table id="rejects">
          <thead>
            <tr>
              <th>File</th>
              <th>Line</th>
              <th>Reason</th>
            </tr>
          </thead>
          <tbody>
            {r.rejects.map((x) => (
              <tr>
                <td>{x.file ?? ''}</td>
                <td>{x.line ?? ''}</td>
                <td>{x.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </OpsPage>
  );
}

export function BoardUnavailablePage(props: { operator: string; csrf: string; reason: string; backend: string }) {
  return (
    <OpsPage title="Queue board" operator={props.operator} csrf={props.csrf}>
      <h1>Queue board unavailable</h1>
      <p>
        The BullMQ queue board could not run on the {props.backend} queue backend: {props.reason}
      </p>
      <p>
        Failed jobs are listed, and can be retried, on the <a href="/ops#dead-jobs">console</a>; per-queue counts are in <a href="/metrics">/metrics</a>.
      </p>
    </OpsPage>
  );
}
