/**
 * What an ingest run reads and writes besides its batch (src/ingest/run-ingest.ts): archived
 * document bodies, the career set's fingerprint, the career directory adapters match titles
 * against, and the technology skills O*NET stated.
 */
import { gzipSync } from 'node:zlib';
import type postgres from 'postgres';
import type { DirectoryCareer } from '../../core/batch.js';
import type { TechSkillRow } from '../../core/skills.js';
import { careersFingerprintQuery } from './write-batch.js';
import { latestTaskStatements } from './facts.js';

/** Keeps each distinct body of a document once (gzip); returns its row id. */
export async function archiveDocument(
  sql: postgres.Sql,
  doc: { sourceId: string; url: string; body: Buffer; sha256: string; contentType: string | null },
): Promise<number> {
  const [row] = await sql<{ id: number }[]>`
    insert into raw_documents (source_id, url, sha256, bytes, content_type, body)
    values (${doc.sourceId}, ${doc.url}, ${doc.sha256}, ${doc.body.length}, ${doc.contentType}, ${gzipSync(doc.body)})
    on conflict (source_id, url, sha256) do update set fetched_at = now()
    returning id`;
  return Number(row!.id);
}

/** The career set's fingerprint now (see careersFingerprintQuery). */
export async function careersFingerprint(sql: postgres.Sql): Promise<string> {
  const [fp] = await sql<{ fingerprint: string }[]>`select (${sql.unsafe(careersFingerprintQuery)}) as fingerprint`;
  return fp!.fingerprint;
}

/** Distinct O*NET technology skills across every source's facts of `key`, flags OR-ed. */
export async function loadTechnologySkills(sql: postgres.Sql, key: string): Promise<TechSkillRow[]> {
  return sql<TechSkillRow[]>`
    select s->>'example' as example, s->>'commodityTitle' as "commodityTitle",
      bool_or((s->>'hot')::boolean) as hot, bool_or((s->>'inDemand')::boolean) as "inDemand"
    from facts f cross join jsonb_array_elements(f.value) s
    where f.key = ${key}
    group by 1, 2 order by 1, 2`;
}

/**
 * What the technology skills depend on: this database, and the count and latest fetch of the
 * facts of `key` (a scan of the facts' rows without reading their values, unlike the skills' query).
 */
export async function technologySkillsKey(sql: postgres.Sql, key: string): Promise<string> {
  const [row] = await sql<{ key: string }[]>`
    select current_database() || '|' || count(*) || '|' || coalesce(max(fetched_at)::text, '') as key from facts where key = ${key}`;
  return row!.key;
}

/**
 * What the career directory depends on besides the career set: this database, its aliases' count
 * and evidence, and the task statements (fact `tasksKey`) the title matcher reads.
 */
export async function careerDirectoryKey(sql: postgres.Sql, tasksKey: string): Promise<string> {
  const [row] = await sql<{ key: string }[]>`select current_database() || '|' || (select count(*) || '|' || coalesce(sum(evidence), 0) from career_aliases)
    || '|' || (select count(*) || '|' || coalesce(max(updated_at)::text, '') from facts where key = ${tasksKey}) as key`;
  return row!.key;
}

/**
 * Every career with its aliases and their evidence (aliases in normalized order), its description
 * and the task statements of its newest fact `tasksKey` (in the fact's order).
 */
export async function loadCareerDirectory(sql: postgres.Sql, tasksKey: string): Promise<DirectoryCareer[]> {
  return sql<DirectoryCareer[]>`
    select c.id, c.slug, c.onet_code as "onetCode", c.title, c.description,
      coalesce(array_agg(a.alias order by a.normalized) filter (where a.alias is not null), '{}') as aliases,
      coalesce(array_agg(a.evidence order by a.normalized) filter (where a.alias is not null), '{}') as "aliasEvidence",
      ${latestTaskStatements(sql, tasksKey)} as tasks
    from careers c left join career_aliases a on a.career_id = c.id
    group by c.id order by c.id`;
}
