// Sessions that can be ended (a per-user epoch carried by each session, bumped on sign-out and on
// password or role changes), a sign-in throttle kept in the database (per client address, per
// account and per pair, surviving restarts), and an opt-in list of the services a key may write for.
export const up = `
ALTER TABLE admin_users ADD COLUMN session_epoch INTEGER NOT NULL DEFAULT 0;

CREATE TABLE sign_in_throttle (
    scope TEXT PRIMARY KEY,
    failures INTEGER NOT NULL,
    window_started_at TEXT NOT NULL,
    blocked_until TEXT
);

ALTER TABLE api_keys ADD COLUMN allowed_services TEXT;
`;

export const down = `
ALTER TABLE api_keys DROP COLUMN allowed_services;
DROP TABLE sign_in_throttle;
ALTER TABLE admin_users DROP COLUMN session_epoch;
`;
