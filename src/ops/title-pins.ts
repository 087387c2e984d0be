/**
 * Title pins: an operator sends a job title to a career for good. The API, the console and the
 * CLI all go through here, so every pin and unpin is validated and audited the same way. Each
 * change queues a run of the sources that match titles; pins are part of the fingerprint that
 * makes a source read its unchanged documents again, and win over the matcher there.
 */
import { normalizeText } from '../core/text-normalize.js';
import { MAX_TITLE_LENGTH } from '../core/title-normalize.js';
import { actorLabel, recordAudit, type Actor } from '../db/queries/audit.js';
import { closestCareers, findCareer } from '../db/queries/careers.js';
import {
  deleteTitlePin,
  getTitlePin,
  listTitlePins,
  listUnmatchedTitles,
  upsertTitlePin,
  type TitlePinRow,
  type UnmatchedTitleRow,
} from '../db/queries/title-pins.js';
import { requestRun } from '../queue/schedules.js';
import { succeededSourcesOfKinds } from '../db/queries/sources.js';
import type { OpsDeps, OpsResult } from './sources.js';

/** Source kinds whose records reach careers through job titles. */
const TITLE_KINDS = ['job-postings', 'salary-survey'];

export interface TitlePin {
  /** The title as the operator wrote it, and as it is looked up. */
  title: string;
  normalized: string;
  career: { slug: string; title: string };
  pinnedBy: string;
  updatedAt: string;
  /** Runs queued so that the sources matching titles apply the change now. */
  runs?: { sourceId: string; runId: number }[];
}

const view = (r: TitlePinRow): TitlePin => ({
  title: r.title,
  normalized: r.normalized,
  career: { slug: r.careerSlug, title: r.careerTitle },
  pinnedBy: r.pinnedBy,
  updatedAt: r.updatedAt.toISOString(),
});

/** The lookup key of a title, or why it cannot be pinned. */
function keyOf(title: string): OpsResult<string> {
  const trimmed = title.trim();
  if (trimmed.length > MAX_TITLE_LENGTH) return { ok: false, error: 'invalid', message: `a title has at most ${MAX_TITLE_LENGTH} characters` };
  const key = normalizeText(trimmed);
  if (!key) return { ok: false, error: 'invalid', message: 'the title has no letters or digits to match on' };
  return { ok: true, value: key };
}

/** Pins `title` to a career (slug or O*NET-SOC code); an earlier pin of the same title is replaced. */
export async function pinTitle(deps: OpsDeps, actor: Actor, input: { title: string; career: string }): Promise<OpsResult<TitlePin>> {
  const key = keyOf(input.title);
  if (!key.ok) return key;
  const career = await findCareer(deps.db, input.career.trim());
  if (!career) {
    const near = await closestCareers(deps.db, input.career);
    return {
      ok: false,
      error: 'not-found',
      message: `no career "${input.career}"${near.length ? `; did you mean ${near.map((c) => c.slug).join(', ')}?` : ''}`,
    };
  }
  const before = await getTitlePin(deps.db, key.value);
  await upsertTitlePin(deps.db, { normalized: key.value, title: input.title.trim(), careerId: career.id, pinnedBy: actorLabel(actor) });
  await recordAudit(deps.db, {
    actor,
    action: 'title.pin',
    target: key.value,
    details: { title: input.title.trim(), career: career.slug, ...(before ? { previous: before.careerSlug } : {}) },
  });
  return { ok: true, value: { ...view((await getTitlePin(deps.db, key.value))!), runs: await rerunTitleSources(deps) } };
}

/** Queues a run of every active source that matches titles (an existing queued run is reused). */
async function rerunTitleSources(deps: OpsDeps): Promise<{ sourceId: string; runId: number }[]> {
  const runs = [];
  for (const id of await succeededSourcesOfKinds(deps.db, TITLE_KINDS))
    runs.push({ sourceId: id, runId: (await requestRun(deps.db, deps.queues, id, 'manual')).runId });
  return runs;
}

/** Removes the pin of `title`: from the next run on the matcher decides again. */
export async function unpinTitle(
  deps: OpsDeps,
  actor: Actor,
  title: string,
): Promise<OpsResult<{ title: string; normalized: string; career: string; runs: { sourceId: string; runId: number }[] }>> {
  const key = keyOf(title);
  if (!key.ok) return key;
  const before = await getTitlePin(deps.db, key.value);
  if (!before || !(await deleteTitlePin(deps.db, key.value))) return { ok: false, error: 'not-found', message: `no pin for "${title}"` };
  await recordAudit(deps.db, { actor, action: 'title.unpin', target: key.value, details: { title: before.title, career: before.careerSlug } });
  return { ok: true, value: { title: before.title, normalized: key.value, career: before.careerSlug, runs: await rerunTitleSources(deps) } };
}

export async function listPins(deps: OpsDeps): Promise<TitlePin[]> {
  return (await listTitlePins(deps.db)).map(view);
}

/** Titles no career took at the last run of each source, with their candidates. */
export async function listUnmatched(deps: OpsDeps, limit = 200): Promise<UnmatchedTitleRow[]> {
  return listUnmatchedTitles(deps.db, { limit });
}
