// PostgreSQL's 0015: alert_events (aged by `at`, a timestamptz) kept 90 days by default.
export const up = `
INSERT INTO retention_policies (table_name, retention_days) VALUES ('alert_events', 90);
`;

export const down = `
DELETE FROM retention_policies WHERE table_name = 'alert_events';
`;
