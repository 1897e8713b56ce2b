// Hourly rollups keyed by one dimension (tool, server or client) besides service and type, for the
// dashboard's latency and error lines per tool/server/client: bounded to DIMENSION_VALUES_PER_HOUR values
// per dimension, service, type and hour, later values of that hour counted under '(other)'; kept 90 days
// by default. And what a dashboard user keeps: the time zone the charts show, and saved named views.
export const up = `
CREATE TABLE metrics_dimension_hourly (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    dimension TEXT NOT NULL,
    value TEXT NOT NULL,
    service TEXT NOT NULL,
    metric_type TEXT NOT NULL,
    hour_timestamp TEXT NOT NULL,
    count INTEGER NOT NULL DEFAULT 0,
    success_count INTEGER NOT NULL DEFAULT 0,
    failure_count INTEGER NOT NULL DEFAULT 0,
    duration_count INTEGER NOT NULL DEFAULT 0,
    sum_duration_ms REAL NOT NULL DEFAULT 0.0,
    duration_sketch TEXT,
    UNIQUE(dimension, service, metric_type, hour_timestamp, value)
);
CREATE INDEX idx_dimension_hourly_hour ON metrics_dimension_hourly(dimension, hour_timestamp);

INSERT INTO retention_policies (table_name, retention_days) VALUES ('metrics_dimension_hourly', 90);

CREATE TABLE user_preferences (
    user_id INTEGER PRIMARY KEY REFERENCES admin_users(id) ON DELETE CASCADE,
    time_zone TEXT NOT NULL DEFAULT 'UTC',
    updated_at TEXT DEFAULT (datetime('now'))
);

CREATE TABLE saved_views (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id INTEGER NOT NULL REFERENCES admin_users(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    url TEXT NOT NULL,
    created_at TEXT DEFAULT (datetime('now')),
    UNIQUE(user_id, name)
);
`;

export const down = `
DROP TABLE saved_views;
DROP TABLE user_preferences;
DELETE FROM retention_policies WHERE table_name = 'metrics_dimension_hourly';
DROP TABLE metrics_dimension_hourly;
`;
