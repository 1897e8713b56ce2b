import { PrometheusExporter, PrometheusSerializer } from '@opentelemetry/exporter-prometheus';
import { defaultResource, resourceFromAttributes } from '@opentelemetry/resources';
import { MeterProvider, type MetricReader } from '@opentelemetry/sdk-metrics';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import { getDb } from '../../db/connection';
import { config } from '../config/config';
import { processWide } from '../process-wide';
import { observeDatabase } from './database-gauges';
import { createInstruments, type Instruments } from './instruments';
import { GatewaySeries } from './gateway-series';
import { LabelLimiter } from './labels';
import { otlpReader } from './otlp-push';

/** The meter provider of this server process and what records into it. */
export interface Telemetry {
  provider: MeterProvider;
  /** Serves port 9465 and, through `exposition()`, GET /metrics on the main port. */
  prometheus: PrometheusExporter;
  /** The service's own series. */
  instruments: Instruments;
  /** The gateway's series, read by both readers as a metric producer. */
  series: GatewaySeries;
}

// Scope labels (otel_scope_name) are left out: the series look as the old service's did.
const serializer = new PrometheusSerializer(undefined, false, undefined, false, true);

function createTelemetry(log: (line: string) => void): Telemetry {
  const settings = config().telemetry;
  const series = new GatewaySeries(new LabelLimiter(settings.maxLabelValues), (label) => instruments.labelOverflow.add(1, { label }));
  const prometheus = new PrometheusExporter({
    host: config().server.host ?? undefined,
    port: settings.prometheus.port,
    preventServerStart: true,
    withoutScopeInfo: true,
    metricProducers: [series],
  });
  const readers: MetricReader[] = [prometheus];
  if (settings.otlp) readers.push(otlpReader(settings.otlp, [series], log));
  const provider = new MeterProvider({
    resource: defaultResource().merge(resourceFromAttributes({ [ATTR_SERVICE_NAME]: settings.serviceName })),
    readers,
  });
  const meter = provider.getMeter('mcp-metrics');
  const instruments = createInstruments(meter);
  observeDatabase(meter, instruments, getDb);
  return { provider, prometheus, instruments, series };
}

/**
 * The process's telemetry, created on first use (never at import, so `next build` starts nothing),
 * or null under OTEL_SDK_DISABLED. Shared by every route chunk of the server (lib/process-wide.ts).
 */
export function telemetry(log: (line: string) => void = console.log): Telemetry | null {
  return config().telemetry.enabled ? processWide('telemetry', () => createTelemetry(log)) : null;
}

/**
 * Starts what listens and pushes: the Prometheus listener on OTEL_PROMETHEUS_PORT (unless
 * OTEL_PROMETHEUS_ENABLED=false) and the OTLP push (when an endpoint is set). A port that cannot be
 * bound is logged, and ingestion goes on without it.
 */
export async function startTelemetry(log: (line: string) => void = console.log): Promise<void> {
  const settings = config().telemetry;
  const started = telemetry(log);
  if (!started) return log('[telemetry] off (OTEL_SDK_DISABLED=true): no series are recorded');
  if (settings.otlp) log(`[telemetry] pushing OTLP to ${settings.otlp.url} every ${settings.otlp.intervalMs / 1000} s`);
  if (!settings.prometheus.enabled)
    return log('[telemetry] Prometheus listener off (OTEL_PROMETHEUS_ENABLED=false); GET /metrics on the main port still serves it');
  const where = `${config().server.host ?? '0.0.0.0'}:${settings.prometheus.port}`;
  try {
    await started.prometheus.startServer();
    log(`[telemetry] Prometheus exposition on http://${where}/metrics`);
  } catch (error) {
    log(
      `[telemetry] cannot listen on ${where} for Prometheus (${error instanceof Error ? error.message : String(error)}); ingestion goes on without it: free the port, or set OTEL_PROMETHEUS_PORT or OTEL_PROMETHEUS_ENABLED=false`,
    );
  }
}

/** The Prometheus text exposition, the same as port 9465 serves; null under OTEL_SDK_DISABLED. */
export async function exposition(): Promise<string | null> {
  const current = telemetry();
  if (!current) return null;
  const { resourceMetrics } = await current.prometheus.collect();
  return serializer.serialize(resourceMetrics);
}
