import { boolean, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { createdNow, identityId } from './columns';

export const retentionPolicies = pgTable('retention_policies', {
  id: identityId(),
  tableName: text('table_name').notNull().unique(),
  retentionDays: integer('retention_days').notNull(),
  isActive: boolean('is_active').default(true),
  createdAt: createdNow(),
  updatedAt: createdNow('updated_at'),
});
