export const up = `
CREATE TABLE retention_policies (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    table_name TEXT NOT NULL,
    retention_days INTEGER NOT NULL,
    is_active BOOLEAN DEFAULT 1,
    created_at TEXT DEFAULT (datetime('now')),
    updated_at TEXT DEFAULT (datetime('now')),
    UNIQUE(table_name)
);

INSERT INTO retention_policies (table_name, retention_days) VALUES
    ('metrics', 90),
    ('auth_metrics', 90),
    ('discovery_metrics', 90),
    ('tool_metrics', 90),
    ('metrics_hourly', 365),
    ('metrics_daily', 1095);
`;

export const down = `
DROP TABLE retention_policies;
`;
