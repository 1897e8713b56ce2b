import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import { OTLPMetricExporter } from '@opentelemetry/exporter-metrics-otlp-proto';
import { PeriodicExportingMetricReader, type MetricProducer, type PushMetricExporter, type ResourceMetrics } from '@opentelemetry/sdk-metrics';
import type { OtlpConfig } from '../config/config';

/**
 * Says when pushes start failing and when they work again, once each: a collector that is down for
 * an hour logs two lines, not one per export. (The SDK itself only reports failures to its diag
 * logger, which this service leaves unset.)
 */
class OutageLog implements PushMetricExporter {
  private failing = false;
  // The exporter's own choices (OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE), passed through.
  readonly selectAggregationTemporality: PushMetricExporter['selectAggregationTemporality'];
  readonly selectAggregation: PushMetricExporter['selectAggregation'];

  constructor(
    private readonly inner: PushMetricExporter,
    private readonly target: OtlpConfig,
    private readonly log: (line: string) => void,
  ) {
    this.selectAggregationTemporality = inner.selectAggregationTemporality?.bind(inner);
    this.selectAggregation = inner.selectAggregation?.bind(inner);
  }

  export(metrics: ResourceMetrics, done: (result: ExportResult) => void): void {
    this.inner.export(metrics, (result) => {
      if (result.code !== ExportResultCode.SUCCESS && !this.failing) {
        this.failing = true;
        this.log(
          `[telemetry] OTLP push to ${this.target.url} failed (${result.error?.message ?? 'no reason given'}); ingestion goes on, and the push is retried every ${this.target.intervalMs / 1000} s without logging again until it works`,
        );
      } else if (result.code === ExportResultCode.SUCCESS && this.failing) {
        this.failing = false;
        this.log(`[telemetry] OTLP push to ${this.target.url} works again`);
      }
      done(result);
    });
  }

  forceFlush(): Promise<void> {
    return this.inner.forceFlush();
  }

  shutdown(): Promise<void> {
    return this.inner.shutdown();
  }
}

/**
 * Pushes every `intervalMs` in the background: recording never waits for it, and an export that
 * hangs is cut off at the interval (the SDK keeps one export in flight).
 */
export function otlpReader(target: OtlpConfig, producers: MetricProducer[], log: (line: string) => void): PeriodicExportingMetricReader {
  const timeoutMillis = Math.min(target.intervalMs, 10_000);
  const exporter = new OTLPMetricExporter({ url: target.url, headers: target.headers, timeoutMillis });
  return new PeriodicExportingMetricReader({
    exporter: new OutageLog(exporter, target, log),
    exportIntervalMillis: target.intervalMs,
    exportTimeoutMillis: timeoutMillis,
    metricProducers: producers,
  });
}
