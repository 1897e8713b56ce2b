import { sql } from 'drizzle-orm';
import { check, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { createdNow, identityId, timestamptz } from './columns';

export const adminUsers = pgTable(
  'admin_users',
  {
    id: identityId(),
    email: text('email').notNull().unique(),
    passwordHash: text('password_hash').notNull(),
    role: text('role', { enum: ['admin', 'viewer'] }).notNull(),
    createdAt: createdNow(),
    updatedAt: createdNow('updated_at'),
    lastLoginAt: timestamptz('last_login_at'),
    /** Carried by each session; bumped to end every session of the user (sign-out, password or role change). */
    sessionEpoch: integer('session_epoch').notNull().default(0),
  },
  // The name PostgreSQL gave the column's CHECK in migration 0005.
  (t) => [check('admin_users_role_check', sql`${t.role} IN ('admin', 'viewer')`)],
);
