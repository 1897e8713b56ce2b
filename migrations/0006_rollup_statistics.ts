// What the dashboard needs from the rollups beyond the spec's columns: success/failure counts
// (from dimensions.success) and a mergeable latency sketch of duration_ms (format in
// lib/rollups/sketch.ts), plus how many metrics carried a duration (avg_duration_ms's divisor).
// Rows written before this migration keep zero counts and a NULL sketch until `rollup rebuild`.
export const up = `
ALTER TABLE metrics_hourly ADD COLUMN success_count INTEGER DEFAULT 0;
ALTER TABLE metrics_hourly ADD COLUMN failure_count INTEGER DEFAULT 0;
ALTER TABLE metrics_hourly ADD COLUMN duration_count INTEGER DEFAULT 0;
ALTER TABLE metrics_hourly ADD COLUMN duration_sketch TEXT;

ALTER TABLE metrics_daily ADD COLUMN success_count INTEGER DEFAULT 0;
ALTER TABLE metrics_daily ADD COLUMN failure_count INTEGER DEFAULT 0;
ALTER TABLE metrics_daily ADD COLUMN duration_count INTEGER DEFAULT 0;
ALTER TABLE metrics_daily ADD COLUMN duration_sketch TEXT;
`;

export const down = `
ALTER TABLE metrics_daily DROP COLUMN duration_sketch;
ALTER TABLE metrics_daily DROP COLUMN duration_count;
ALTER TABLE metrics_daily DROP COLUMN failure_count;
ALTER TABLE metrics_daily DROP COLUMN success_count;

ALTER TABLE metrics_hourly DROP COLUMN duration_sketch;
ALTER TABLE metrics_hourly DROP COLUMN duration_count;
ALTER TABLE metrics_hourly DROP COLUMN failure_count;
ALTER TABLE metrics_hourly DROP COLUMN success_count;
`;
