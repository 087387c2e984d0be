import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/schema/index.ts',
  out: './drizzle',
  // BullMQ's PostgreSQL backend keeps its tables in schema `bullmq`; it is not ours to diff.
  schemaFilter: ['public'],
});
