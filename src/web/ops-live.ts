/**
 * The console's only script (served as /ops/assets/live.js, no build step): every element with
 * `data-run` whose run is queued or running is refreshed from /ops/live.json once a second, in
 * place, until the run finishes: status, progress, stats and error.
 */
export const liveJs = `
(() => {
  const active = (s) => s === 'queued' || s === 'running';
  const set = (el, field, text) => { for (const f of el.querySelectorAll('[data-field="' + field + '"]')) f.textContent = text; };
  function apply(el, run) {
    el.dataset.status = run.status;
    for (const b of el.querySelectorAll('[data-field="status"]')) b.className = 'badge status-' + run.status;
    set(el, 'status', run.status);
    const p = run.progress;
    set(el, 'progress', active(run.status) && p ? (p.percent ?? 0) + '% ' + (p.message ?? '') : '');
    set(el, 'error', run.error ?? '');
    for (const dl of el.querySelectorAll('[data-field="stats"]')) {
      dl.replaceChildren();
      for (const [k, v] of Object.entries(run.stats)) {
        const dt = document.createElement('dt'); dt.textContent = k;
        const dd = document.createElement('dd'); dd.textContent = String(v);
        dl.append(dt, dd);
      }
    }
  }
  async function tick() {
    const pending = [...document.querySelectorAll('[data-run]')].filter((e) => active(e.dataset.status));
    if (!pending.length) return;
    const ids = [...new Set(pending.map((e) => e.dataset.run))].join(',');
    try {
      const res = await fetch('/ops/live.json?ids=' + ids, { headers: { accept: 'application/json' } });
      if (res.ok) {
        const { runs } = await res.json();
        for (const run of runs) for (const el of document.querySelectorAll('[data-run="' + run.id + '"]')) apply(el, run);
      }
    } catch {}
    setTimeout(tick, 1000);
  }
  tick();
})();
`;

export const opsCss = `
.badge { display: inline-block; padding: 0 .45rem; border-radius: .6rem; font-size: .8rem; background: #eaeef2; }
.status-succeeded, .fresh { background: #dafbe1; } .status-unchanged { background: #ddf4ff; }
.status-failed, .stale { background: #ffebe9; color: #82071e; font-weight: 600; } .status-running, .status-queued, .pending { background: #fff8c5; }
.err { color: #82071e; font-size: .85rem; white-space: pre-wrap; } .muted { color: #57606a; font-size: .85rem; }
form.inline { display: inline; margin: 0 .15rem; } button { cursor: pointer; }
dl.stats { display: grid; grid-template-columns: max-content auto; gap: .1rem 1rem; } dl.stats dd { margin: 0; }
.notice { padding: .5rem .75rem; background: #ddf4ff; border-radius: .3rem; } .notice.bad { background: #ffebe9; }
section { margin: 1.5rem 0; } td input { width: 9rem; }
`;
