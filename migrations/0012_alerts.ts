// Alert rules and their history. A rule watches one service's metric type: its error rate (percent of the
// metrics that reported dimensions.success) or its p95 duration over the last `window_minutes` minute
// rollups, against `threshold`; `state` is what the last evaluation found. An event is one change of
// state, with what it was about copied from the rule (so history, and a delivery still owed, outlive
// edits and deletion of the rule; rule_id is no foreign key for that reason) and how its webhook delivery went.
export const up = `
CREATE TABLE alert_rules (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL,
    service TEXT NOT NULL,
    metric_type TEXT NOT NULL,
    condition TEXT NOT NULL CHECK (condition IN ('error_rate_pct', 'p95_ms')),
    threshold REAL NOT NULL,
    window_minutes INTEGER NOT NULL,
    webhook_url TEXT NOT NULL,
    enabled BOOLEAN NOT NULL DEFAULT 1,
    state TEXT NOT NULL CHECK (state IN ('ok', 'firing')),
    state_since TEXT,
    last_value REAL,
    evaluated_at TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE alert_events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    rule_id INTEGER NOT NULL,
    rule_name TEXT NOT NULL,
    service TEXT NOT NULL,
    metric_type TEXT NOT NULL,
    condition TEXT NOT NULL,
    threshold REAL NOT NULL,
    window_minutes INTEGER NOT NULL,
    webhook_url TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('firing', 'resolved')),
    value REAL,
    note TEXT,
    at TEXT NOT NULL,
    delivery_status TEXT NOT NULL CHECK (delivery_status IN ('pending', 'delivered', 'failed')),
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    delivered_at TEXT
);
CREATE INDEX idx_alert_events_rule ON alert_events(rule_id, id);
CREATE INDEX idx_alert_events_delivery ON alert_events(delivery_status, id);
`;

export const down = `
DROP TABLE alert_events;
DROP TABLE alert_rules;
`;
