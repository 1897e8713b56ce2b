// What several instances of the service on one database must share: secrets generated once by
// whichever starts first (the dashboard's session-signing secret when none is configured; a SQLite
// install keeps it in <data dir>/auth-secret instead), and the leases that let one instance at a time
// run each scheduled task (retention, backups).
export const up = `
CREATE TABLE service_secrets (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL,
    created_at TEXT NOT NULL DEFAULT (datetime('now'))
);

CREATE TABLE scheduler_leases (
    task TEXT PRIMARY KEY,
    holder TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
`;

export const down = `
DROP TABLE scheduler_leases;
DROP TABLE service_secrets;
`;
