// The Tools view's method and client filters: tool_metrics keeps dimensions.method ("tools/call") and
// dimensions.client_name of each tool_execution, which until now only metrics.dimensions held.
// Rows written before this migration are filled from their metrics row: ingestion writes the two in one
// transaction with the same request_id, timestamp and service, and the same tool name. A tool row is filled
// only where that match is one to one (a request may send several calls of one tool at one instant, and
// then which row was which is unknown), and only with string values, as the gateway sends them (a number
// would have been stored as its text, which PostgreSQL's 0014 cannot recover from jsonb exactly, and both
// engines fill alike). Every other row keeps NULL, as a metric without those dimensions has.
export const up = `
ALTER TABLE tool_metrics ADD COLUMN method TEXT;
ALTER TABLE tool_metrics ADD COLUMN client_name TEXT;

WITH pairs AS (
    SELECT t.id AS tool_id, m.dimensions,
           count(*) OVER (PARTITION BY t.id) AS per_tool,
           count(*) OVER (PARTITION BY m.id) AS per_metric
      FROM tool_metrics t
      JOIN metrics m ON m.service = t.service AND m.metric_type = 'tool_execution' AND m.timestamp = t.timestamp
       AND m.request_id = t.request_id
       AND (CASE json_type(m.dimensions, '$.tool_name') WHEN 'text' THEN json_extract(m.dimensions, '$.tool_name') END) IS t.tool_name
)
UPDATE tool_metrics
   SET method = CASE json_type(pairs.dimensions, '$.method') WHEN 'text' THEN json_extract(pairs.dimensions, '$.method') END,
       client_name = CASE json_type(pairs.dimensions, '$.client_name') WHEN 'text' THEN json_extract(pairs.dimensions, '$.client_name') END
  FROM pairs
 WHERE pairs.tool_id = tool_metrics.id AND pairs.per_tool = 1 AND pairs.per_metric = 1;
`;

// SQLite 3.35+ drops a column in place (no index or constraint names these two).
export const down = `
ALTER TABLE tool_metrics DROP COLUMN client_name;
ALTER TABLE tool_metrics DROP COLUMN method;
`;
