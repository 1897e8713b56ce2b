import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { boolean } from './columns';

/**
 * One row per retention cleanup; `deleted_counts` is JSON {table: rows} (rows that would go, on a dry
 * run); `owner` is the `host:pid` running it, so a run whose process died can be told from a live one.
 */
export const retentionRuns = sqliteTable(
  'retention_runs',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    startedAt: text('started_at').notNull(),
    finishedAt: text('finished_at'),
    status: text('status', { enum: ['running', 'succeeded', 'failed'] }).notNull(),
    dryRun: boolean('dry_run').notNull().default(false),
    tableName: text('table_name'),
    triggeredBy: text('triggered_by').notNull(),
    deletedCounts: text('deleted_counts'),
    totalDeleted: integer('total_deleted').notNull().default(0),
    error: text('error'),
    owner: text('owner'),
  },
  (t) => [index('idx_retention_runs_started').on(t.startedAt)],
);
