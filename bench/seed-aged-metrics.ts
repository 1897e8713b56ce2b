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
