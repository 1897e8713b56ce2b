// Core and specialized tables with the spec's indexes, including its "Index Strategy" additions.
// api_keys starts with its core columns; 0004 adds the usage columns.
export const up = `
CREATE TABLE api_keys (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    key_hash TEXT UNIQUE NOT NULL,
    service_name TEXT NOT NULL,
    created_at TEXT NOT NULL,
    is_active BOOLEAN DEFAULT 1,
    rate_limit INTEGER DEFAULT 1000
);
CREATE INDEX idx_api_keys_hash ON api_keys(key_hash);
CREATE INDEX idx_api_keys_service ON api_keys(service_name);

CREATE TABLE metrics (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    request_id TEXT NOT NULL,
    service TEXT NOT NULL,
    service_version TEXT,
    instance_id TEXT,
    metric_type TEXT NOT NULL,
    timestamp TEXT NOT NULL,
    value REAL NOT NULL,
    duration_ms REAL,
    dimensions TEXT,
    metadata TEXT,
    created_at TEXT DEFAULT (datetime('now'))
);
CREATE INDEX idx_metrics_timestamp ON metrics(timestamp);
CREATE INDEX idx_metrics_service_type ON metrics(service, metric_type);
CREATE INDEX idx_metrics_type_timestamp ON metrics(metric_type, timestamp);
CREATE INDEX idx_metrics_service_timestamp ON metrics(service, timestamp);
CREATE INDEX idx_metrics_service_type_time_value ON metrics(service, metric_type, timestamp, value);

CREATE TABLE auth_metrics (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    request_id TEXT NOT NULL,
    timestamp TEXT NOT NULL,
    service TEXT NOT NULL,
    duration_ms REAL,
    success BOOLEAN,
    method TEXT,
    server TEXT,
    user_hash TEXT,
    error_code TEXT,
    created_at TEXT DEFAULT (datetime('now'))
);
CREATE INDEX idx_auth_timestamp ON auth_metrics(timestamp);
CREATE INDEX idx_auth_success ON auth_metrics(success, timestamp);
CREATE INDEX idx_auth_user ON auth_metrics(user_hash, timestamp);
CREATE INDEX idx_auth_success_timestamp ON auth_metrics(success, timestamp);

CREATE TABLE discovery_metrics (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    request_id TEXT NOT NULL,
    timestamp TEXT NOT NULL,
    service TEXT NOT NULL,
    duration_ms REAL,
    query TEXT,
    results_count INTEGER,
    top_k_services INTEGER,
    top_n_tools INTEGER,
    embedding_time_ms REAL,
    faiss_search_time_ms REAL,
    created_at TEXT DEFAULT (datetime('now'))
);
CREATE INDEX idx_discovery_timestamp ON discovery_metrics(timestamp);
CREATE INDEX idx_discovery_results ON discovery_metrics(results_count, timestamp);

CREATE TABLE tool_metrics (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    request_id TEXT NOT NULL,
    timestamp TEXT NOT NULL,
    service TEXT NOT NULL,
    duration_ms REAL,
    tool_name TEXT,
    server_path TEXT,
    server_name TEXT,
    success BOOLEAN,
    error_code TEXT,
    input_size_bytes INTEGER,
    output_size_bytes INTEGER,
    created_at TEXT DEFAULT (datetime('now'))
);
CREATE INDEX idx_tool_timestamp ON tool_metrics(timestamp);
CREATE INDEX idx_tool_name ON tool_metrics(tool_name, timestamp);
CREATE INDEX idx_tool_success ON tool_metrics(success, timestamp);
CREATE INDEX idx_tool_name_timestamp ON tool_metrics(tool_name, timestamp);
`;

export const down = `
DROP TABLE tool_metrics;
DROP TABLE discovery_metrics;
DROP TABLE auth_metrics;
DROP TABLE metrics;
DROP TABLE api_keys;
`;
