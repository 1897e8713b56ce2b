import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { createdNow } from './columns';

export const adminUsers = sqliteTable('admin_users', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  email: text('email').notNull().unique(),
  passwordHash: text('password_hash').notNull(),
  role: text('role', { enum: ['admin', 'viewer'] }).notNull(),
  createdAt: createdNow(),
  updatedAt: createdNow('updated_at'),
  lastLoginAt: text('last_login_at'),
  /** Carried by each session; bumped to end every session of the user (sign-out, password or role change). */
  sessionEpoch: integer('session_epoch').notNull().default(0),
});
