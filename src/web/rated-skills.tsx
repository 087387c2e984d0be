import type { Child } from 'hono/jsx';
import type { Comparison, ComparisonSide, TechnologyGroup } from '../core/compare/types.js';
import type { CareerMetrics } from '../core/metrics/types.js';
import { ratedElementName } from '../core/compare/display.js';

/** Rated areas shown per side before the rest folds away. */
const TOP_RATED = 10;
/** Technology classes shown per side before the long tail folds away. */
const TOP_CLASSES = 6;

const one = (v: number) => v.toFixed(1);

/** Where a side's ratings come from: O*NET's own, or estimated from a named rated occupation. */
export function RatingsProvenance(props: { side: ComparisonSide }): Child {
  const r = props.side.ratings;
  if (r.value === null) return <small class="prov">{r.reason}</small>;
  const from = r.estimatedFrom;
  return (
    <small class="prov">
      {from ? (
        <>
          Estimated from <a href={`/careers/${from.slug}`}>{from.title}</a>: O*NET does not rate {props.side.title}; these are O*NET's ratings of that
          occupation ({r.source}, {r.period})
        </>
      ) : (
        <>
          O*NET's own ratings ({r.source}, {r.period})
        </>
      )}
    </small>
  );
}

function TopRated(props: { side: ComparisonSide }): Child {
  const r = props.side.ratings;
  if (r.value === null)
    return (
      <p class="muted">
        No ratings. <RatingsProvenance side={props.side} />
      </p>
    );
  const row = (i: (typeof r.value)[number]) => (
    <tr>
      <td>{i.name}</td>
      <td>{i.domain}</td>
      <td>{one(i.importance)}</td>
      <td>{one(i.level)}</td>
    </tr>
  );
  const rest = r.value.slice(TOP_RATED);
  return (
    <>
      <table class="rated">
        <thead>
          <tr>
            <th scope="col">Skill or knowledge</th>
            <th scope="col">Kind</th>
            <th scope="col">Importance (1–5)</th>
            <th scope="col">Level (0–7)</th>
          </tr>
        </thead>
        <tbody>{r.value.slice(0, TOP_RATED).map(row)}</tbody>
      </table>
      {rest.length ? (
        <details>
          <summary>{rest.length} more, less important</summary>
          <table class="rated">
            <tbody>{rest.map(row)}</tbody>
          </table>
        </details>
      ) : null}
      <RatingsProvenance side={props.side} />
    </>
  );
}

/** Skills and knowledge by importance and level: each side's top ones, the shared ones with both levels, the largest gaps. */
export function RatedSkillsSection(props: { cmp: Comparison }): Child {
  const { cmp } = props;
  const rs = cmp.ratedSkills;
  const relation = rs.relation ? ` O*NET lists them as related (${rs.relation}).` : '';
  return (
    <section aria-labelledby="rated-h">
      <h2 id="rated-h">Skills and knowledge</h2>
      <p>
        {rs.similarity === null ? (
          'Similarity is unknown: one side has no skill and knowledge ratings.'
        ) : (
          <>
            Similarity: <strong>{rs.similarity}/100</strong> (how alike their importance-weighted skill and knowledge profiles are).
          </>
        )}
        {relation}
      </p>
      <div class="cols two">
        {(['a', 'b'] as const).map((k) => (
          <div>
            <h3>{cmp[k].title}: most important</h3>
            <TopRated side={cmp[k]} />
          </div>
        ))}
      </div>
      {rs.shared.length ? (
        <>
          <h3>
            Important to both ({cmp.a.title} vs {cmp.b.title})
          </h3>
          <ul class="shared-levels">
            {rs.shared.map((p) => (
              <li>
                {ratedElementName(p)}: level {one(p.levelA)} vs {one(p.levelB)}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {rs.gaps.length ? (
        <>
          <h3>Largest level differences</h3>
          <ul class="gaps">
            {rs.gaps.map((p) => (
              <li>
                {ratedElementName(p)}: level {one(p.levelA)} vs {one(p.levelB)}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

function Classes(props: { groups: TechnologyGroup[] }): Child {
  const line = (g: TechnologyGroup) => (
    <li>
      <strong>{g.group}</strong>: {g.count} {g.count === 1 ? 'tool' : 'tools'}
      {g.hot.length ? <> (in demand: {g.hot.join(', ')})</> : null}
    </li>
  );
  const rest = props.groups.slice(TOP_CLASSES);
  if (!props.groups.length) return <p class="muted">No technology examples.</p>;
  return (
    <>
      <ul class="tech-classes">{props.groups.slice(0, TOP_CLASSES).map(line)}</ul>
      {rest.length ? (
        <details>
          <summary>
            {rest.length} more classes ({rest.reduce((n, g) => n + g.count, 0)} tools)
          </summary>
          <ul>{rest.map(line)}</ul>
        </details>
      ) : null}
    </>
  );
}

/** Technology examples by O*NET commodity class, classes with hot or in-demand tools first, the long tail folded. */
export function TechnologySection(props: { cmp: Comparison }): Child {
  const { cmp } = props;
  return (
    <section aria-labelledby="tech-h">
      <h2 id="tech-h">Technology used</h2>
      <div class="cols two">
        {(['a', 'b'] as const).map((k) => (
          <div>
            <h3>{cmp[k].title}</h3>
            <Classes groups={cmp[k].technology} />
          </div>
        ))}
      </div>
    </section>
  );
}

/** A career's skills and knowledge by importance with level (top ones; the rest folded), with their provenance. */
export function CareerRatingsSection(props: { slug: string; title: string; ratings: CareerMetrics['skillRatings'] }): Child {
  const r = props.ratings;
  const head = <h2 id="ratings-h">Skills and knowledge by importance</h2>;
  if (!r || r.value === null)
    return (
      <section aria-labelledby="ratings-h">
        {head}
        <p class="muted">{r?.reason ?? 'Not computed yet.'}</p>
      </section>
    );
  const row = (i: (typeof r.value)[number]) => (
    <tr>
      <td>{i.name}</td>
      <td>{i.domain}</td>
      <td>{one(i.importance)}</td>
      <td>{one(i.level)}</td>
    </tr>
  );
  return (
    <section aria-labelledby="ratings-h">
      {head}
      <p class="muted">
        {r.estimatedFrom ? (
          <>
            Estimated from <a href={`/careers/${r.estimatedFrom.slug}`}>{r.estimatedFrom.title}</a>: O*NET does not rate {props.title}, so these are O*NET's
            ratings of that occupation ({r.source}, {r.period}).
          </>
        ) : (
          <>
            O*NET's ratings ({r.source}, {r.period}): importance 1–5, level 0–7.
          </>
        )}{' '}
        All of them: <a href={`/v1/careers/${props.slug}/skills?kind=skill&limit=100`}>skills</a>,{' '}
        <a href={`/v1/careers/${props.slug}/skills?kind=knowledge&limit=100`}>knowledge</a>.
      </p>
      <table class="rated">
        <thead>
          <tr>
            <th scope="col">Skill or knowledge</th>
            <th scope="col">Kind</th>
            <th scope="col">Importance</th>
            <th scope="col">Level</th>
          </tr>
        </thead>
        <tbody>{r.value.slice(0, TOP_RATED).map(row)}</tbody>
      </table>
      {r.value.length > TOP_RATED ? (
        <details>
          <summary>{r.value.length - TOP_RATED} more</summary>
          <table class="rated">
            <tbody>{r.value.slice(TOP_RATED).map(row)}</tbody>
          </table>
        </details>
      ) : null}
    </section>
  );
}
