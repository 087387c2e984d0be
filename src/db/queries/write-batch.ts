import type postgres from 'postgres';
import type { ServedSnapshot } from '../schema/sources.js';
import { rowsOf } from '../bulk.js';
import { contentHash } from '../../core/stable-hash.js';
import { RunEndedError, ShrinkRefusedError, type CareerInput, type CareerRef, type FactInput, type NormalizedBatch } from '../../core/batch.js';

export interface DocumentRecord {
  url: string;
  sha256: string;
  etag: string | null;
  lastModified: string | null;
  rawDocumentId: number;
}

export interface WriteResult {
  inserted: number;
  updated: number;
  unchanged: number;
  removed: number;
  /** Careers whose own row or any of whose facts from this source changed. */
  changedCareerIds: number[];
  /** Facts whose career reference matched no career. */
  unresolved: number;
  /** Career rows inserted or updated. */
  careersWritten: number;
}

type Sql = postgres.Sql | postgres.TransactionSql;

/** SQL text of the career-set fingerprint: how many careers, and the newest change to one. */
/**
 * What a source's batch depends on besides its documents: the career set and the operators'
 * title pins. When it moved since the source's last success, unchanged documents are read again.
 */
export const careersFingerprintQuery = `select count(*)::text || ':' || coalesce(max(updated_at)::text, '') || ':' || (
  select count(*)::text || ':' || coalesce(sum(hashtext(normalized || '>' || career_id::text)), 0)::text from title_pins) from careers`;

/** How far one run may shrink a source: the share of its facts it may remove, unless allowed. */
export interface ShrinkGuard {
  /** 0–1: a batch removing more than this share of the source's facts is refused. */
  maxRatio: number;
  /** An operator confirmed the source really shrank (`--allow-shrink`): no limit this run. */
  allow: boolean;
}

/**
 * Writes a source's normalized batch in one transaction: careers, aliases and facts are
 * upserted, facts the source no longer states are removed, the documents' validators are
 * recorded, and changed careers are marked for metric recomputation. Re-writing the same batch
 * changes nothing (facts carry a content hash). A batch that would remove more of the source's
 * facts than `shrink` allows throws ShrinkRefusedError and writes nothing. With `runId`, the run
 * must still be running (not cancelled or reaped meanwhile); its row stays locked until commit.
 */
export async function writeBatch(
  sql: postgres.Sql,
  params: {
    sourceId: string;
    batch: NormalizedBatch;
    documents: DocumentRecord[];
    fetchedAt: Date;
    normalizerVersion?: number;
    shrink?: ShrinkGuard;
    runId?: number;
    /** The bundled snapshot this batch was read from; null or absent: live data. */
    snapshot?: ServedSnapshot | null;
  },
): Promise<WriteResult> {
  const { sourceId, batch, documents } = params;
  // As text: in a select list postgres.js cannot infer a Date parameter's type.
  const at = params.fetchedAt.toISOString();
  return sql.begin(async (tx) => {
    await tx`select pg_advisory_xact_lock(hashtext(${`ingest:${sourceId}`}))`;
    if (params.runId !== undefined) {
      const [run] = await tx<{ status: string; error: string | null }[]>`select status, error from ingest_runs where id = ${params.runId} for update`;
      if (run?.status !== 'running') throw new RunEndedError(params.runId, run?.status ?? 'gone', run?.error ?? null);
    }
    const [{ existing }] = (await tx<{ existing: number }[]>`select count(*)::int as existing from facts where source_id = ${sourceId}`) as unknown as [
      { existing: number },
    ];
    const careersWritten = await upsertCareers(tx, batch.careers);
    const changed = new Set<number>(careersWritten);
    const index = await loadCareerIndex(tx);
    const docIds = new Map(documents.map((d) => [d.url, d.rawDocumentId]));
    const { rows, unresolved } = resolveFacts(batch.facts, index, docIds);
    const retained = (batch.retain ?? []).flatMap((ref) => idsOf(ref, index));
    await tx`create temp table staged_facts (career_id int, key text, period text, value jsonb, hash text, raw_document_id bigint) on commit drop`;
    for (let i = 0; i < rows.length; i += 5_000) {
      await tx`insert into staged_facts ${rowsOf(tx, rows.slice(i, i + 5_000), ['career_id', 'key', 'period', 'value', 'hash', 'raw_document_id'])}`;
    }
    const written = await tx<{ career_id: number; inserted: boolean }[]>`
      insert into facts (career_id, source_id, key, period, value, hash, raw_document_id, fetched_at)
      select career_id, ${sourceId}, key, period, value, hash, raw_document_id, ${at}::timestamptz from staged_facts
      on conflict (career_id, source_id, key, period) do update
        set value = excluded.value, hash = excluded.hash, raw_document_id = excluded.raw_document_id,
            fetched_at = excluded.fetched_at, updated_at = now()
        where facts.hash <> excluded.hash
      returning career_id, (xmax = 0) as inserted`;
    const ownedKeys = batch.ownedKeys ?? [...new Set(batch.facts.map((f) => f.key))];
    const removed = await tx<{ career_id: number }[]>`
      delete from facts f where f.source_id = ${sourceId} and f.key = any(${ownedKeys}::text[])
        and (${batch.periods ?? null}::text[] is null or f.period = any(${batch.periods ?? null}::text[]))
        and not exists (select 1 from staged_facts s where s.career_id = f.career_id and s.key = f.key and s.period = f.period)
        and not (f.career_id = any(${retained}::int[]))
      returning career_id`;
    const shrink = params.shrink;
    if (shrink && !shrink.allow && existing > 0 && removed.length / existing > shrink.maxRatio) {
      throw new ShrinkRefusedError(sourceId, removed.length, existing, shrink.maxRatio);
    }
    // Every fact this run confirmed carries the time it was last fetched.
    await tx`update facts f set fetched_at = ${at}::timestamptz where f.source_id = ${sourceId} and f.fetched_at < ${at}::timestamptz`;
    for (const r of written) changed.add(r.career_id);
    for (const r of removed) changed.add(r.career_id);
    for (const id of await recordServedFrom(tx, sourceId, params.snapshot ?? null)) changed.add(id);
    await recordDocuments(tx, sourceId, documents);
    // The career set this batch was resolved against: when it changes, the next run reads the
    // documents again even if they did not change (facts may now name careers that exist).
    // And the adapter version that read them: a newer one reads them again (SourceAdapter.version).
    await tx`update sources set careers_fingerprint = (${tx.unsafe(careersFingerprintQuery)}),
      normalizer_version = ${params.normalizerVersion ?? null} where id = ${sourceId}`;
    await replaceUnmatched(tx, sourceId, batch);
    const changedCareerIds = [...changed].sort((a, b) => a - b);
    if (changedCareerIds.length) {
      await tx`insert into dirty_careers (career_id, stage) select unnest(${changedCareerIds}::int[]), 'metrics' on conflict do nothing`;
    }
    await tx`update sources set last_success_at = ${at}::timestamptz where id = ${sourceId}`;
    const inserted = written.filter((r) => r.inserted).length;
    return {
      inserted,
      updated: written.length - inserted,
      unchanged: rows.length - written.length,
      removed: removed.length,
      changedCareerIds,
      unresolved,
      careersWritten: careersWritten.length,
    };
  }) as Promise<WriteResult>;
}

/**
 * Records whether the source now serves bundled-snapshot data or live data (call it with this
 * batch's facts in `staged_facts`). When that changes, every fact of the source is touched and its careers returned as changed, so their figures'
 * provenance ("bundled snapshot, retrieved …") follows even where the values are the same.
 */
async function recordServedFrom(tx: Sql, sourceId: string, snapshot: ServedSnapshot | null): Promise<number[]> {
  const [row] = await tx<{ snapshot: ServedSnapshot | null }[]>`select snapshot from sources where id = ${sourceId}`;
  if (JSON.stringify(row?.snapshot ?? null) === JSON.stringify(snapshot)) return [];
  await tx`update sources set snapshot = ${snapshot ? JSON.stringify(snapshot) : null}::jsonb where id = ${sourceId}`;
  // Facts whose value is the same still name the document this batch read them from.
  await tx`update facts f set raw_document_id = s.raw_document_id from staged_facts s
    where f.source_id = ${sourceId} and f.career_id = s.career_id and f.key = s.key and f.period = s.period
      and f.raw_document_id is distinct from s.raw_document_id`;
  const touched = await tx<{ career_id: number }[]>`update facts set updated_at = now() where source_id = ${sourceId} returning career_id`;
  return [...new Set(touched.map((r) => r.career_id))];
}

async function upsertCareers(tx: Sql, careers: CareerInput[]): Promise<number[]> {
  if (careers.length === 0) return [];
  const cols = ['onet_code', 'slug', 'title', 'description', 'category', 'origin'] as const;
  const rows = careers.map((c) => ({
    onet_code: c.onetCode,
    slug: c.slug,
    title: c.title,
    description: c.description,
    category: c.category,
    origin: c.origin,
  }));
  const changed: number[] = [];
  const byCode = rows.filter((r) => r.onet_code !== null);
  const bySlug = rows.filter((r) => r.onet_code === null);
  for (let i = 0; i < byCode.length; i += 2_000) {
    const out = await tx<{ id: number }[]>`
      insert into careers ${rowsOf(tx, byCode.slice(i, i + 2_000), cols)}
      on conflict (onet_code) do update set slug = excluded.slug, title = excluded.title,
        description = excluded.description, category = excluded.category, updated_at = now()
      where (careers.slug, careers.title, careers.description, careers.category)
        is distinct from (excluded.slug, excluded.title, excluded.description, excluded.category)
      returning id`;
    changed.push(...out.map((r) => r.id));
  }
  for (let i = 0; i < bySlug.length; i += 2_000) {
    const out = await tx<{ id: number }[]>`
      insert into careers ${rowsOf(tx, bySlug.slice(i, i + 2_000), cols)}
      on conflict (slug) do update set title = excluded.title, description = excluded.description,
        category = excluded.category, updated_at = now()
      where (careers.title, careers.description, careers.category)
        is distinct from (excluded.title, excluded.description, excluded.category)
      returning id`;
    changed.push(...out.map((r) => r.id));
  }
  await upsertAliases(tx, careers);
  return changed;
}

async function upsertAliases(tx: Sql, careers: CareerInput[]): Promise<void> {
  const aliasRows: { slug: string; alias: string; normalized: string; evidence: number }[] = [];
  for (const c of careers) {
    const seen = new Set<string>();
    const names = [c.title, ...c.aliases];
    const evidence = [1, ...(c.aliasEvidence ?? [])];
    names.forEach((alias, i) => {
      const normalized = alias.toLowerCase().replace(/\s+/g, ' ').trim();
      if (!normalized || seen.has(normalized)) return;
      seen.add(normalized);
      aliasRows.push({ slug: c.slug, alias, normalized, evidence: Math.min(32_767, Math.max(1, evidence[i] ?? 1)) });
    });
  }
  for (let i = 0; i < aliasRows.length; i += 10_000) {
    const chunk = aliasRows.slice(i, i + 10_000);
    await tx`
      insert into career_aliases (career_id, alias, normalized, evidence)
      select c.id, a.alias, a.normalized, a.evidence
      from unnest(${chunk.map((r) => r.slug)}::text[], ${chunk.map((r) => r.alias)}::text[], ${chunk.map((r) => r.normalized)}::text[],
        ${chunk.map((r) => r.evidence)}::smallint[]) as a(slug, alias, normalized, evidence)
      join careers c on c.slug = a.slug
      on conflict (career_id, normalized) do update set evidence = excluded.evidence
      where career_aliases.evidence <> excluded.evidence`;
  }
}

interface CareerIndex {
  byCode: Map<string, number>;
  bySoc6: Map<string, number[]>;
  bySlug: Map<string, number>;
}

async function loadCareerIndex(tx: Sql): Promise<CareerIndex> {
  const rows = await tx<{ id: number; onet_code: string | null; slug: string }[]>`select id, onet_code, slug from careers`;
  const index: CareerIndex = { byCode: new Map(), bySoc6: new Map(), bySlug: new Map() };
  for (const r of rows) {
    index.bySlug.set(r.slug, r.id);
    if (!r.onet_code) continue;
    index.byCode.set(r.onet_code, r.id);
    const soc6 = r.onet_code.slice(0, 7);
    index.bySoc6.set(soc6, [...(index.bySoc6.get(soc6) ?? []), r.id]);
  }
  return index;
}

function idsOf(ref: CareerRef, index: CareerIndex): number[] {
  const ids = 'onetCode' in ref ? [index.byCode.get(ref.onetCode)] : 'slug' in ref ? [index.bySlug.get(ref.slug)] : (index.bySoc6.get(ref.soc6) ?? []);
  return ids.filter((id): id is number => id !== undefined);
}

interface StagedFact {
  career_id: number;
  key: string;
  period: string;
  value: string;
  hash: string;
  raw_document_id: number | null;
}

/**
 * Turns career references into ids. A 6-digit SOC fact applies to every O*NET detail
 * occupation under it unless a fact names that occupation exactly (exact wins).
 */
function resolveFacts(facts: FactInput[], index: CareerIndex, docIds: Map<string, number>): { rows: StagedFact[]; unresolved: number } {
  const out = new Map<string, StagedFact & { exact: boolean }>();
  let unresolved = 0;
  for (const f of facts) {
    const ref = f.career;
    const exact = !('soc6' in ref);
    const found = idsOf(ref, index);
    if (found.length === 0) {
      unresolved++;
      continue;
    }
    const hash = contentHash(f.value);
    // Sent as JSON text: postgres.js does not serialize objects in bulk row helpers.
    const json = JSON.stringify(f.value);
    for (const careerId of found) {
      const k = `${careerId}\u0000${f.key}\u0000${f.period}`;
      const prev = out.get(k);
      if (prev?.exact && !exact) continue;
      out.set(k, { career_id: careerId, key: f.key, period: f.period, value: json, hash, raw_document_id: docIds.get(f.documentUrl) ?? null, exact });
    }
  }
  return { rows: [...out.values()].map(({ exact: _exact, ...row }) => row), unresolved };
}

async function recordDocuments(tx: Sql, sourceId: string, documents: DocumentRecord[]): Promise<void> {
  for (const d of documents) {
    await tx`
      insert into source_documents (source_id, url, etag, last_modified, sha256, raw_document_id, checked_at)
      values (${sourceId}, ${d.url}, ${d.etag}, ${d.lastModified}, ${d.sha256}, ${d.rawDocumentId}, now())
      on conflict (source_id, url) do update set etag = excluded.etag, last_modified = excluded.last_modified,
        sha256 = excluded.sha256, raw_document_id = excluded.raw_document_id, checked_at = now()`;
  }
}

async function replaceUnmatched(tx: Sql, sourceId: string, batch: NormalizedBatch): Promise<void> {
  if (!batch.unmatched) return;
  await tx`delete from unmatched_titles where source_id = ${sourceId}`;
  const rows = batch.unmatched.map((u) => ({ source_id: sourceId, title: u.title.slice(0, 500), count: u.count, candidates: JSON.stringify(u.candidates) }));
  for (let i = 0; i < rows.length; i += 5_000) {
    await tx`insert into unmatched_titles ${rowsOf(tx, rows.slice(i, i + 5_000), ['source_id', 'title', 'count', 'candidates'])} on conflict do nothing`;
  }
}
