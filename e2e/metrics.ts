import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { expect, type APIRequestContext } from '@playwright/test';

/** An API key made with the keys CLI against the test server's database: its id and plain text. */
export function createKey(service: string): { id: number; key: string } {
  const env = { ...process.env, SQLITE_DB_PATH: path.join(process.env.E2E_DATA_DIR!, 'metrics.db') };
  const out = execFileSync('npx', ['tsx', 'cli/index.ts', 'keys', 'create', '--service', service, '--json'], { env, encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').at(-1)!) as { id: number; key: string };
}

/** POSTs metrics to /metrics with `apiKey`, as a service would, and expects every one accepted. */
export async function ingestMetrics(request: APIRequestContext, apiKey: string, service: string, metrics: object[]): Promise<void> {
  const response = await request.post('/metrics', { headers: { 'X-API-Key': apiKey }, data: { service, metrics } });
  expect(response.status(), await response.text()).toBe(200);
  expect((await response.json()).accepted).toBe(metrics.length);
}

/** An ISO timestamp `minutes` before now. */
export const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();
