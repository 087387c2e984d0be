import type { Child } from 'hono/jsx';

/** The page shell: every page is server-rendered; JSX escapes all text it is given. */
export function Layout(props: { title: string; children: Child; charts?: boolean }) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} · CareerLens`}</title>
        <link rel="stylesheet" href="/assets/site.css" />
        {props.charts ? <link rel="stylesheet" href="/assets/uplot.min.css" /> : null}
      </head>
      <body>
        <a class="skip" href="#main">
          Skip to main content
        </a>
        <header class="top">
          <a href="/" class="brand">
            CareerLens
          </a>
          <nav aria-label="Main">
            <a href="/trends">Trends</a> <a href="/docs">API</a> <a href="/about/data">Data</a> <a href="/ops">Operators</a>
          </nav>
        </header>
        <main id="main">{props.children}</main>
        <script src="/assets/site.js" defer></script>
        {props.charts ? <script src="/assets/uplot.iife.min.js" defer></script> : null}
        {props.charts ? <script src="/assets/charts.js" defer></script> : null}
      </body>
    </html>
  );
}
