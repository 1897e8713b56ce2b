import { sql } from 'drizzle-orm';
import { bigint, boolean, check, index, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { identityId, timestamptz } from './columns';

/**
 * One row per retention cleanup; `deleted_counts` is {table: rows} (rows that would go, on a dry run);
 * `owner` is the `host:pid` running it, so a run whose process died can be told from a live one.
 */
export const retentionRuns = pgTable(
  'retention_runs',
  {
    id: identityId(),
    startedAt: timestamptz('started_at').notNull(),
    finishedAt: timestamptz('finished_at'),
    status: text('status', { enum: ['running', 'succeeded', 'failed'] }).notNull(),
    dryRun: boolean('dry_run').notNull().default(false),
    tableName: text('table_name'),
    triggeredBy: text('triggered_by').notNull(),
    deletedCounts: jsonb('deleted_counts').$type<Record<string, number>>(),
    totalDeleted: bigint('total_deleted', { mode: 'number' }).notNull().default(0),
    error: text('error'),
    owner: text('owner'),
  },
  (t) => [
    index('idx_retention_runs_started').on(t.startedAt),
    // The name PostgreSQL gave the column's CHECK in migration 0007.
    check('retention_runs_status_check', sql`${t.status} IN ('running', 'succeeded', 'failed')`),
  ],
);
