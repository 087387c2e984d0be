import { Hono } from 'hono';
import type { AppEnv } from '../api/context.js';
import { loadComparison } from '../api/routes/careers.js';
import { ApiError } from '../api/errors.js';
import { Layout } from './layout.js';
import { siteCss } from './assets.js';

export const webRoutes = new Hono<AppEnv>()
  .get('/assets/site.css', (c) => c.body(siteCss, 200, { 'content-type': 'text/css; charset=utf-8', 'cache-control': 'public, max-age=3600' }))
  .get('/', async (c) => {
    const { db } = c.get('deps');
    const [row] = await db.$client<{ n: number }[]>`select count(*)::int as n from careers`;
    const n = row?.n ?? 0;
    return c.html(
      <Layout title="Overview">
        <h1>CareerLens</h1>
        <p>{n} careers.</p>
      </Layout>,
    );
  })
  .get('/compare/:pair', async (c) => {
    const pair = c.req.param('pair');
    const at = pair.indexOf('-vs-');
    if (at <= 0) throw new ApiError('invalid-request', 'a comparison page is /compare/{a}-vs-{b}');
    const cmp = await loadComparison(c.get('deps'), pair.slice(0, at), pair.slice(at + 4));
    return c.html(
      <Layout title={`${cmp.a.title} vs ${cmp.b.title}`}>
        <h1>{cmp.a.title} vs {cmp.b.title}</h1>
        <table class="glance">
          <thead><tr><th scope="col">Attribute</th><th scope="col">{cmp.a.title}</th><th scope="col">{cmp.b.title}</th></tr></thead>
          <tbody><tr><th scope="row">Category</th><td>{cmp.a.category}</td><td>{cmp.b.category}</td></tr></tbody>
        </table>
        <p class="asof">As of {cmp.asOf}, version {cmp.version}</p>
      </Layout>,
    );
  });
