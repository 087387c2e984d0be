import type { Db } from '../client.js';

export interface SearchRow {
  id: number;
  slug: string;
  title: string;
  category: string;
  onetCode: string | null;
  aliases: string[];
}

/** Every career with its aliases, for the API's in-process search index. */
export async function loadSearchRows(db: Db): Promise<SearchRow[]> {
  return db.$client<SearchRow[]>`
    select c.id, c.slug, c.title, c.category, c.onet_code as "onetCode",
      coalesce((select array_agg(a.alias order by a.alias) from career_aliases a where a.career_id = c.id), '{}') as aliases
    from careers c order by c.title, c.slug`;
}

/** Aliases of one career (the profile lists them). */
export async function loadAliases(db: Db, careerId: number): Promise<string[]> {
  const rows = await db.$client<{ alias: string }[]>`select alias from career_aliases where career_id = ${careerId} order by alias`;
  return rows.map((r) => r.alias);
}

export interface SimilarCareers {
  basis: 'skills' | 'category';
  items: { slug: string; title: string; category: string; onetCode: string | null; overlap: number | null; similarity: number | null }[];
}

/**
 * Nearest careers by skills, read from the stored comparisons: by the rated skill-and-knowledge
 * similarity (`m`) where both sides have ratings, then by technology overlap (`o`); while no
 * pair has either yet, careers of the same category.
 */
export async function loadSimilar(db: Db, career: { id: number; category: string }, limit: number): Promise<SimilarCareers> {
  const sql = db.$client;
  const bySkills = await sql<SimilarCareers['items']>`
    select c.slug, c.title, c.category, c.onet_code as "onetCode", p.o as overlap, nullif(p.m, -1) as similarity from (
      select b_id as other, (data->>'o')::int as o, coalesce((data->>'m')::int, -1) as m from comparisons where a_id = ${career.id}
      union all
      select a_id, (data->>'o')::int, coalesce((data->>'m')::int, -1) from comparisons where b_id = ${career.id}
    ) p join careers c on c.id = p.other
    where p.m > 0 or p.o > 0
    order by p.m desc, p.o desc, c.title limit ${limit}`;
  if (bySkills.length) return { basis: 'skills', items: bySkills };
  const byCategory = await sql<SimilarCareers['items']>`
    select slug, title, category, onet_code as "onetCode", null::int as overlap, null::int as similarity from careers
    where category = ${career.category} and id <> ${career.id} order by title limit ${limit}`;
  return { basis: 'category', items: byCategory };
}
