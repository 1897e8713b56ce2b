// Alert history ages like everything else: alert_events by `at`, kept 90 days by default. Retention leaves
// an event whose notification is still owed and the latest event of a rule that is firing, whatever their age
// (db/queries/retention.ts).
export const up = `
INSERT INTO retention_policies (table_name, retention_days) VALUES ('alert_events', 90);
`;

export const down = `
DELETE FROM retention_policies WHERE table_name = 'alert_events';
`;
