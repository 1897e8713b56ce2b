// Which process runs a retention cleanup (`host:pid`), so a run left 'running' by a process that died
// can be closed as interrupted instead of showing as running forever.
export const up = `
ALTER TABLE retention_runs ADD COLUMN owner TEXT;
`;

export const down = `
ALTER TABLE retention_runs DROP COLUMN owner;
`;
