import type { Child } from 'hono/jsx';
import { Layout } from './layout.js';
import { CareerRatingsSection } from './rated-skills.js';
import type { CareerMetrics } from '../core/metrics/types.js';
import { CareerPicker } from './widgets.js';
import { PeriodChartBlock, type PeriodChartView } from './trends-page.js';
import type { TrendPoint } from '../db/queries/trends.js';
import type { ProfileSkill } from '../db/queries/profile.js';
import type { SimilarCareers } from '../db/queries/search.js';

type Fig = {
  value: unknown;
  source?: string;
  period?: string | null;
  method?: string;
  reason?: string;
  estimatedFrom?: { slug: string; title: string };
  note?: string;
};

const METRIC_ROWS: { label: string; path: string[]; fmt: (v: unknown) => string }[] = [
  { label: 'Median salary', path: ['salary', 'median'], fmt: (v) => `$${Number(v).toLocaleString('en-US')}/yr` },
  { label: 'Salary (low end)', path: ['salary', 'min'], fmt: (v) => `$${Number(v).toLocaleString('en-US')}/yr` },
  { label: 'Salary (high end)', path: ['salary', 'max'], fmt: (v) => `$${Number(v).toLocaleString('en-US')}/yr` },
  { label: 'Demand score', path: ['demandScore'], fmt: (v) => `${Number(v).toFixed(1)}/10` },
  { label: 'AI replacement risk', path: ['aiReplacementRisk'], fmt: (v) => `${v}%` },
  { label: 'Learning curve', path: ['learningCurveMonths'], fmt: (v) => `${v} months` },
  { label: 'Difficulty', path: ['difficulty'], fmt: String },
  { label: 'Entry barrier', path: ['entryBarrier'], fmt: String },
  { label: 'Remote friendly', path: ['remoteFriendly'], fmt: (v) => (v ? 'Yes' : 'No') },
  { label: 'Requires coding', path: ['requiresCoding'], fmt: (v) => (v ? 'Yes' : 'No') },
  {
    label: 'Projected employment change (BLS)',
    path: ['outlook', 'projections'],
    fmt: (v) =>
      (v as { period: string; changePct: number | null; annualOpenings: number | null }[])
        .map(
          (p) =>
            `${p.period}: ${p.changePct === null ? 'n/a' : `${p.changePct >= 0 ? '+' : ''}${p.changePct.toFixed(1)}%`}, ${p.annualOpenings === null ? 'n/a' : p.annualOpenings.toLocaleString('en-US')} openings/yr`,
        )
        .join('; '),
  },
  {
    label: 'Bright Outlook (O*NET rule)',
    path: ['outlook', 'brightOutlook'],
    fmt: (v) => {
      const b = v as { bright: boolean; criteria: string[]; projectionPeriod: string };
      return b.bright ? `Yes: ${b.criteria.join(', ')} (${b.projectionPeriod})` : `No (${b.projectionPeriod})`;
    },
  },
  {
    label: 'Sector job postings (Indeed, Feb 2020 = 100)',
    path: ['outlook', 'postingsTrend'],
    fmt: (v) => {
      const t = v as { sector: string; index: number; month: string; yearAgo: number | null };
      return `${t.sector}: ${t.index.toFixed(1)} in ${t.month}${t.yearAgo === null ? '' : `, ${t.yearAgo.toFixed(1)} a year earlier`}`;
    },
  },
  {
    label: 'Core tasks exposed to LLMs',
    path: ['tasks'],
    fmt: (v) => {
      const t = v as { exposed: number; rated: number; exposedShare: number; coreTasks: { task: string; gpt4: string | null }[] };
      return `${t.exposedShare}% (${t.exposed} of ${t.rated}); exposed: ${
        t.coreTasks
          .filter((x) => x.gpt4 === 'E1' || x.gpt4 === 'E2')
          .slice(0, 2)
          .map((x) => x.task)
          .join(' / ') || 'none'
      }; not exposed: ${
        t.coreTasks
          .filter((x) => x.gpt4 === 'E0')
          .slice(0, 2)
          .map((x) => x.task)
          .join(' / ') || 'none'
      }`;
    },
  },
  {
    label: 'Interests (RIASEC, 1-7)',
    path: ['profile', 'interests'],
    fmt: (v) => (v as { area: string; score: number }[]).map((x) => `${x.area} ${x.score.toFixed(1)}`).join(', '),
  },
  {
    label: 'Work styles (importance 1-5)',
    path: ['profile', 'workStyles'],
    fmt: (v) =>
      (v as { name: string; importance: number }[])
        .slice(0, 6)
        .map((x) => `${x.name} ${x.importance.toFixed(1)}`)
        .join(', '),
  },
];

function figAt(metrics: object | null, path: string[]): Fig | null {
  let cur: unknown = metrics;
  for (const p of path) cur = cur && typeof cur === 'object' ? (cur as Record<string, unknown>)[p] : undefined;
  return cur && typeof cur === 'object' && 'value' in cur ? (cur as Fig) : null;
}

const SKILLS_SHOWN = 40;

function SkillItems(props: { skills: ProfileSkill[] }): Child {
  return (
    <ul class="skills">
      {props.skills.map((s) => (
        <li class={s.hot ? 'hot' : undefined}>
          {s.label}
          {s.hot ? (
            <span>
              {' '}
              🔥<span class="sr"> hot technology</span>
            </span>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

export interface CareerPageProps {
  career: { slug: string; title: string; category: string; onetCode: string | null; description: string; metrics: object | null; computedAt: string | null };
  aliases: string[];
  skills: ProfileSkill[];
  similar: SimilarCareers;
  charts: PeriodChartView[];
  /** What CareerLens published when, per metric: an audit trail, not a trend. */
  published: { label: string; money: boolean; points: TrendPoint[] }[];
}

/**
 * "changed on 2026-11-30: $120,730 → $133,080 (BLS OEWS (oews), May 2024 data)": each time a
 * recompute changed the published figure, newest first.
 */
export function AuditTrail(props: { label: string; money: boolean; points: TrendPoint[] }): Child {
  const show = (v: number | null) => (v === null ? 'unknown' : props.money ? `$${v.toLocaleString('en-US')}` : String(v));
  const changes = props.points
    .map((p, i) => ({ p, prev: i ? props.points[i - 1]! : null }))
    .filter(({ p, prev }) => !prev || prev.value !== p.value || prev.period !== p.period)
    .reverse();
  if (changes.length === 0) return <p class="muted">{props.label}: not published yet.</p>;
  return (
    <details class="audit">
      <summary>
        {props.label}:{' '}
        {changes.length === 1
          ? 'first published, not changed since'
          : `${changes.length - 1} ${changes.length === 2 ? 'change' : 'changes'} since first published`}
      </summary>
      <ul>
        {changes.slice(0, 20).map(({ p, prev }) => (
          // The first entry is a publication, not a change; an unknown figure says it had no data then.
          <li>
            {prev ? 'changed' : 'first published'} on {p.at.slice(0, 10)}: {prev ? `${show(prev.value)} → ` : ''}
            {show(p.value)}
            {p.value === null && !prev ? ' (no data yet)' : ''}
            {p.period ? ` (${p.source ?? 'source unknown'}, ${p.period} data)` : ''}
          </li>
        ))}
      </ul>
    </details>
  );
}

/** A career: every metric with its provenance, charts by period, the audit trail, skills (hot marked), similar careers. */
export function CareerPage(props: CareerPageProps): Child {
  const { career } = props;
  return (
    <Layout title={career.title} charts>
      <p class="kicker">
        {career.category}
        {career.onetCode ? ` · O*NET-SOC ${career.onetCode}` : ''}
      </p>
      <h1>{career.title}</h1>
      <p>{career.description}</p>
      {props.aliases.length ? (
        <p class="muted">
          Also called: {props.aliases.slice(0, 12).join(', ')}
          {props.aliases.length > 12 ? ` and ${props.aliases.length - 12} more` : ''}
        </p>
      ) : null}
      <CareerPicker id="picker" label={`Compare ${career.title} with:`} hiddenName="a" hiddenValue={career.slug} />
      <h2>Metrics</h2>
      <table class="metrics">
        <caption>Each figure with its source and period{career.computedAt ? `; computed ${career.computedAt}` : ''}</caption>
        <thead>
          <tr>
            <th scope="col">Metric</th>
            <th scope="col">Value</th>
            <th scope="col">Source</th>
            <th scope="col">Method</th>
          </tr>
        </thead>
        <tbody>
          {METRIC_ROWS.map((row) => {
            const f = figAt(career.metrics, row.path);
            if (!f || f.value === null || f.value === undefined)
              return (
                <tr>
                  <th scope="row">{row.label}</th>
                  <td class="unknown">Unknown</td>
                  <td colspan={2} class="muted">
                    {f?.reason ?? 'not computed yet'}
                  </td>
                </tr>
              );
            return (
              <tr>
                <th scope="row">{row.label}</th>
                <td>
                  {row.fmt(f.value)}
                  {f.note ? <small class="prov">{f.note}</small> : null}
                </td>
                <td>
                  {f.source ?? ''}
                  {f.period ? `, ${f.period}` : ''}
                  {f.estimatedFrom ? <small class="prov">estimated from {f.estimatedFrom.title}</small> : null}
                </td>
                <td>{f.method ?? ''}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <h2>Over the data's periods</h2>
      {props.charts.map((ch) => (
        <PeriodChartBlock {...ch} />
      ))}
      <h2>What CareerLens published when</h2>
      <p class="muted">An audit trail of recomputes (when a published figure changed, and the data it came from), not a trend.</p>
      {props.published.map((a) => (
        <AuditTrail {...a} />
      ))}
      <CareerRatingsSection slug={career.slug} title={career.title} ratings={(career.metrics as CareerMetrics | null)?.skillRatings} />
      <h2>Technology skills ({props.skills.length})</h2>
      {props.skills.length ? (
        <>
          <p class="muted">{props.skills.filter((s) => s.hot).length} hot technologies (🔥: frequently named in job postings), listed first.</p>
          <SkillItems skills={props.skills.slice(0, SKILLS_SHOWN)} />
          {props.skills.length > SKILLS_SHOWN ? (
            <details>
              <summary>{props.skills.length - SKILLS_SHOWN} more technology skills</summary>
              <SkillItems skills={props.skills.slice(SKILLS_SHOWN)} />
            </details>
          ) : null}
        </>
      ) : (
        <p class="muted">No skills recorded yet.</p>
      )}
      <h2>Similar careers</h2>
      <p class="muted">
        {props.similar.basis === 'skills'
          ? 'Ranked by skill and knowledge similarity (0–100), then technology overlap.'
          : 'Same category (no skill overlap known yet).'}
      </p>
      <ul>
        {props.similar.items.map((s) => (
          <li>
            <a href={`/careers/${s.slug}`}>{s.title}</a>
            {s.similarity !== null ? ` · similarity ${s.similarity}/100` : ''}
            {s.overlap !== null ? ` · ${s.overlap}% technology overlap` : ''} · <a href={`/compare/${career.slug}-vs-${s.slug}`}>compare</a>
          </li>
        ))}
      </ul>
    </Layout>
  );
}
