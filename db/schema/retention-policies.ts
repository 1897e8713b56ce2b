import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { boolean, createdNow } from './columns';

export const retentionPolicies = sqliteTable('retention_policies', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  tableName: text('table_name').notNull().unique(),
  retentionDays: integer('retention_days').notNull(),
  isActive: boolean('is_active').default(true),
  createdAt: createdNow(),
  updatedAt: createdNow('updated_at'),
});
