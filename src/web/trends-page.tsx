import type { Child } from 'hono/jsx';
import { Layout } from './layout.js';
import { Chart, CareerInput, type ChartData } from './widgets.js';
import type { PeriodMover } from '../db/queries/series.js';
import type { SeriesSummary } from '../core/series.js';
import { growthText, PERIOD_LABELS } from './period-charts.js';
import { SURVEY_MIN_COUNT } from '../core/metrics/salary.js';

/** Metrics top movers can rank (survey medians have no common periods across careers). */
export const MOVER_METRICS = ['salaryMedian', 'salaryP10', 'salaryP90', 'employment', 'demandScore'] as const;

export interface PeriodChartView {
  id: string;
  title: string;
  data: ChartData;
  csvHref: string;
  summaries: { career: { slug: string; title: string }; summary: SeriesSummary }[];
}

/** A chart by period with each career's growth under it (CAGR where there are two points or more). */
export function PeriodChartBlock(props: PeriodChartView): Child {
  return (
    <div class="period-chart">
      <Chart id={props.id} title={props.title} data={props.data} csvHref={props.csvHref} />
      {props.data.x.length === 0 ? (
        <p class="muted">No data by period yet.</p>
      ) : props.summaries.length === 0 ? null : (
        <ul class="growth" aria-label={`${props.title}: growth`}>
          {props.summaries.map(({ career, summary }) => {
            const text = growthText(summary);
            return (
              <li>
                <strong>{career.title}</strong>
                {summary.series.startsWith('BLS') ? '' : ` (${summary.series})`}:{' '}
                {text ? (
                  <>
                    {text}
                    {summary.cagr !== null ? (
                      <span class="cagr" data-cagr={summary.cagr}>
                        {' '}
                        · CAGR {Math.round(summary.cagr * 1000) / 10} %/yr
                      </span>
                    ) : null}
                  </>
                ) : summary.points === 0 && summary.thinPoints > 0 ? (
                  `no growth to compute: ${summary.thinPoints === 1 ? 'its one year has' : `each of its ${summary.thinPoints} years has`} fewer than ${SURVEY_MIN_COUNT} salaries`
                ) : (
                  `${summary.points} ${summary.points === 1 ? 'point' : 'points'}${summary.from ? ` (${summary.from})` : ''}: no growth to compute`
                )}
                {text && summary.thinPoints > 0
                  ? ` (${summary.thinPoints} ${summary.thinPoints === 1 ? 'year' : 'years'} with fewer than ${SURVEY_MIN_COUNT} salaries left out)`
                  : ''}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}

export interface TrendsPageProps {
  chosen: { slug: string; title: string }[];
  charts: PeriodChartView[];
  movers: PeriodMover[];
  moverMetric: string;
  periods: string[];
  from: string;
  to: string;
  by: 'pct' | 'abs';
  category: string;
  categories: string[];
  moversCsv: string;
}

const fmt = (v: number) => v.toLocaleString('en-US', { maximumFractionDigits: 1 });

/** Chosen careers' figures by the data's periods, and the top movers between two chosen periods. */
export function TrendsPage(p: TrendsPageProps): Child {
  return (
    <Layout title="Trends" charts>
      <h1>Trends</h1>
      <p class="muted">Every figure by the period it describes (BLS OEWS May 2020 … May 2024, survey years), each value with its source.</p>
      <form class="filters" method="get" action="/trends" aria-label="Choose careers and periods">
        {p.chosen.map((c) => (
          <input type="hidden" name="c" value={c.slug} />
        ))}
        <CareerInput id="add-career" name="c" label="Add a career" />
        <span class="field">
          <label for="metric">Movers by</label>
          <select id="metric" name="metric">
            {MOVER_METRICS.map((k) => (
              <option value={k} selected={k === p.moverMetric}>
                {PERIOD_LABELS[k]}
              </option>
            ))}
          </select>
        </span>
        <span class="field">
          <label for="from">From period</label>
          <select id="from" name="from">
            {p.periods.map((x) => (
              <option value={x} selected={x === p.from}>
                {x}
              </option>
            ))}
          </select>
        </span>
        <span class="field">
          <label for="to">To period</label>
          <select id="to" name="to">
            {p.periods.map((x) => (
              <option value={x} selected={x === p.to}>
                {x}
              </option>
            ))}
          </select>
        </span>
        <span class="field">
          <label for="by">Rank by</label>
          <select id="by" name="by">
            <option value="pct" selected={p.by === 'pct'}>
              % change
            </option>
            <option value="abs" selected={p.by === 'abs'}>
              absolute change
            </option>
          </select>
        </span>
        <span class="field">
          <label for="category">Category</label>
          <select id="category" name="category">
            <option value="">All categories</option>
            {p.categories.map((c) => (
              <option value={c} selected={c === p.category}>
                {c}
              </option>
            ))}
          </select>
        </span>
        <button type="submit">Update</button>
      </form>
      <p>
        Careers shown:{' '}
        {p.chosen.length
          ? p.chosen.map((c, i) => (
              <span>
                {i ? ', ' : ''}
                <a href={`/careers/${c.slug}`}>{c.title}</a>
              </span>
            ))
          : 'none yet: add one above.'}
      </p>
      {p.charts.map((ch) => (
        <PeriodChartBlock {...ch} />
      ))}
      <h2 id="movers-heading">
        Top movers: {PERIOD_LABELS[p.moverMetric as keyof typeof PERIOD_LABELS]}, {p.from} → {p.to}
        {p.category ? `, ${p.category}` : ''}
      </h2>
      <p class="muted">
        Ranked by {p.by === 'pct' ? '% change' : 'absolute change'}; top-coded values (a bound, not a figure) are left out; † marks a May 2020 hybrid-code
        figure (a wider group).{' '}
        <a href={p.moversCsv} download>
          Download CSV
        </a>
      </p>
      {p.movers.length ? (
        <table id="movers" aria-labelledby="movers-heading">
          <thead>
            <tr>
              <th scope="col">Career</th>
              <th scope="col">Category</th>
              <th scope="col">{p.from}</th>
              <th scope="col">{p.to}</th>
              <th scope="col">Change</th>
              <th scope="col">% change</th>
              <th scope="col">Source</th>
            </tr>
          </thead>
          <tbody>
            {p.movers.map((m) => (
              <tr>
                <td>
                  <a href={`/careers/${m.slug}`}>{m.title}</a>
                  {m.mapped ? ' †' : ''}
                </td>
                <td>{m.category}</td>
                <td>{fmt(m.from)}</td>
                <td>{fmt(m.to)}</td>
                <td>
                  {m.change > 0 ? '+' : ''}
                  {fmt(m.change)}
                </td>
                <td>{m.changePct === null ? '—' : `${m.changePct > 0 ? '+' : ''}${m.changePct} %`}</td>
                <td>{m.source}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p class="muted">No career has values at both periods{p.category ? ' in this category' : ''}.</p>
      )}
    </Layout>
  );
}
