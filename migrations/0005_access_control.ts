// Dashboard accounts, the audit trail of administrative changes, and two api_keys columns:
// a short visible prefix (only the hash of a key is stored) and the admin-API flag.
export const up = `
ALTER TABLE api_keys ADD COLUMN key_prefix TEXT;
ALTER TABLE api_keys ADD COLUMN is_admin BOOLEAN DEFAULT 0;

CREATE TABLE admin_users (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    email TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('admin', 'viewer')),
    created_at TEXT DEFAULT (datetime('now')),
    updated_at TEXT DEFAULT (datetime('now')),
    last_login_at TEXT
);

CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    timestamp TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    target TEXT,
    before TEXT,
    after TEXT
);
CREATE INDEX idx_audit_timestamp ON audit_log(timestamp);
`;

export const down = `
DROP TABLE audit_log;
DROP TABLE admin_users;
ALTER TABLE api_keys DROP COLUMN is_admin;
ALTER TABLE api_keys DROP COLUMN key_prefix;
`;
