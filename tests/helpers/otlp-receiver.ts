import http from 'node:http';
import type { AddressInfo } from 'node:net';
import protobuf from 'protobufjs';

// The part of opentelemetry-proto's metrics service (opentelemetry/proto/collector/metrics/v1 and
// metrics/v1, common/v1, resource/v1) that these tests read; protobuf skips the fields left out.
const OTLP_METRICS = `
syntax = "proto3";
message ExportMetricsServiceRequest { repeated ResourceMetrics resource_metrics = 1; }
message ResourceMetrics { Resource resource = 1; repeated ScopeMetrics scope_metrics = 2; }
message Resource { repeated KeyValue attributes = 1; }
message KeyValue { string key = 1; AnyValue value = 2; }
message AnyValue { oneof value { string string_value = 1; bool bool_value = 2; int64 int_value = 3; double double_value = 4; } }
message ScopeMetrics { InstrumentationScope scope = 1; repeated Metric metrics = 2; }
message InstrumentationScope { string name = 1; string version = 2; }
message Metric { string name = 1; string description = 2; string unit = 3; oneof data { Gauge gauge = 5; Sum sum = 7; Histogram histogram = 9; } }
message Gauge { repeated NumberDataPoint data_points = 1; }
message Sum { repeated NumberDataPoint data_points = 1; int32 aggregation_temporality = 2; bool is_monotonic = 3; }
message Histogram { repeated HistogramDataPoint data_points = 1; int32 aggregation_temporality = 2; }
message NumberDataPoint { repeated KeyValue attributes = 7; fixed64 time_unix_nano = 3; oneof value { double as_double = 4; sfixed64 as_int = 6; } }
message HistogramDataPoint {
  repeated KeyValue attributes = 9; fixed64 count = 4; optional double sum = 5; repeated fixed64 bucket_counts = 6; repeated double explicit_bounds = 7;
}
`;
const Request = protobuf.parse(OTLP_METRICS).root.lookupType('ExportMetricsServiceRequest');

interface KeyValue {
  key: string;
  value: { stringValue?: string; boolValue?: boolean; intValue?: number; doubleValue?: number };
}
interface NumberPoint {
  attributes: KeyValue[];
  asDouble?: number;
  asInt?: number;
}
interface HistogramPoint {
  attributes: KeyValue[];
  count: number;
  sum?: number;
  bucketCounts: number[];
  explicitBounds: number[];
}
export interface OtlpMetric {
  name: string;
  unit?: string;
  gauge?: { dataPoints: NumberPoint[] };
  sum?: { dataPoints: NumberPoint[]; isMonotonic?: boolean };
  histogram?: { dataPoints: HistogramPoint[] };
}
export interface OtlpExport {
  path: string;
  contentType: string | undefined;
  headers: http.IncomingHttpHeaders;
  resource: Record<string, unknown>;
  metrics: OtlpMetric[];
}

export const attributes = (list: KeyValue[]) =>
  Object.fromEntries(list.map(({ key, value }) => [key, value.stringValue ?? value.boolValue ?? value.intValue ?? value.doubleValue]));

/** A collector's OTLP/HTTP metrics endpoint (on `port`, or any free one): decodes each protobuf push and keeps it. */
export async function startOtlpReceiver(port = 0): Promise<{ url: string; port: number; received: OtlpExport[]; close: () => Promise<void> }> {
  const received: OtlpExport[] = [];
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const decoded = Request.toObject(Request.decode(Buffer.concat(chunks)), { longs: Number, defaults: false }) as {
        resourceMetrics?: { resource?: { attributes?: KeyValue[] }; scopeMetrics?: { metrics?: OtlpMetric[] }[] }[];
      };
      for (const rm of decoded.resourceMetrics ?? []) {
        received.push({
          path: request.url!,
          contentType: request.headers['content-type'],
          headers: request.headers,
          resource: attributes(rm.resource?.attributes ?? []),
          metrics: (rm.scopeMetrics ?? []).flatMap((scope) => scope.metrics ?? []),
        });
      }
      response.writeHead(200, { 'content-type': 'application/x-protobuf' }).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const bound = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${bound}`,
    port: bound,
    received,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
