import type { Child } from 'hono/jsx';
import { Layout } from './layout.js';

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;
/** What the page reads of an operation (a `$ref` parameter or schema shows without its details). */
interface OperationView {
  summary?: string;
  description?: string;
  parameters?: {
    $ref?: string;
    name?: string;
    in?: string;
    required?: boolean;
    schema?: { $ref?: string; type?: unknown; enum?: unknown[]; maxLength?: number };
  }[];
  responses?: Record<string, { description?: string }>;
}
type PathItemView = Partial<Record<(typeof METHODS)[number], OperationView>>;
interface Operation extends OperationView {
  method: string;
  path: string;
}

/** A readable page of the API's operations, rendered from the OpenAPI document itself. */
export function DocsPage(props: { doc: { info: { title: string; description?: string }; paths?: Record<string, PathItemView> } }): Child {
  const ops: Operation[] = Object.entries(props.doc.paths ?? {}).flatMap(([path, item]) =>
    METHODS.flatMap((method) => (item[method] ? [{ ...item[method], method: method.toUpperCase(), path }] : [])),
  );
  return (
    <Layout title="API docs">
      <h1>{props.doc.info.title}</h1>
      <p>{props.doc.info.description}</p>
      <p>
        The machine-readable document: <a href="/openapi.json">/openapi.json</a> (OpenAPI 3.1).
      </p>
      <nav aria-label="Operations">
        <ul>
          {ops.map((o) => (
            <li>
              <a href={`#${o.method}-${o.path}`}>
                <code>
                  {o.method} {o.path}
                </code>
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {ops.map((o) => (
        <section id={`${o.method}-${o.path}`} class="op">
          <h2>
            <code>
              {o.method} {o.path}
            </code>
          </h2>
          {o.summary ? (
            <p>
              <strong>{o.summary}</strong>
            </p>
          ) : null}
          {o.description ? <p>{o.description}</p> : null}
          {o.parameters?.length ? (
            <table>
              <caption>Parameters</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">In</th>
                  <th scope="col">Type</th>
                  <th scope="col">Required</th>
                </tr>
              </thead>
              <tbody>
                {o.parameters.map((p) => (
                  <tr>
                    <td>
                      <code>{p.name}</code>
                    </td>
                    <td>{p.in}</td>
                    <td>
                      {p.schema?.enum ? p.schema.enum.join(' | ') : String(p.schema?.type ?? '')}
                      {p.schema?.maxLength ? ` (≤ ${p.schema.maxLength} chars)` : ''}
                    </td>
                    <td>{p.required ? 'yes' : 'no'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          <p>
            Responses:{' '}
            {Object.entries(o.responses ?? {})
              .map(([s, r]) => `${s} ${r.description ?? ''}`)
              .join(' · ')}
          </p>
        </section>
      ))}
    </Layout>
  );
}
