// PostgreSQL's 0006: success/failure counts, the duration count and the latency sketch of each rollup row.
export const up = `
ALTER TABLE metrics_hourly
    ADD COLUMN success_count integer DEFAULT 0,
    ADD COLUMN failure_count integer DEFAULT 0,
    ADD COLUMN duration_count integer DEFAULT 0,
    ADD COLUMN duration_sketch text;
ALTER TABLE metrics_daily
    ADD COLUMN success_count integer DEFAULT 0,
    ADD COLUMN failure_count integer DEFAULT 0,
    ADD COLUMN duration_count integer DEFAULT 0,
    ADD COLUMN duration_sketch text;
`;

export const down = `
ALTER TABLE metrics_daily DROP COLUMN duration_sketch, DROP COLUMN duration_count, DROP COLUMN failure_count, DROP COLUMN success_count;
ALTER TABLE metrics_hourly DROP COLUMN duration_sketch, DROP COLUMN duration_count, DROP COLUMN failure_count, DROP COLUMN success_count;
`;
