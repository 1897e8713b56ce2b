import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/client';
import { createAlertRule } from '../lib/alerts/create-rule';
import { loadChartMarkers, loadThresholds, markersByBucket } from '../lib/dashboard/chart-marks';
import { parseTimeRange } from '../lib/dashboard/time-range';
import { ingest } from './helpers/ingest-batch';
import { migratedDatabase } from './helpers/tempdb';

const now = Date.now();
const at = (minutesAgo: number) => new Date(now - minutesAgo * 60_000).toISOString();

describe('chart marks: annotation markers and alert thresholds', () => {
  let db: Db;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ db, cleanup } = await migratedDatabase());
    await ingest(
      db,
      'web',
      [
        { type: 'custom', timestamp: at(30), value: 1, dimensions: { annotation: 'deploy v1' } },
        { type: 'custom', timestamp: at(29), value: 1, dimensions: { annotation: 'deploy v2' } },
        { type: 'custom', timestamp: at(20), value: 1, dimensions: { note: 'not an annotation' } },
      ],
      now,
    );
    await ingest(db, 'api', [{ type: 'custom', timestamp: at(10), value: 1, dimensions: { annotation: 'api restart' } }], now);
    const rule = { metricType: 'tool_execution', windowMinutes: 5, webhookUrl: 'http://127.0.0.1:9/hook' };
    await createAlertRule(db, { ...rule, name: 'slow', service: 'web', condition: 'p95_ms', threshold: 500 }, 'test');
    await createAlertRule(db, { ...rule, name: 'errors', service: 'web', condition: 'error_rate_pct', threshold: 5 }, 'test');
    await createAlertRule(db, { ...rule, name: 'api errors', service: 'api', condition: 'error_rate_pct', threshold: 10 }, 'test');
    await createAlertRule(db, { ...rule, name: 'off', service: 'web', condition: 'p95_ms', threshold: 9, enabled: false }, 'test');
  });
  afterAll(() => cleanup());

  it('puts the annotations of a range in the chart buckets they fall in, one marker a bucket', async () => {
    // Ending a minute from now: the audit entries of the rules were written after `now`.
    const range = parseTimeRange({ range: '24h' }, new Date(now + 60_000));
    const web = await loadChartMarkers(db, range, 'web');
    // Admin actions (the alert rules created) mark every service's charts.
    const labels = web.flatMap((m) => m.label.split('\n'));
    expect(labels.filter((l) => l.includes('deploy'))).toEqual([`${at(30).slice(11, 16)} deploy v1`, `${at(29).slice(11, 16)} deploy v2`]);
    expect(labels.some((l) => l.includes('api restart'))).toBe(false);
    expect(labels.filter((l) => l.includes('Alert rule created'))).toHaveLength(4);
    expect(new Set(web.map((m) => m.bucket)).size).toBe(web.length);
    expect(
      markersByBucket(
        [
          { at: '2026-03-10T14:05:00.000Z', text: 'a' },
          { at: '2026-03-10T14:55:00.000Z', text: 'b' },
        ],
        'hour',
      ),
    ).toEqual([{ bucket: '2026-03-10T14', label: '14:05 a\n14:55 b' }]);
  });

  it('draws the thresholds of the enabled rules of the page’s service and types', async () => {
    const web = await loadThresholds(db, { service: 'web', metricTypes: ['tool_execution'] });
    expect(web.p95_ms.map((t) => t.value)).toEqual([500]);
    expect(web.error_rate_pct.map((t) => [t.value, t.label])).toEqual([[5, 'errors (web)']]);
    expect((await loadThresholds(db, {})).error_rate_pct.map((t) => t.value)).toEqual([5, 10]);
    expect((await loadThresholds(db, { metricTypes: ['auth_request'] })).p95_ms).toEqual([]);
  });
});
