// PostgreSQL's 0016: a total row per group of metrics_dimension_hourly (value '(all)'), as SQLite's 0016 writes
// it: the groups' counts added up, their sketches merged into serializeSketch's spelling (bins ascending).
export const up = `
INSERT INTO metrics_dimension_hourly (dimension, service, metric_type, hour_timestamp, value, count, success_count, failure_count, duration_count,
  sum_duration_ms, duration_sketch)
SELECT g.dimension, g.service, g.metric_type, g.hour_timestamp, '(all)', g.count, g.success_count, g.failure_count, g.duration_count, g.sum_duration_ms,
  (SELECT '{"zeros":' || z.zeros || ',"bins":{' || COALESCE(
       (SELECT string_agg('"' || b.bin || '":' || b.n, ',' ORDER BY b.bin)
        FROM (SELECT j.key::integer AS bin, SUM(j.value::bigint) AS n
              FROM metrics_dimension_hourly r, json_each_text(r.duration_sketch::json -> 'bins') j
              WHERE r.dimension = g.dimension AND r.service = g.service AND r.metric_type = g.metric_type AND r.hour_timestamp = g.hour_timestamp
              GROUP BY 1 HAVING SUM(j.value::bigint) > 0) b), '') || '}}'
   FROM (SELECT SUM((r.duration_sketch::json ->> 'zeros')::bigint) AS zeros
         FROM metrics_dimension_hourly r
         WHERE r.dimension = g.dimension AND r.service = g.service AND r.metric_type = g.metric_type AND r.hour_timestamp = g.hour_timestamp
           AND r.duration_sketch IS NOT NULL) z
   WHERE z.zeros IS NOT NULL)
FROM (SELECT dimension, service, metric_type, hour_timestamp, SUM(count) AS count, SUM(success_count) AS success_count, SUM(failure_count) AS failure_count,
        SUM(duration_count) AS duration_count, SUM(sum_duration_ms) AS sum_duration_ms
      FROM metrics_dimension_hourly GROUP BY dimension, service, metric_type, hour_timestamp) g
ON CONFLICT (dimension, service, metric_type, hour_timestamp, value) DO UPDATE SET count = excluded.count, success_count = excluded.success_count,
  failure_count = excluded.failure_count, duration_count = excluded.duration_count, sum_duration_ms = excluded.sum_duration_ms,
  duration_sketch = excluded.duration_sketch;
`;

export const down = `
DELETE FROM metrics_dimension_hourly WHERE value = '(all)';
`;
