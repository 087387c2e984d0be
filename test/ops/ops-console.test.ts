import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOpsFixture, source, type OpsFixture } from './helpers.js';

/** The /ops console's sign-in, session cookie, CSRF protection and queue board, on each backend. */
describe.each(['redis', 'postgres'] as const)('ops console on the %s queue backend', (backend) => {
  let f: OpsFixture;
  const html = { accept: 'text/html' };

  beforeAll(async () => {
    f = await startOpsFixture(`ops_console_${backend}`, [source('onet')], backend);
  });
  afterAll(async () => {
    await f?.close();
  });

  async function signIn(url = 'http://localhost/ops/signin'): Promise<{ cookie: string; setCookie: string; csrf: string }> {
    const res = await f.app.request(url, { method: 'POST', body: new URLSearchParams({ key: f.operatorKey }) });
    expect(res.status).toBe(303);
    const setCookie = res.headers.get('set-cookie')!;
    const cookie = setCookie.split(';')[0]!;
    const page = await (await f.app.request('/ops', { headers: { cookie } })).text();
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page)![1]!;
    return { cookie, setCookie, csrf };
  }

  it('sends visitors without a session to the sign-in, and refuses client and wrong keys', async () => {
    const page = await f.app.request('/ops', { headers: html });
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toBe('/ops/signin');
    expect((await f.app.request('/ops/live.json?ids=1')).status).toBe(401);
    expect((await f.app.request('/ops/queues/api/queues')).status).toBe(401);
    for (const key of [f.clientKey, 'clk_op_wrong']) {
      const res = await f.app.request('/ops/signin', { method: 'POST', body: new URLSearchParams({ key }) });
      expect(res.status).toBe(403);
      expect(res.headers.get('set-cookie')).toBeNull();
      expect(await res.text()).toContain('That key cannot open the console.');
    }
  });

  it('signs in with an operator key: an HttpOnly, SameSite=Strict session cookie, Secure over https', async () => {
    const { setCookie } = await signIn();
    expect(setCookie).toMatch(/^cl_ops_session=[A-Za-z0-9_-]{40,};/);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    expect(setCookie).toMatch(/Path=\/ops/);
    expect(setCookie).not.toMatch(/Secure/);
    expect((await signIn('https://ops.example/ops/signin')).setCookie).toMatch(/Secure/);
    // The session token is stored hashed, never as sent.
    const token = setCookie.split(';')[0]!.split('=')[1]!;
    const rows = await f.tdb.db.$client<{ n: number }[]>`select count(*)::int as n from ops_sessions where token_hash = ${token}`;
    expect(rows[0]!.n).toBe(0);
  });

  it("shows sources and accepts actions only with the session's CSRF token and from this origin", async () => {
    const { cookie, csrf } = await signIn();
    const page = await f.app.request('/ops', { headers: { cookie } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const text = await page.text();
    expect(text).toContain('id="source-onet"');
    expect(text).toContain('data-freshness="pending"');
    const post = (body: Record<string, string>, headers: Record<string, string> = {}) =>
      f.app.request('/ops/sources/onet/run', { method: 'POST', headers: { cookie, ...headers }, body: new URLSearchParams(body) });
    expect((await post({})).status).toBe(403);
    expect((await post({ _csrf: 'x'.repeat(csrf.length) })).status).toBe(403);
    expect((await post({ _csrf: csrf }, { origin: 'https://evil.example' })).status).toBe(403);
    const ok = await post({ _csrf: csrf }, { origin: 'http://localhost' });
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toMatch(/^\/ops\/runs\/\d+$/);
    const detail = await f.app.request(ok.headers.get('location')!, { headers: { cookie } });
    expect(await detail.text()).toMatch(/data-status="queued"/);
    const live = await f.app.request(`/ops/live.json?ids=${ok.headers.get('location')!.split('/').pop()}`, { headers: { cookie } });
    expect(((await live.json()) as { runs: { status: string }[] }).runs[0]!.status).toBe('queued');
    const bad = await f.app.request('/ops/sources/onet/schedule', {
      method: 'POST',
      headers: { cookie },
      body: new URLSearchParams({ _csrf: csrf, cron: 'nope', tz: 'UTC' }),
    });
    expect(decodeURIComponent(bad.headers.get('location')!)).toMatch(/error=invalid cron expression "nope"/);
    const audit = await f.tdb.db.$client<{ actor: string; action: string }[]>`select actor, action from audit_log order by id`;
    expect(audit).toEqual([{ actor: expect.stringMatching(/^key:\d+:ops-test$/), action: 'source.run' }]);
  });

  it("serves BullMQ's queue board behind the same sign-in", async () => {
    const { cookie } = await signIn();
    const res = await f.app.request('/ops/queues/api/queues?activeQueue=ingest', { headers: { cookie } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { queues: { name: string }[] };
    expect(body.queues.map((q) => q.name).sort()).toEqual(['careers', 'comparisons', 'ingest']);
    const ui = await f.app.request('/ops/queues', { headers: { cookie } });
    expect(ui.status).toBe(200);
    expect(await ui.text()).toContain('<div id="root">');
    const bearer = await f.app.request('/ops/queues/api/queues', { headers: { authorization: `Bearer ${f.operatorKey}` } });
    expect(bearer.status).toBe(200);
    expect((await f.app.request('/ops/queues/api/queues', { headers: { authorization: `Bearer ${f.clientKey}` } })).status).toBe(403);
  });

  it("the queue board is read-only, and its writes need the session's CSRF token", async () => {
    const { cookie, csrf } = await signIn();
    await f.queues.ingest.add('probe', { sourceId: 'onet' } as never, { jobId: 'board-probe', delay: 60_000 });
    const write = (path: string, method: string, headers: Record<string, string> = {}) =>
      f.app.request(`/ops/queues/api/queues/ingest/${path}`, { method, headers: { cookie, ...headers } });
    expect((await write('clean/delayed', 'PUT')).status).toBe(403); // no CSRF token
    for (const [path, method] of [
      ['clean/delayed', 'PUT'],
      ['board-probe', 'DELETE'],
      ['pause', 'PUT'],
      ['board-probe/promote', 'PUT'],
    ] as const) {
      const res = await write(path, method, { 'x-csrf-token': csrf });
      expect(res.status, `${method} ${path}`).toBeGreaterThanOrEqual(400);
    }
    const bearer = await f.app.request('/ops/queues/api/queues/ingest/clean/delayed', { method: 'PUT', headers: { authorization: `Bearer ${f.operatorKey}` } });
    expect(bearer.status).toBeGreaterThanOrEqual(400);
    expect(await f.queues.ingest.getJob('board-probe')).toBeTruthy();
    expect(await f.queues.ingest.isPaused()).toBe(false);
    await f.queues.ingest.remove('board-probe');
  });

  it('signs out: the session is gone', async () => {
    const { cookie, csrf } = await signIn();
    const out = await f.app.request('/ops/signout', { method: 'POST', headers: { cookie }, body: new URLSearchParams({ _csrf: csrf }) });
    expect(out.status).toBe(303);
    expect((await f.app.request('/ops', { headers: { cookie, ...html } })).status).toBe(303);
  });
});
