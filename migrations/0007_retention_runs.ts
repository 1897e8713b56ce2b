// Every retention cleanup (scheduled, CLI or admin API, dry run or not) leaves one row, so the
// dashboard can show when data was last aged out, by whom, how much, and whether it failed.
export const up = `
CREATE TABLE retention_runs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    status TEXT NOT NULL CHECK (status IN ('running', 'succeeded', 'failed')),
    dry_run BOOLEAN NOT NULL DEFAULT 0,
    table_name TEXT,
    triggered_by TEXT NOT NULL,
    deleted_counts TEXT,
    total_deleted INTEGER NOT NULL DEFAULT 0,
    error TEXT
);
CREATE INDEX idx_retention_runs_started ON retention_runs(started_at);
`;

export const down = `
DROP TABLE retention_runs;
`;
