// PostgreSQL's 0008: which process (`host:pid`) runs a retention cleanup.
export const up = `
ALTER TABLE retention_runs ADD COLUMN owner text;
`;

export const down = `
ALTER TABLE retention_runs DROP COLUMN owner;
`;
