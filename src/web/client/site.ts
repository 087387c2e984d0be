/**
 * Browser script of every dashboard page (served as /assets/site.js): suggestions for career
 * inputs (`<input data-suggest="<datalist id>">`), from the API. A few lines, no framework.
 */
/** What the script reads of `GET /v1/careers` (its CareerList schema). */
interface CareerList {
  items: { slug: string; title: string }[];
}

const timers = new WeakMap<HTMLInputElement, ReturnType<typeof setTimeout>>();
for (const input of document.querySelectorAll<HTMLInputElement>('input[data-suggest]')) {
  const list = document.getElementById(input.dataset.suggest ?? '');
  if (!list) continue;
  input.addEventListener('input', () => {
    clearTimeout(timers.get(input));
    const q = input.value.trim();
    if (q.length < 2) return;
    timers.set(
      input,
      setTimeout(async () => {
        try {
          const res = await fetch(`/v1/careers?limit=8&q=${encodeURIComponent(q.slice(0, 100))}`);
          if (!res.ok) return;
          const body = (await res.json()) as CareerList;
          list.replaceChildren(
            ...body.items.map((it) => {
              const o = document.createElement('option');
              o.value = it.slug;
              o.label = it.title;
              o.textContent = it.title;
              return o;
            }),
          );
          input.dataset.suggestions = String(body.items.length);
        } catch {
          // Suggestions are a convenience: a failed lookup leaves the input as it is.
        }
      }, 150),
    );
  });
}
