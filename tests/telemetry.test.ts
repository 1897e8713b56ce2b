import type { HistogramMetricData, MetricData, SumMetricData } from '@opentelemetry/sdk-metrics';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as scrapeRoute, POST as postMetricsRoute } from '../app/metrics/route';
import type { Db } from '../db/client';
import { reloadConfig } from '../lib/config/config';
import { createApiKey } from '../lib/keys/create';
import { acceptMetrics } from '../lib/ingest/accept';
import { GatewaySeries, MAX_SERIES_PER_TYPE } from '../lib/telemetry/gateway-series';
import { LabelLimiter, labelValue, metricLabels, OTHER, UNSET } from '../lib/telemetry/labels';
import { telemetry } from '../lib/telemetry/telemetry';
import { jsonRequest, withoutParams } from './helpers/http';
import { migratedDatabase } from './helpers/tempdb';

describe('labels: the old service’s spelling, sanitised and bounded', () => {
  it('spells values as Python’s str() did and keeps only [A-Za-z0-9-_.:/], 96 characters at most', () => {
    expect(labelValue(true)).toBe('True');
    expect(labelValue(false)).toBe('False');
    expect(labelValue(5)).toBe('5');
    expect(labelValue(2.5)).toBe('2.5');
    expect(labelValue(null)).toBe(UNSET);
    expect(labelValue('')).toBe(UNSET);
    expect(labelValue('tools/call')).toBe('tools/call');
    expect(labelValue('ns:my-tool_v1.2')).toBe('ns:my-tool_v1.2');
    expect(labelValue('weather tools?')).toBe('weather_tools_');
    expect(labelValue('a"b\\c\n{d}')).toBe('a_b_c__d_');
    expect(labelValue('é')).toBe('_');
    expect(labelValue('x'.repeat(200))).toBe('x'.repeat(96));
    expect(labelValue({ a: 1 })).toBe('__a_:1_');
  });

  it('keeps only the allowlisted keys of each type, and none of registry_operation or custom', () => {
    const limiter = new LabelLimiter(150);
    const dims = { method: 'tools/call', success: true, tool_name: 't', secret_token: 'x', server: 's', query: 'q' };
    expect(metricLabels(limiter, 'tool_execution', 'gw', dims)).toEqual({
      service: 'gw',
      metric_type: 'tool_execution',
      method: 'tools/call',
      success: 'True',
      tool_name: 't',
    });
    expect(metricLabels(limiter, 'auth_request', 'gw', dims)).toEqual({
      service: 'gw',
      metric_type: 'auth_request',
      method: 'tools/call',
      success: 'True',
      server: 's',
    });
    expect(metricLabels(limiter, 'tool_discovery', 'gw', { query: 'q', results_count: 3 })).toEqual({
      service: 'gw',
      metric_type: 'tool_discovery',
      query: 'q',
      results_count: '3',
    });
    expect(metricLabels(limiter, 'custom', 'gw', dims)).toEqual({ service: 'gw', metric_type: 'custom' });
    expect(metricLabels(limiter, 'registry_operation', 'gw', null)).toEqual({ service: 'gw', metric_type: 'registry_operation' });
  });

  it('admits at most N distinct values per label name; admitted ones keep passing, later ones become _other', () => {
    const limiter = new LabelLimiter(3);
    expect(['a', 'b', 'c', 'd', 'a', 'e', 'c'].map((v) => limiter.admit('tool_name', v))).toEqual(['a', 'b', 'c', OTHER, 'a', OTHER, 'c']);
    // Per label name: another label has its own three; the sentinels never take a place.
    expect(['x', UNSET, OTHER, 'y', 'z'].map((v) => limiter.admit('client_name', v))).toEqual(['x', UNSET, OTHER, 'y', 'z']);
    const overflowed: string[] = [];
    expect(metricLabels(limiter, 'tool_execution', 'gw', { tool_name: 'f', client_name: 'x', success: true }, overflowed)).toMatchObject({
      tool_name: OTHER,
      client_name: 'x',
    });
    expect(overflowed).toEqual(['tool_name']);
  });

  it('caps the label sets of a type at MAX_SERIES_PER_TYPE: later ones share one overflow series, the total stays exact', async () => {
    const overflowed: string[] = [];
    const series = new GatewaySeries(new LabelLimiter(100_000), (label) => overflowed.push(label));
    const prepared = (i: number) =>
      acceptMetrics({ service: 'gw', metrics: [{ type: 'health_check', timestamp: null, value: 1, duration_ms: 5, dimensions: { endpoint: `/e${i}` } }] })
        .metrics[0]!;
    for (let i = 0; i < MAX_SERIES_PER_TYPE + 10; i++) series.record(prepared(i));
    series.record(prepared(0));
    const [counter, histogram] = (await series.collect()).resourceMetrics.scopeMetrics[0]!.metrics as [SumMetricData, HistogramMetricData];
    expect(counter.descriptor.name).toBe('mcp_health_checks_total');
    expect(counter.dataPoints).toHaveLength(MAX_SERIES_PER_TYPE + 1);
    expect(counter.dataPoints.reduce((sum, p) => sum + p.value, 0)).toBe(MAX_SERIES_PER_TYPE + 11);
    expect(counter.dataPoints.at(-1)).toMatchObject({ attributes: { metric_type: 'health_check', otel_metric_overflow: 'true' }, value: 10 });
    expect(counter.dataPoints[0]).toMatchObject({ attributes: { endpoint: '/e0' }, value: 2 });
    expect(histogram.dataPoints[0]!.value).toMatchObject({ count: 2, sum: 0.01, min: 0.005, max: 0.005 });
    expect(overflowed).toEqual([]);
  });
});

// In-process: the real route handlers and the process's meter provider, read through its Prometheus reader.
const postMetrics = withoutParams(postMetricsRoute);
const scrape = withoutParams(scrapeRoute);
const TOKEN = 'scrape-token-0123456789';

async function collected(): Promise<MetricData[]> {
  const { resourceMetrics } = await telemetry()!.prometheus.collect();
  return resourceMetrics.scopeMetrics.flatMap((scope) => scope.metrics);
}
const find = async <T extends MetricData>(name: string) => (await collected()).find((m) => m.descriptor.name === name) as T | undefined;

describe('recording committed metrics (in-process, PROMETHEUS_MAX_LABEL_VALUES=5)', () => {
  let db: Db;
  let cleanup: () => Promise<void>;
  let key: string;
  let adminKey: string;

  beforeAll(async () => {
    Object.assign(process.env, { OTEL_PROMETHEUS_ENABLED: 'false', PROMETHEUS_MAX_LABEL_VALUES: '5', PROMETHEUS_SCRAPE_TOKEN: TOKEN });
    ({ db, cleanup } = await migratedDatabase());
    key = (await createApiKey(db, { service: 'gateway', rateLimit: 100_000 }, 'test')).key;
    adminKey = (await createApiKey(db, { service: 'ops', isAdmin: true }, 'test')).key;
  });
  afterAll(async () => {
    await cleanup();
    for (const name of ['OTEL_PROMETHEUS_ENABLED', 'PROMETHEUS_MAX_LABEL_VALUES', 'PROMETHEUS_SCRAPE_TOKEN']) delete process.env[name];
    reloadConfig();
  });

  const send = (metrics: unknown[], service = 'gateway') => postMetrics(jsonRequest('/metrics', { key, body: { service, metrics } }));

  it('counts every metric exactly, overflow included, while the tool_name label stays bounded', async () => {
    // 40 distinct tool names, 3 metrics each; one metric with a negative-free value of 2.
    for (let batch = 0; batch < 3; batch++) {
      const response = await send(
        Array.from({ length: 40 }, (_, i) => ({
          type: 'tool_execution',
          value: i === 0 && batch === 0 ? 2 : 1,
          duration_ms: 20,
          dimensions: { tool_name: `tool_${i}`, success: i % 2 === 0 },
        })),
      );
      expect((await response.json()).accepted).toBe(40);
    }
    const executions = (await find<SumMetricData>('mcp_tool_executions_total'))!;
    const total = executions.dataPoints.reduce((sum, p) => sum + p.value, 0);
    expect(total).toBe(121);
    const tools = new Set(executions.dataPoints.map((p) => p.attributes.tool_name));
    expect([...tools].sort()).toEqual(['_other', 'tool_0', 'tool_1', 'tool_2', 'tool_3', 'tool_4']);
    const other = executions.dataPoints.filter((p) => p.attributes.tool_name === OTHER).reduce((sum, p) => sum + p.value, 0);
    expect(other).toBe(105);
    expect(executions.dataPoints.find((p) => p.attributes.tool_name === 'tool_0')).toMatchObject({
      value: 4,
      attributes: { success: 'True', service: 'gateway' },
    });

    const durations = (await find<HistogramMetricData>('mcp_tool_execution_duration_seconds'))!;
    expect(durations.dataPoints.reduce((sum, p) => sum + p.value.count, 0)).toBe(120);
    const point = durations.dataPoints.find((p) => p.attributes.tool_name === 'tool_1')!;
    // 20 ms lands between the 10 ms and 25 ms bounds.
    expect(point.value.buckets.boundaries.slice(0, 3)).toEqual([0.005, 0.01, 0.025]);
    expect(point.value.buckets.counts.slice(0, 3)).toEqual([0, 0, 3]);
    expect(point.value.sum).toBeCloseTo(0.06, 10);
    const overflow = (await find<SumMetricData>('mcp_metrics_label_overflow_total'))!;
    expect(overflow.dataPoints).toEqual([expect.objectContaining({ attributes: { label: 'tool_name' }, value: 105 })]);
  });

  it('records histograms only with duration_ms, protocol_latency’s value as seconds, and the requests themselves', async () => {
    const response = await send([
      { type: 'auth_request', value: 1, dimensions: { success: false, method: 'jwt' } },
      { type: 'auth_request', value: 1, duration_ms: 0, dimensions: { success: true, method: 'jwt' } },
      { type: 'protocol_latency', value: 0.3, dimensions: { flow_step: 'initialize' } },
      { type: 'custom', value: 7 },
      { type: 'health_check', value: 1, duration_ms: 100_000_000 },
    ]);
    expect(await response.json()).toMatchObject({ accepted: 4, rejected: 1 });
    const auth = (await find<SumMetricData>('mcp_auth_requests_total'))!;
    expect(auth.dataPoints.map((p) => [p.attributes.success, p.value]).sort()).toEqual([
      ['False', 1],
      ['True', 1],
    ]);
    const authDurations = (await find<HistogramMetricData>('mcp_auth_request_duration_seconds'))!;
    expect(authDurations.dataPoints.map((p) => [p.attributes.success, p.value.count, p.value.sum])).toEqual([['True', 1, 0]]);
    const latency = (await find<HistogramMetricData>('mcp_protocol_latency_seconds'))!;
    expect(latency.dataPoints.map((p) => [p.attributes.flow_step, p.value.count, p.value.sum])).toEqual([['initialize', 1, 0.3]]);
    expect(await find('mcp_health_checks_total')).toBeUndefined();

    const accepted = (await find<SumMetricData>('mcp_metrics_metrics_accepted_total'))!;
    expect(Object.fromEntries(accepted.dataPoints.map((p) => [p.attributes.metric_type, p.value]))).toEqual({
      tool_execution: 120,
      auth_request: 2,
      protocol_latency: 1,
      custom: 1,
    });
    expect((await find<SumMetricData>('mcp_metrics_metrics_rejected_total'))!.dataPoints[0]!.value).toBe(1);
    const requests = (await find<SumMetricData>('mcp_metrics_ingest_requests_total'))!;
    expect(requests.dataPoints.map((p) => [p.attributes, p.value])).toEqual([[{ endpoint: '/metrics', status_code: '200' }, 4]]);
    const commits = (await find<HistogramMetricData>('mcp_metrics_group_commit_requests'))!;
    expect(commits.dataPoints[0]!.value.count).toBeGreaterThanOrEqual(1);
  });

  it('serves the exposition on the main port to the scrape token or an admin key only (401 otherwise)', async () => {
    const get = (headers: Record<string, string>) => scrape(jsonRequest('/metrics', { headers }));
    const refusedHeaders: Record<string, string>[] = [
      {},
      { authorization: 'Bearer wrong-token-0123456789' },
      { authorization: `Bearer ${key}` },
      { 'x-api-key': key },
    ];
    for (const headers of refusedHeaders) {
      const refused = await get(headers);
      expect(refused.status).toBe(401);
      expect(refused.headers.get('www-authenticate')).toBe('Bearer');
      expect((await refused.json()).detail).toMatch(/PROMETHEUS_SCRAPE_TOKEN/);
    }
    const admitted: Record<string, string>[] = [{ authorization: `Bearer ${TOKEN}` }, { authorization: `Bearer ${adminKey}` }, { 'x-api-key': adminKey }];
    for (const headers of admitted) {
      const response = await get(headers);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
      const text = await response.text();
      expect(text).toMatch(/^# TYPE mcp_tool_executions_total counter$/m);
      expect(text).toMatch(
        /^mcp_tool_execution_duration_seconds_bucket\{service="gateway",metric_type="tool_execution",tool_name="tool_1",success="False",le="0\.025"\} 3$/m,
      );
      expect(text).toMatch(/^mcp_metrics_table_rows\{table="metrics"\} 1[02][04]$/m);
    }
  });
});
