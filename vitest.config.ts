import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    testTimeout: 180_000,
    hookTimeout: 420_000,
    // Generous limits: tests that spawn processes or seed the real data sets take minutes on a
    // busy 2-core machine; a limit is for a hung test, not a speed check (speed is in bench/).
    // Integration files share one database per run; running files one by one keeps the
    // 2-core machine from thrashing and keeps queue timings predictable.
    fileParallelism: false,
    projects: [
      // Pure code beside its source: no PostgreSQL, no Redis, no network (`npx vitest --project unit`).
      { extends: true, test: { name: 'unit', include: ['src/**/*.test.ts'] } },
      // The real stores, processes and HTTP: the global setup checks PostgreSQL and Redis answer.
      { extends: true, test: { name: 'integration', include: ['test/**/*.test.ts'], globalSetup: ['test/global-setup.ts'] } },
    ],
  },
});
