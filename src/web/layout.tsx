import type { Child } from 'hono/jsx';

/** The page shell: every page is server-rendered; JSX escapes all text it is given. */
export function Layout(props: { title: string; children: Child }) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} · CareerLens`}</title>
        <link rel="stylesheet" href="/assets/site.css" />
      </head>
      <body>
        <header class="top"><a href="/" class="brand">CareerLens</a><nav><a href="/trends">Trends</a> <a href="/ops">Operators</a></nav></header>
        <main>{props.children}</main>
      </body>
    </html>
  );
}
