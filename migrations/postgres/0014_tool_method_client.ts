// PostgreSQL's 0014: tool_metrics gets method and client_name (dimensions.method, dimensions.client_name) for
// the Tools view's filters. ADD COLUMN on the partitioned parent adds them to every month's partition, and
// partitions created later (PARTITION OF) take the parent's columns.
// Existing rows are filled from their metrics row (same request_id, timestamp, service and tool name: the
// two are written in one transaction) only where that match is one to one, and only with string values
// (jsonb gives a number back normalised, not as ingestion stored its text); every other row keeps NULL.
export const up = `
ALTER TABLE tool_metrics ADD COLUMN method text;
ALTER TABLE tool_metrics ADD COLUMN client_name text;

WITH pairs AS (
    SELECT t.id AS tool_id, t.created_at AS tool_created_at, m.dimensions,
           count(*) OVER (PARTITION BY t.id, t.created_at) AS per_tool,
           count(*) OVER (PARTITION BY m.id, m.created_at) AS per_metric
      FROM tool_metrics t
      JOIN metrics m ON m.service = t.service AND m.metric_type = 'tool_execution' AND m.timestamp = t.timestamp
       AND m.request_id = t.request_id
       AND (CASE WHEN jsonb_typeof(m.dimensions -> 'tool_name') = 'string' THEN m.dimensions ->> 'tool_name' END) IS NOT DISTINCT FROM t.tool_name
)
UPDATE tool_metrics
   SET method = CASE WHEN jsonb_typeof(pairs.dimensions -> 'method') = 'string' THEN pairs.dimensions ->> 'method' END,
       client_name = CASE WHEN jsonb_typeof(pairs.dimensions -> 'client_name') = 'string' THEN pairs.dimensions ->> 'client_name' END
  FROM pairs
 WHERE tool_metrics.id = pairs.tool_id AND tool_metrics.created_at = pairs.tool_created_at AND pairs.per_tool = 1 AND pairs.per_metric = 1;
`;

export const down = `
ALTER TABLE tool_metrics DROP COLUMN client_name;
ALTER TABLE tool_metrics DROP COLUMN method;
`;
