import type { Child } from 'hono/jsx';
import { formatSeriesValue } from '../core/series.js';

/**
 * A career input with suggestions: a datalist that /assets/site.js fills from /v1/careers as
 * the user types. Free text works without JS too: the server resolves it by search.
 */
export function CareerInput(props: { id: string; name: string; label: string; value?: string; placeholder?: string; required?: boolean }): Child {
  return (
    <span class="field">
      <label for={props.id}>{props.label}</label>
      <input
        id={props.id}
        name={props.name}
        type="search"
        list={`${props.id}-list`}
        value={props.value ?? ''}
        placeholder={props.placeholder ?? 'Type a career title'}
        autocomplete="off"
        maxlength={100}
        data-suggest={`${props.id}-list`}
        required={props.required ?? false}
      />
      <datalist id={`${props.id}-list`}></datalist>
    </span>
  );
}

/** "Compare with another career": submits to /compare, which redirects to the pair's page. */
export function CareerPicker(props: { id: string; label: string; hiddenName: string; hiddenValue: string; currentB?: string }): Child {
  return (
    // biome-ignore lint/a11y/useSemanticElements: a form with role=search is a landmark in every browser; the <search> element has no implicit role in browsers before 2023
    <form class="picker" method="get" action="/compare" role="search" aria-label="Career picker">
      <input type="hidden" name={props.hiddenName} value={props.hiddenValue} />
      <CareerInput id={props.id} name="b" label={props.label} placeholder={props.currentB ? 'Another career' : undefined} required />
      <button type="submit">Compare</button>
    </form>
  );
}

export interface ChartSeries {
  label: string;
  values: (number | null)[];
  /** Where each value came from ("BLS OEWS (oews), May 2021"), shown beside it in the table and the CSV. */
  sources?: (string | null)[];
}
export interface ChartData {
  /** Unix seconds. */
  x: number[];
  series: ChartSeries[];
  unit: string;
  /** What an x value stands for: a day (default), a whole year (survey years), or a data period (`labels`). */
  xUnit?: 'day' | 'year' | 'period';
  /** With xUnit 'period': the period each x stands for (`May 2021`), as the axis labels it. */
  labels?: string[];
}

const xText = (data: ChartData, t: number, i: number) =>
  data.xUnit === 'period' ? (data.labels?.[i] ?? '') : new Date(t * 1000).toISOString().slice(0, data.xUnit === 'year' ? 4 : 10);

/**
 * A line chart drawn by uPlot (/assets/charts.js), its data in a data attribute (escaped like
 * all attributes), with the same numbers in a table for screen readers and a CSV download.
 */
export function Chart(props: { id: string; title: string; data: ChartData; csvHref: string }): Child {
  const { data } = props;
  return (
    <figure class="chart" aria-labelledby={`${props.id}-cap`}>
      <figcaption id={`${props.id}-cap`}>
        {props.title}{' '}
        <a href={props.csvHref} download>
          Download CSV
        </a>
      </figcaption>
      <div id={props.id} class="plot" data-chart={JSON.stringify(data)} role="img" aria-label={`${props.title}: line chart, ${data.x.length} points`}></div>
      <details>
        <summary>Data table</summary>
        <table>
          <thead>
            <tr>
              <th scope="col">{data.xUnit === 'year' ? 'Year' : data.xUnit === 'period' ? 'Period' : 'Date'}</th>
              {data.series.map((s) => (
                <th scope="col">{s.label}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {data.x.map((t, i) => (
              <tr>
                <td>{xText(data, t, i)}</td>
                {data.series.map((s) => (
                  <td>
                    {s.values[i] == null ? '' : formatSeriesValue(s.values[i], data.unit)}
                    {s.values[i] != null && s.sources?.[i] ? <small class="muted"> ({s.sources[i]})</small> : ''}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
