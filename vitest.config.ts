import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Integration files share one database per run; running files one by one keeps the
    // 2-core machine from thrashing and keeps queue timings predictable.
    fileParallelism: false,
  },
});
