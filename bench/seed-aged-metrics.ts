import { writeTransaction, type Db } from '../db/client';
import { ensurePartitionOfMonth } from '../db/queries/partitions';
import type { Sqlite } from '../db/sqlite-file';

/**
 * bench:retention's seeding, kept out of the product's queries: `n` metrics rows created at `createdAt`, generated inside SQLite (one
 * statement, no round trips), shaped like ingested rows so that every index has its usual work to do.
 */
export function seedAgedMetrics(db: Sqlite, n: number, createdAt: string): void {
  db.prepare(
    `WITH RECURSIVE seq(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM seq WHERE i < ?)
     INSERT INTO metrics (request_id, service, service_version, instance_id, metric_type, timestamp, value, duration_ms, dimensions, metadata, created_at)
     SELECT printf('req_%016x', i), 'svc-' || (i % 8), '1.0.0', 'pod-' || (i % 4), 'tool_execution',
            strftime('%Y-%m-%dT%H:%M:%fZ', ?, '+' || (i % 86400) || ' seconds'), i % 1000, (i % 500) * 0.7,
            '{"tool_name":"search","success":true}', NULL, ?
     FROM seq`,
  ).run(n, createdAt.replace(' ', 'T') + 'Z', createdAt);
}

/**
 * The same rows on PostgreSQL, through one INSERT ... SELECT over generate_series, into the month
 * partition of `createdAt` (created here if missing, as the scheduler would have then), analyzed. `spreadSeconds`
 * spreads created_at over that many seconds from `createdAt` (they must stay within its month).
 */
export async function seedAgedMetricsPostgres(db: Db, n: number, createdAt: string, spreadSeconds = 0): Promise<void> {
  await writeTransaction(db, async (tx) => {
    await ensurePartitionOfMonth(tx, 'metrics', createdAt);
    await tx.run(
      `INSERT INTO metrics (request_id, service, service_version, instance_id, metric_type, timestamp, value, duration_ms, dimensions, metadata, created_at)
       SELECT 'req_' || lpad(to_hex(i), 16, '0'), 'svc-' || (i % 8), '1.0.0', 'pod-' || (i % 4), 'tool_execution',
              ?::timestamptz + (i % 86400) * interval '1 second', i % 1000, (i % 500) * 0.7,
              '{"tool_name":"search","success":true}'::jsonb, NULL, ?::timestamptz + (i % ?) * (interval '1 second')
       FROM generate_series(1, ?) AS i`,
      [`${createdAt}Z`, `${createdAt}Z`, Math.max(1, spreadSeconds), n],
    );
    // The planner's statistics, as autovacuum would have gathered them on rows this old.
    await tx.exec('ANALYZE metrics');
  });
}
