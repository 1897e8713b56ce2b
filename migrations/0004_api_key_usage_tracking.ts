// The usage columns sit where the spec lists them (last_used_at after created_at), so api_keys is
// rebuilt rather than extended with ADD COLUMN; down rebuilds it back to 0001's shape.
export const up = `
CREATE TABLE api_keys_new (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    key_hash TEXT UNIQUE NOT NULL,
    service_name TEXT NOT NULL,
    created_at TEXT NOT NULL,
    last_used_at TEXT,
    is_active BOOLEAN DEFAULT 1,
    rate_limit INTEGER DEFAULT 1000,
    usage_count INTEGER DEFAULT 0,
    daily_usage_limit INTEGER DEFAULT NULL,
    monthly_usage_limit INTEGER DEFAULT NULL,
    description TEXT DEFAULT NULL
);
INSERT INTO api_keys_new (id, key_hash, service_name, created_at, is_active, rate_limit)
    SELECT id, key_hash, service_name, created_at, is_active, rate_limit FROM api_keys;
DROP TABLE api_keys;
ALTER TABLE api_keys_new RENAME TO api_keys;
CREATE INDEX idx_api_keys_hash ON api_keys(key_hash);
CREATE INDEX idx_api_keys_service ON api_keys(service_name);

CREATE TABLE api_key_usage_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    key_hash TEXT NOT NULL,
    service_name TEXT NOT NULL,
    timestamp TEXT NOT NULL,
    endpoint TEXT NOT NULL,
    request_count INTEGER DEFAULT 1,
    bytes_processed INTEGER DEFAULT 0,
    duration_ms REAL DEFAULT 0,
    status_code INTEGER DEFAULT 200,
    FOREIGN KEY (key_hash) REFERENCES api_keys(key_hash)
);
CREATE INDEX idx_usage_key_timestamp ON api_key_usage_log(key_hash, timestamp);
CREATE INDEX idx_usage_timestamp ON api_key_usage_log(timestamp);
CREATE INDEX idx_usage_endpoint ON api_key_usage_log(endpoint, timestamp);

-- The spec keeps audit logs 90 days; the usage log is aged by the same policy machinery.
INSERT OR IGNORE INTO retention_policies (table_name, retention_days) VALUES ('api_key_usage_log', 90);
`;

export const down = `
DELETE FROM retention_policies WHERE table_name = 'api_key_usage_log';
DROP TABLE api_key_usage_log;

CREATE TABLE api_keys_old (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    key_hash TEXT UNIQUE NOT NULL,
    service_name TEXT NOT NULL,
    created_at TEXT NOT NULL,
    is_active BOOLEAN DEFAULT 1,
    rate_limit INTEGER DEFAULT 1000
);
INSERT INTO api_keys_old (id, key_hash, service_name, created_at, is_active, rate_limit)
    SELECT id, key_hash, service_name, created_at, is_active, rate_limit FROM api_keys;
DROP TABLE api_keys;
ALTER TABLE api_keys_old RENAME TO api_keys;
CREATE INDEX idx_api_keys_hash ON api_keys(key_hash);
CREATE INDEX idx_api_keys_service ON api_keys(service_name);
`;
