import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 180_000,
    hookTimeout: 420_000,
    // Generous limits: tests that spawn processes or seed the real data sets take minutes on a
    // busy 2-core machine; a limit is for a hung test, not a speed check (speed is in bench/).
    // Integration files share one database per run; running files one by one keeps the
    // 2-core machine from thrashing and keeps queue timings predictable.
    fileParallelism: false,
  },
});
