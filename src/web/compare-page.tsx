import type { Child } from 'hono/jsx';
import type { Comparison, ComparisonSide, ShownFigure, VerdictKey } from '../core/compare/types.js';
import { formatDemand, formatMonths, formatRange, formatUsd, ratedElementName } from '../core/compare/display.js';
import { Layout } from './layout.js';
import { RatedSkillsSection, TechnologySection } from './rated-skills.js';
import { CareerPicker } from './widgets.js';
import { PeriodChartBlock, type PeriodChartView } from './trends-page.js';

type SideKey = 'a' | 'b';

/** A figure's value with its source and period underneath, or "Unknown" with the reason. */
function FigureCell<T>(props: { fig: ShownFigure<T>; text: (v: T) => string; better: boolean; boundInText?: boolean }): Child {
  const { fig } = props;
  if ('reason' in fig)
    return (
      <td class="unknown">
        Unknown <small class="prov">{fig.reason}</small>
      </td>
    );
  const bound = 'atLeast' in fig && fig.atLeast === true;
  return (
    <td class={props.better ? 'better' : undefined}>
      <span class="val">
        {bound && !props.boundInText ? 'at least ' : ''}
        {props.text(fig.value)}
      </span>
      {bound ? <small class="prov">top-coded: BLS publishes no wage above this bound, so the true figure is at least it</small> : null}
      {'hourlyOnly' in fig && fig.hourlyOnly ? (
        <small class="prov">BLS publishes only hourly wages here (work often not full-time, year-round): hourly wage × 2,080 hours, not a year's pay</small>
      ) : null}
      {props.better ? (
        <span class="badge">
          <span aria-hidden="true">▲</span>
          <span class="sr"> (better)</span>
        </span>
      ) : null}
      <small class="prov">
        {fig.source}
        {fig.period ? `, ${fig.period}` : ''}
        {fig.estimatedFrom ? ` (estimated from ${fig.estimatedFrom})` : ''}
      </small>
    </td>
  );
}

const yesNo = (v: boolean) => (v ? '✅ Yes' : '❌ No');

/** A row of the table: its label, the verdict that marks the better side, and the cell of one side. */
interface Row {
  label: string;
  verdict?: VerdictKey;
  cell: (side: ComparisonSide, better: boolean) => Child;
}
/** A row showing one figure of each side, written with the figure's own type. */
const row = <T,>(label: string, verdict: VerdictKey | undefined, fig: (s: ComparisonSide) => ShownFigure<T>, text: (v: T) => string): Row => ({
  label,
  verdict,
  cell: (side, better) => <FigureCell fig={fig(side)} text={text} better={better} />,
});
const ROWS: Row[] = [
  {
    label: 'Salary range',
    verdict: 'salaryCeiling',
    cell: (side, better) => {
      const range = formatRange(side);
      if (!range)
        return (
          <td class="unknown">
            Unknown <small class="prov">{'reason' in side.salary.max ? side.salary.max.reason : ''}</small>
          </td>
        );
      const { min, max } = side.salary;
      // The range marks a bound itself ("$239,200+"); the cell carries the bound's note when either end is one.
      const fig = 'atLeast' in min && min.atLeast ? min : max.value !== null ? max : min;
      return <FigureCell fig={fig} text={() => range} better={better} boundInText />;
    },
  },
  row(
    'Median salary',
    'salaryMedian',
    (s) => s.salary.median,
    (v) => `${formatUsd(v)}/yr`,
  ),
  row(
    'Demand score',
    'demand',
    (s) => s.demandScore,
    (v) => `${formatDemand(v)}/10`,
  ),
  row(
    'AI replacement risk',
    'aiRisk',
    (s) => s.aiReplacementRisk,
    (v) => `${v}%`,
  ),
  row(
    'Learning curve',
    'learningCurve',
    (s) => s.learningCurveMonths,
    (v) => formatMonths(v),
  ),
  row(
    'Difficulty',
    'difficulty',
    (s) => s.difficulty,
    (v) => v,
  ),
  row(
    'Entry barrier',
    'entryBarrier',
    (s) => s.entryBarrier,
    (v) => v,
  ),
  row('Remote friendly', undefined, (s) => s.remoteFriendly, yesNo),
  row('Requires coding', undefined, (s) => s.requiresCoding, yesNo),
  row(
    'Projected employment change (BLS)',
    undefined,
    (s) => s.projections,
    (v) =>
      v
        .map(
          (p) =>
            `${p.period}: ${p.changePct === null ? 'n/a' : `${p.changePct >= 0 ? '+' : ''}${p.changePct.toFixed(1)}%`}, ${p.annualOpenings === null ? 'n/a' : p.annualOpenings.toLocaleString('en-US')} openings/yr`,
        )
        .join('; '),
  ),
  row(
    'Bright Outlook (O*NET rule)',
    undefined,
    (s) => s.brightOutlook,
    (v) => (v.bright ? `☀ Yes (${v.criteria.join(', ')}; ${v.projectionPeriod})` : `No (${v.projectionPeriod})`),
  ),
  row(
    'Sector job postings (Indeed, Feb 2020 = 100)',
    undefined,
    (s) => s.postingsTrend,
    (v) => `${v.sector}: ${v.index.toFixed(1)} in ${v.month}${v.yearAgo === null ? '' : ` (a year earlier ${v.yearAgo.toFixed(1)})`}`,
  ),
  row(
    'Core tasks exposed to LLMs',
    undefined,
    (s) => s.tasks,
    (v) => `${v.exposedShare}% (${v.exposed} of ${v.rated})`,
  ),
  row(
    'Strongest interests (1-7)',
    undefined,
    (s) => s.interests,
    (v) =>
      v
        .slice(0, 2)
        .map((x) => `${x.area} ${x.score.toFixed(1)}`)
        .join(', '),
  ),
  row(
    'Most important work styles (1-5)',
    undefined,
    (s) => s.workStyles,
    (v) =>
      v
        .slice(0, 3)
        .map((x) => `${x.name} ${x.importance.toFixed(1)}`)
        .join(', '),
  ),
];

function GlanceTable(props: { cmp: Comparison }): Child {
  const { cmp } = props;
  const better = (row: Row, side: SideKey) => (row.verdict ? cmp.verdicts[row.verdict] === side : false);
  return (
    <table class="glance">
      <caption>At a glance (▲ marks the better side; ties are unmarked)</caption>
      <thead>
        <tr>
          <th scope="col">Attribute</th>
          <th scope="col">
            {cmp.a.title} <small class="cat">{cmp.a.category ?? ''}</small>
          </th>
          <th scope="col">
            {cmp.b.title} <small class="cat">{cmp.b.category ?? ''}</small>
          </th>
        </tr>
      </thead>
      <tbody>
        {ROWS.map((row) => (
          <tr>
            <th scope="row">{row.label}</th>
            {(['a', 'b'] as const).map((k) => row.cell(cmp[k], better(row, k)))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Skills shown before the rest fold away (O*NET careers list a hundred or more). */
const SKILLS_SHOWN = 12;

function SkillList(props: { items: { label: string }[]; empty: string }): Child {
  if (!props.items.length)
    return (
      <ul>
        <li class="muted">{props.empty}</li>
      </ul>
    );
  const rest = props.items.slice(SKILLS_SHOWN);
  return (
    <>
      <ul>
        {props.items.slice(0, SKILLS_SHOWN).map((s) => (
          <li>{s.label}</li>
        ))}
      </ul>
      {rest.length ? (
        <details>
          <summary>{rest.length} more</summary>
          <ul>
            {rest.map((s) => (
              <li>{s.label}</li>
            ))}
          </ul>
        </details>
      ) : null}
    </>
  );
}

/**
 * Named skills and tools, side by side. Where both sides have O*NET technology classes (shown
 * above, in-demand first), these alphabetical lists of every tool O*NET names would bury the
 * reader in catalogue entries ("3M Post-it App", "ABC Compiler"), so they are folded.
 */
function SkillsSection(props: { cmp: Comparison }): Child {
  const { cmp } = props;
  const s = cmp.skills;
  const lists = (
    <div class="cols">
      <div>
        <h3>
          {cmp.a.title} only ({s.onlyA.length})
        </h3>
        <SkillList items={s.onlyA} empty="No skills of its own" />
      </div>
      <div>
        <h3>Shared ({s.shared.length})</h3>
        <SkillList items={s.shared} empty="No shared skills" />
      </div>
      <div>
        <h3>
          {cmp.b.title} only ({s.onlyB.length})
        </h3>
        <SkillList items={s.onlyB} empty="No skills of its own" />
      </div>
    </div>
  );
  const folded = cmp.a.technology.length > 0 && cmp.b.technology.length > 0;
  return (
    <section aria-labelledby="skills-h">
      <h2 id="skills-h">Skills analysis (technology and named skills)</h2>
      <p>
        Named skills and tools in common: <strong>{s.overlap}%</strong> ({s.shared.length} shared, {s.related.length} related{' '}
        {s.related.length === 1 ? 'pair' : 'pairs'}).
      </p>
      {folded ? (
        <details class="named-tools">
          <summary>
            Every named tool, alphabetically: {s.onlyA.length} only {cmp.a.title}, {s.shared.length} shared, {s.onlyB.length} only {cmp.b.title}
          </summary>
          {lists}
        </details>
      ) : (
        lists
      )}
      <h3>Related skills ({s.related.length})</h3>
      {s.related.length ? (
        <table class="related">
          <thead>
            <tr>
              <th scope="col">{cmp.a.title}</th>
              <th scope="col">{cmp.b.title}</th>
              <th scope="col">In common</th>
            </tr>
          </thead>
          <tbody>
            {s.related.map((r) => (
              <tr>
                <td>{r.a.label}</td>
                <td>{r.b.label}</td>
                <td>{r.concepts.join(', ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p class="muted">No related skills.</p>
      )}
    </section>
  );
}

function TransitionSection(props: { cmp: Comparison }): Child {
  const { cmp } = props;
  const line = (from: ComparisonSide, to: ComparisonSide, t: Comparison['transition']['aToB']) => (
    <li>
      {from.title} → {to.title}: <strong>{t.difficulty}</strong>
      {t.basis === 'ratings' ? `, ${t.skillGap}% of the skill and knowledge level needed is new` : `, ${t.skillGap}% of the target's skills to learn`}
      {t.months === null ? '' : t.months === 0 ? ', little extra time' : `, about ${formatMonths(t.months)}`}
      {to.jobZone !== null ? ` (target Job Zone ${to.jobZone}${from.jobZone !== null ? `, from ${from.jobZone}` : ''})` : ''}
      {t.reason ? (
        <>
          <br />
          <small>Why: {t.reason}</small>
        </>
      ) : null}
      {t.learnFirst.length ? (
        <>
          <br />
          <small>Learn first: {t.learnFirst.map((l) => `${ratedElementName(l)} (level ${l.from.toFixed(1)} → ${l.level.toFixed(1)})`).join(', ')}</small>
        </>
      ) : null}
    </li>
  );
  return (
    <section aria-labelledby="transition-h">
      <h2 id="transition-h">Switching between them</h2>
      <ul>
        {line(cmp.a, cmp.b, cmp.transition.aToB)}
        {line(cmp.b, cmp.a, cmp.transition.bToA)}
      </ul>
    </section>
  );
}

const LABEL_MEANING: Record<string, string> = { E1: 'an LLM alone halves the time', E2: 'halved with LLM-based software', E0: 'not exposed' };

/** Each side's core tasks that GPT-4 rates most and least exposed to LLMs, with the share exposed. */
function TasksSection(props: { cmp: Comparison }): Child {
  const { cmp } = props;
  return (
    <section aria-labelledby="tasks-h">
      <h2 id="tasks-h">Tasks and AI</h2>
      <p class="muted">
        Core tasks from O*NET Task Statements; each task's exposure is GPT-4's label under the GPTs-are-GPTs rubric (Eloundou et al. 2023). The AI replacement
        risk above is the occupation-level figure of its method; this is what it is made of.
      </p>
      <div class="cols two">
        {(['a', 'b'] as const).map((k) => {
          const t = cmp[k].tasks;
          if (t.value === null)
            return (
              <div>
                <h3>{cmp[k].title}</h3>
                <p class="muted">Unknown: {'reason' in t ? t.reason : ''}</p>
              </div>
            );
          const item = (x: { task: string; label: string; human: string | null }) => (
            <li>
              {x.task}{' '}
              <small class="prov">
                GPT-4 {x.label}: {LABEL_MEANING[x.label]}
                {x.human && x.human !== x.label ? `; annotators ${x.human}` : ''}
              </small>
            </li>
          );
          return (
            <div>
              <h3>
                {cmp[k].title}: {t.value.exposed} of {t.value.rated} {t.value.scope === 'core' ? 'core tasks' : 'tasks'} exposed ({t.value.exposedShare}%)
              </h3>
              {t.value.scope === 'core' ? null : (
                <p class="muted">O*NET types none of these tasks as core or supplemental; all of its listed tasks are shown.</p>
              )}
              <h4>Most exposed</h4>
              {t.value.mostExposed.length ? <ul>{t.value.mostExposed.map(item)}</ul> : <p class="muted">None exposed.</p>}
              <h4>Least exposed</h4>
              {t.value.leastExposed.length ? <ul>{t.value.leastExposed.map(item)}</ul> : <p class="muted">No other rated task.</p>}
              <small class="prov">{'source' in t ? `${t.source}, ${t.period ?? ''}` : ''}</small>
            </div>
          );
        })}
      </div>
    </section>
  );
}

/** The compare page: every field of a comparison, each figure with its source and period. */
/** Each side's salary and employment by period: a small chart with its period range and growth. */
function TrendsSection(props: { cmp: Comparison; trends: ComparisonTrends }): Child {
  const { cmp, trends } = props;
  return (
    <section aria-labelledby="trends-h">
      <h2 id="trends-h">Salary and employment over time</h2>
      {trends.map((t) => (
        <PeriodChartBlock {...t} />
      ))}
      <p class="muted">
        From BLS OEWS by reference period; see <a href={`/trends?c=${cmp.a.slug}&c=${cmp.b.slug}`}>trends</a> for more.
      </p>
    </section>
  );
}

/** The period charts a comparison page shows (salary, employment), both sides on each. */
export type ComparisonTrends = PeriodChartView[];

export function ComparePage(props: {
  cmp: Comparison;
  trends?: ComparisonTrends;
  similar?: { a: { slug: string; title: string }[]; b: { slug: string; title: string }[] };
}): Child {
  const { cmp } = props;
  return (
    <Layout title={`${cmp.a.title} vs ${cmp.b.title}`} charts={Boolean(props.trends?.length)}>
      <p class="kicker">Career comparison</p>
      <h1>
        {cmp.a.title} vs {cmp.b.title}
      </h1>
      <p class="summary">{cmp.summary}</p>
      <CareerPicker id="picker" label="Compare with another career:" hiddenName="a" hiddenValue={cmp.a.slug} currentB={cmp.b.slug} />
      <h2>At a glance</h2>
      <GlanceTable cmp={cmp} />
      {props.trends?.length ? <TrendsSection cmp={cmp} trends={props.trends} /> : null}
      <RatedSkillsSection cmp={cmp} />
      <TasksSection cmp={cmp} />
      <TransitionSection cmp={cmp} />
      <TechnologySection cmp={cmp} />
      <SkillsSection cmp={cmp} />
      <section aria-labelledby="choose-h">
        <h2 id="choose-h">Which career should you choose?</h2>
        <div class="cols two">
          {(['a', 'b'] as const).map((k) => {
            const side = cmp[k];
            const reasons = k === 'a' ? cmp.chooseA : cmp.chooseB;
            return (
              <div class="choose">
                <h3>Choose {side.title} if you…</h3>
                {reasons.length ? (
                  <ul>
                    {reasons.map((r) => (
                      <li>{r}</li>
                    ))}
                  </ul>
                ) : (
                  <p class="muted">No clear reason stands out.</p>
                )}
                <a href={`/careers/${side.slug}`}>View {side.title} career profile →</a>
              </div>
            );
          })}
        </div>
      </section>
      <section aria-labelledby="conclusion-h">
        <h2 id="conclusion-h">Conclusion</h2>
        <p class="conclusion">{cmp.conclusion}</p>
      </section>
      {props.similar ? (
        <section aria-labelledby="related-h">
          <h2 id="related-h">Related careers</h2>
          <div class="cols two">
            {(['a', 'b'] as const).map((k) => (
              <div>
                <h3>Close to {cmp[k].title}</h3>
                <ul>
                  {props.similar![k].map((s) => (
                    <li>
                      <a href={`/compare/${cmp[k].slug}-vs-${s.slug}`}>
                        {cmp[k].title} vs {s.title}
                      </a>
                    </li>
                  ))}
                </ul>
              </div>
            ))}
          </div>
        </section>
      ) : null}
      <p class="asof">
        Data as of {cmp.asOf ?? 'unknown'} · version <code>{cmp.version}</code> · share this comparison:{' '}
        <a href={`/compare/${cmp.a.slug}-vs-${cmp.b.slug}`}>{`/compare/${cmp.a.slug}-vs-${cmp.b.slug}`}</a> ·{' '}
        <a href={`/v1/compare/${cmp.a.slug}/${cmp.b.slug}`}>JSON</a>
      </p>
    </Layout>
  );
}

/** Until the pair workers store full comparisons: the identities and what is known. */
export function ComparePendingPage(props: {
  a: { slug: string; title: string; category: string | null };
  b: { slug: string; title: string; category: string | null };
  version: string;
  asOf: string | null;
}): Child {
  return (
    <Layout title={`${props.a.title} vs ${props.b.title}`}>
      <p class="kicker">Career comparison</p>
      <h1>
        {props.a.title} vs {props.b.title}
      </h1>
      <CareerPicker id="picker" label="Compare with another career:" hiddenName="a" hiddenValue={props.a.slug} currentB={props.b.slug} />
      <table class="glance">
        <thead>
          <tr>
            <th scope="col">Attribute</th>
            <th scope="col">{props.a.title}</th>
            <th scope="col">{props.b.title}</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">Category</th>
            <td>{props.a.category ?? ''}</td>
            <td>{props.b.category ?? ''}</td>
          </tr>
        </tbody>
      </table>
      <p class="muted">The figures of this pair are being computed.</p>
      <p class="asof">
        As of {props.asOf ?? 'unknown'}, version {props.version}
      </p>
    </Layout>
  );
}
