// A total row per group of metrics_dimension_hourly (dimension, service, type, hour), value '(all)', of every
// metric of the group: the overview's "other" line is an hour's total less its lines drawn, so a 7 d view by
// tool reads the rows of the values drawn and the totals, not all of some 40 values an hour (bench:dashboard).
// Ingestion and rollup rebuilds write it from now on (lib/rollups/dimension-rollups.ts); this adds it to the
// groups written before, its sketch the merge of theirs spelled as serializeSketch spells it (bins ascending).
// A tool once named '(all)' had a row of its own: its group's total takes that row's place, counting it too.
export const up = `
INSERT INTO metrics_dimension_hourly (dimension, service, metric_type, hour_timestamp, value, count, success_count, failure_count, duration_count,
  sum_duration_ms, duration_sketch)
SELECT g.dimension, g.service, g.metric_type, g.hour_timestamp, '(all)', g.count, g.success_count, g.failure_count, g.duration_count, g.sum_duration_ms,
  (SELECT '{"zeros":' || z.zeros || ',"bins":{' || COALESCE(
       (SELECT group_concat('"' || b.bin || '":' || b.n, ',' ORDER BY b.bin)
        FROM (SELECT CAST(j.key AS INTEGER) AS bin, SUM(j.value) AS n
              FROM metrics_dimension_hourly r, json_each(r.duration_sketch, '$.bins') j
              WHERE r.dimension = g.dimension AND r.service = g.service AND r.metric_type = g.metric_type AND r.hour_timestamp = g.hour_timestamp
              GROUP BY 1 HAVING SUM(j.value) > 0) b), '') || '}}'
   FROM (SELECT SUM(json_extract(r.duration_sketch, '$.zeros')) AS zeros
         FROM metrics_dimension_hourly r
         WHERE r.dimension = g.dimension AND r.service = g.service AND r.metric_type = g.metric_type AND r.hour_timestamp = g.hour_timestamp
           AND r.duration_sketch IS NOT NULL) z
   WHERE z.zeros IS NOT NULL)
FROM (SELECT dimension, service, metric_type, hour_timestamp, SUM(count) AS count, SUM(success_count) AS success_count, SUM(failure_count) AS failure_count,
        SUM(duration_count) AS duration_count, SUM(sum_duration_ms) AS sum_duration_ms
      FROM metrics_dimension_hourly GROUP BY dimension, service, metric_type, hour_timestamp) g
WHERE true
ON CONFLICT (dimension, service, metric_type, hour_timestamp, value) DO UPDATE SET count = excluded.count, success_count = excluded.success_count,
  failure_count = excluded.failure_count, duration_count = excluded.duration_count, sum_duration_ms = excluded.sum_duration_ms,
  duration_sketch = excluded.duration_sketch;
`;

export const down = `
DELETE FROM metrics_dimension_hourly WHERE value = '(all)';
`;
