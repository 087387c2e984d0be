import type { Child } from 'hono/jsx';
import { Layout } from './layout.js';
import { Chart, CareerInput, type ChartData } from './widgets.js';
import type { Mover } from '../db/queries/trends.js';

export const TREND_LABELS: Record<string, string> = {
  salaryMedian: 'Median salary (USD/yr)', salaryMin: 'Salary low end (USD/yr)', salaryMax: 'Salary high end (USD/yr)',
  demandScore: 'Demand score (0–10)', aiReplacementRisk: 'AI replacement risk (%)', learningCurveMonths: 'Learning curve (months)',
};

export interface TrendsPageProps {
  chosen: { slug: string; title: string }[];
  charts: { id: string; title: string; data: ChartData; csvHref: string }[];
  movers: Mover[];
  moverMetric: string;
  from: string;
  to: string;
  category: string;
  categories: string[];
  moversCsv: string;
}

/** Salary and demand over time for chosen careers, and the top movers of a window. */
export function TrendsPage(p: TrendsPageProps): Child {
  return (
    <Layout title="Trends" charts>
      <h1>Trends</h1>
      <form class="filters" method="get" action="/trends" aria-label="Choose careers and window">
        {p.chosen.map((c) => <input type="hidden" name="c" value={c.slug} />)}
        <CareerInput id="add-career" name="c" label="Add a career" />
        <span class="field"><label for="metric">Movers by</label>
          <select id="metric" name="metric">{Object.entries(TREND_LABELS).map(([k, v]) => <option value={k} selected={k === p.moverMetric}>{v}</option>)}</select></span>
        <span class="field"><label for="from">From</label><input id="from" name="from" type="date" value={p.from} /></span>
        <span class="field"><label for="to">To</label><input id="to" name="to" type="date" value={p.to} /></span>
        <span class="field"><label for="category">Category</label>
          <select id="category" name="category"><option value="">All categories</option>{p.categories.map((c) => <option value={c} selected={c === p.category}>{c}</option>)}</select></span>
        <button type="submit">Update</button>
      </form>
      <p>Careers shown: {p.chosen.length ? p.chosen.map((c, i) => <span>{i ? ', ' : ''}<a href={`/careers/${c.slug}`}>{c.title}</a></span>) : 'none yet: add one above.'}</p>
      {p.charts.map((ch) => <Chart {...ch} />)}
      <h2>Top movers: {TREND_LABELS[p.moverMetric]}, {p.from} to {p.to}{p.category ? `, ${p.category}` : ''}</h2>
      <p><a href={p.moversCsv} download>Download CSV</a></p>
      {p.movers.length ? (
        <table>
          <thead><tr><th scope="col">Career</th><th scope="col">Category</th><th scope="col">From</th><th scope="col">To</th><th scope="col">Change</th></tr></thead>
          <tbody>{p.movers.map((m) => (
            <tr><td><a href={`/careers/${m.slug}`}>{m.title}</a></td><td>{m.category}</td><td>{m.from}</td><td>{m.to}</td><td>{m.change > 0 ? '+' : ''}{Math.round(m.change * 10) / 10}{m.changePct !== null ? ` (${m.changePct > 0 ? '+' : ''}${m.changePct}%)` : ''}</td></tr>
          ))}</tbody>
        </table>
      ) : <p class="muted">No career's value moved in this window.</p>}
    </Layout>
  );
}
