import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** Debian's Prometheus (`apt-get install -y prometheus`; .ci/run installs it). */
export const PROMETHEUS_BIN = '/usr/bin/prometheus';

export interface ScrapeJob {
  job: string;
  target: string;
  bearer?: string;
}

/** A real Prometheus scraping `jobs` every second, its data in `dir`, its API on 127.0.0.1:`port`. */
export function startPrometheus(dir: string, port: number, jobs: ScrapeJob[]): ChildProcess {
  const config = [
    'global:',
    '  scrape_interval: 1s',
    '  evaluation_interval: 1s',
    'scrape_configs:',
    ...jobs.flatMap(({ job, target, bearer }) => [
      `  - job_name: ${job}`,
      '    scrape_interval: 1s',
      ...(bearer ? ['    authorization:', `      credentials: ${bearer}`] : []),
      '    static_configs:',
      `      - targets: ['${target}']`,
    ]),
  ].join('\n');
  fs.writeFileSync(path.join(dir, 'prometheus.yml'), config);
  const child = spawn(
    PROMETHEUS_BIN,
    [
      `--config.file=${path.join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${path.join(dir, 'tsdb')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--log.level=warn',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  child.stderr!.on('data', (chunk) => process.stderr.write(`[prometheus] ${chunk}`));
  return child;
}

export interface Sample {
  metric: Record<string, string>;
  value: [number, string];
}

/** An instant PromQL query through the HTTP API. */
export async function promQuery(port: number, query: string): Promise<Sample[]> {
  const response = await fetch(`http://127.0.0.1:${port}/api/v1/query?query=${encodeURIComponent(query)}`);
  const body = (await response.json()) as { status: string; error?: string; data: { resultType: string; result: Sample[] } };
  if (body.status !== 'success') throw new Error(`${query}: ${body.error}`);
  return body.data.result;
}

/** Polls `query` until `done` accepts its result (Prometheus scrapes every second). */
export async function untilQuery(port: number, query: string, done: (samples: Sample[]) => boolean, timeoutMs = 30_000): Promise<Sample[]> {
  const deadline = Date.now() + timeoutMs;
  let last: Sample[] = [];
  while (Date.now() < deadline) {
    try {
      last = await promQuery(port, query);
      if (done(last)) return last;
    } catch {
      // Prometheus is still starting.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${query} did not come true in ${timeoutMs} ms; last result: ${JSON.stringify(last)}`);
}
