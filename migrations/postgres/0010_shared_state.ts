// PostgreSQL's 0010: secrets every instance must share, and the leases of scheduled tasks.
export const up = `
CREATE TABLE service_secrets (
    name text PRIMARY KEY,
    value text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE scheduler_leases (
    task text PRIMARY KEY,
    holder text NOT NULL,
    expires_at timestamptz NOT NULL
);
`;

export const down = `
DROP TABLE scheduler_leases;
DROP TABLE service_secrets;
`;
