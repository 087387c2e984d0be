import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncSources } from '../../src/db/queries/sources.js';
import { readCareers } from '../../src/db/queries/facts.js';
import { closestOnetCareers } from '../../src/workers/assemble-facts.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { source } from '../ops/helpers.js';

/** Career-page careers borrow figures from the O*NET occupation their title is closest to, read on the occupations' text too. */
describe('closest O*NET career of a career-page career', () => {
  let tdb: TestDatabase;
  const sql = () => tdb.db.$client;

  beforeAll(async () => {
    tdb = await createTestDatabase();
    await syncSources(tdb.db, [source('src')]);
  });
  afterAll(async () => {
    await tdb?.drop();
  });

  it("ranks a generic title with a field on the occupations' descriptions and task statements, not their names alone", async () => {
    // Both answer to "Scientist" equally by name, and the lower id comes first on a tie: names alone give medical scientists.
    const [medical, materials] = await sql()<{ id: number }[]>`
      insert into careers (slug, title, origin, description) values
        ('medical-scientists', 'Medical Scientists', 'onet', 'Conduct research dealing with the understanding of human diseases.'),
        ('materials-scientists', 'Materials Scientists', 'onet', 'Conduct qualitative and quantitative chemical analyses of pigments and solvents.')
      returning id`;
    await sql()`insert into career_aliases (career_id, alias, normalized, evidence) values
      (${medical!.id}, 'Scientist', 'scientist', 1), (${materials!.id}, 'Scientist', 'scientist', 1)`;
    const tasks = [{ task: 'Develop polymers and resins for coatings.' }, { task: 'Compile laboratory test results.' }];
    await sql()`insert into facts (career_id, source_id, key, period, value, hash, fetched_at)
      values (${materials!.id}, 'src', 'tasks', '29.2', ${JSON.stringify(tasks)}::jsonb, 'h', now())`;
    await sql()`insert into careers (slug, title, origin) values
      ('polymer-scientist', 'Scientist, Polymers', 'career-page'), ('pigment-scientist', 'Scientist, Pigments', 'career-page')`;
    const careers = await readCareers(sql());
    const closest = await closestOnetCareers(sql(), careers);
    const bySlug = (slug: string) => closest.get(careers.find((c) => c.slug === slug)!.id);
    expect(bySlug('polymer-scientist')).toBe(materials!.id); // a task statement
    expect(bySlug('pigment-scientist')).toBe(materials!.id); // the description
  });
});
