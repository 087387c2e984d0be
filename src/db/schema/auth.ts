import { index, integer, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';

export const apiKeyRoles = ['client', 'operator'] as const;
export type ApiKeyRole = (typeof apiKeyRoles)[number];

/**
 * API keys, stored as the sha256 of the key (never the key itself). `prefix` is the visible
 * start of the key (`clk_op_AbC1…`) so operators can tell keys apart in lists and the audit log.
 */
export const apiKeys = pgTable('api_keys', {
  id: serial('id').primaryKey(),
  name: text('name').notNull(),
  role: text('role', { enum: apiKeyRoles }).notNull(),
  prefix: text('prefix').notNull(),
  hash: text('hash').notNull().unique(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
  /** This key's own API budget, requests per minute; null: RATE_LIMIT_KEYED. */
  ratePerMinute: integer('rate_per_minute'),
});

/**
 * Console sessions: the cookie holds a random token, the table its sha256 (a stolen database
 * dump cannot sign anyone in), the key that signed in, a CSRF token for the console's forms,
 * and an expiry.
 */
export const opsSessions = pgTable(
  'ops_sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    keyId: integer('key_id')
      .notNull()
      .references(() => apiKeys.id, { onDelete: 'cascade' }),
    csrfToken: text('csrf_token').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('ops_sessions_expires_idx').on(t.expiresAt)],
);
