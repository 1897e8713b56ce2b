import { expect, test, type APIRequestContext } from '@playwright/test';
import { signIn } from './auth';
import { createKey, ingestMetrics } from './metrics';

// Services of their own, so that what other specs ingest into the shared test server does not count here.
const WEB = 'e2e-charts-web';
const WORKER = 'e2e-charts-worker';
let apiKey = '';

const ingest = (request: APIRequestContext, service: string, metrics: object[]) => ingestMetrics(request, apiKey, service, metrics);

// Every test reads the same few metrics, ingested once through POST /metrics with a key made by the CLI.
test.beforeAll(async ({ playwright }, testInfo) => {
  apiKey = createKey(WEB).key;
  const request = await playwright.request.newContext({ baseURL: testInfo.project.use.baseURL });
  // 150 minutes ago is outside "last 1 h" but inside 24 h.
  const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();
  await ingest(request, WEB, [
    { type: 'auth_request', timestamp: minutesAgo(150), value: 1, duration_ms: 40, dimensions: { success: true, method: 'jwt' } },
    {
      type: 'auth_request',
      timestamp: minutesAgo(30),
      value: 1,
      duration_ms: 60,
      dimensions: { success: false, method: 'jwt' },
      metadata: { error_code: 'expired' },
    },
    { type: 'tool_execution', timestamp: minutesAgo(5), value: 1, duration_ms: 250, dimensions: { tool_name: 'search', success: true } },
  ]);
  await ingest(request, WORKER, [{ type: 'custom', value: 1, duration_ms: 10 }]);
  await request.dispose();
});

test('the overview charts metrics ingested through POST /metrics; range and filters live in the URL', async ({ page }) => {
  await signIn(page, undefined, `/?service=${WEB}`);
  await expect(page).toHaveURL(new RegExp(`/\\?service=${WEB}$`));
  await expect(page.getByTestId('kpi-requests-value')).toHaveText('3');
  // One failure among the three metrics that report an outcome.
  await expect(page.getByTestId('kpi-error-rate-value')).toHaveText('33.3 %');
  await expect(page.getByTestId('chart-requests').locator('.recharts-bar-rectangle').first()).toBeVisible();
  await expect(page.getByTestId('chart-durations').locator('.recharts-line-curve').first()).toBeVisible();
  // Plain numbers on the axis (they never wrap); the card names the unit.
  await expect(page.getByTestId('chart-durations').locator('.recharts-yAxis-tick-labels')).toContainText(/\d{2}/);
  await expect(page.getByRole('region', { name: 'Duration' })).toContainText('(ms)');

  // A range is a link: the URL changes, the granularity follows, and back returns.
  await page.getByRole('group', { name: 'Time range' }).getByRole('link', { name: '30 d' }).click();
  await expect(page).toHaveURL(/range=30d/);
  await expect(page.getByText('daily · UTC')).toBeVisible();
  await expect(page.getByTestId('kpi-requests-value')).toHaveText('3');
  await page.getByRole('group', { name: 'Time range' }).getByRole('link', { name: '1 h' }).click();
  await expect(page).toHaveURL(/range=1h/);
  await expect(page.getByTestId('kpi-requests-value')).toHaveText('2');
  await page.goBack();
  await expect(page).toHaveURL(/range=30d/);
  await expect(page.getByTestId('kpi-requests-value')).toHaveText('3');

  // Filters too: the type filter narrows the numbers; the stack-by switch renames the series.
  await page.getByLabel('Type').selectOption('auth_request');
  await expect(page).toHaveURL(/type=auth_request/);
  await expect(page.getByTestId('kpi-requests-value')).toHaveText('2');
  await page.getByLabel('Service').selectOption('');
  await expect(page).not.toHaveURL(/service=/);
  await page.getByLabel('Service').selectOption(WORKER);
  await expect(page).toHaveURL(new RegExp(`service=${WORKER}`));
  await expect(page.getByTestId('empty-state')).toContainText('No metrics in this range with these filters');
  await page.goBack();
  await expect(page).not.toHaveURL(/service=/);
  await expect(page.getByLabel('Service')).toHaveValue('');

  // A shared link reproduces the view, and its chart exports as CSV.
  const shared = `/?range=24h&service=${WEB}&group=type`;
  await page.goto(shared);
  await expect(page.getByTestId('chart-requests').getByTestId('legend-entry')).toHaveText(['auth_request', 'tool_execution']);
  const csv = await page.request.get(`/export/overview/requests?range=24h&service=${WEB}&group=type`);
  expect(csv.headers()['content-type']).toBe('text/csv; charset=utf-8');
  const rows = (await csv.text()).trimEnd().split('\r\n');
  expect(rows[0]).toBe('"bucket_start_utc","auth_request","tool_execution"');
  expect(
    rows.slice(1).reduce(
      (n, r) =>
        n +
        r
          .split(',')
          .slice(1)
          .reduce((a, v) => a + Number(v || 0), 0),
      0,
    ),
  ).toBe(3);
});

test('1-minute buckets: the last hour has a bar a minute, and a metric sent now shows in its minute within a minute', async ({ page, request }) => {
  const service = `e2e-charts-minutes-${process.pid}`;
  const key = createKey(service).key;
  const send = (timestamp: string) => ingestMetrics(request, key, service, [{ type: 'custom', timestamp, value: 1, duration_ms: 5 }]);
  const earlier = new Date(Date.now() - 30 * 60_000).toISOString();
  await send(earlier);
  await signIn(page, undefined, `/?service=${service}&type=all&range=1h&refresh=10s`);
  await expect(page.getByText('1-minute · UTC')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Requests' })).toContainText('per minute');
  // A drawn bar is a path (an empty minute's rectangle has none).
  const bars = page.getByTestId('chart-requests').locator('.recharts-bar-rectangle path');
  await expect(bars).toHaveCount(1);

  // Sent while the page is open, stamped now: the refresh draws it in the bar of its own minute.
  const now = new Date().toISOString();
  await send(now);
  await expect(bars).toHaveCount(2, { timeout: 60_000 });
  await expect(page.getByTestId('kpi-requests-value')).toHaveText('2');
  const box = (await bars.last().boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 3 });
  await expect(page.getByTestId('chart-requests').getByTestId('chart-tooltip')).toContainText(`${now.slice(5, 10)} ${now.slice(11, 16)} UTC`);
  // The chart's CSV has the 60 (or 61, when the hour starts mid-minute) minutes, the metric in its own.
  const csv = (await (await page.request.get(`/export/overview/requests?service=${service}&type=all&range=1h`)).text()).trimEnd().split('\r\n');
  expect(csv.length - 1).toBeGreaterThanOrEqual(60);
  expect(csv.find((row) => row.startsWith(`"${now.slice(0, 16)}:00.000Z"`))).toMatch(/,"?1"?$/);

  // Sent late, into the minute of the first one, long closed: the server keeps that minute's sum between
  // refreshes, and reads it again now that its rows changed.
  await send(earlier);
  await expect(page.getByTestId('kpi-requests-value')).toHaveText('3', { timeout: 60_000 });
  await expect(bars).toHaveCount(2);
  const again = (await (await page.request.get(`/export/overview/requests?service=${service}&type=all&range=1h`)).text()).split('\r\n');
  expect(again.find((row) => row.startsWith(`"${earlier.slice(0, 16)}:00.000Z"`))).toMatch(/,"?2"?$/);
});

test('the explorer lists the ingested rows newest first with their JSON, and the specialized views chart them', async ({ page }) => {
  await signIn(page, undefined, `/explorer?service=${WEB}`);
  const rows = page.getByTestId('explorer-row');
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(0)).toContainText('tool_execution');
  await expect(rows.nth(2)).toContainText('auth_request');
  await rows.nth(1).locator('summary').click();
  await expect(rows.nth(1).getByText('"error_code": "expired"')).toBeVisible();

  await page.goto('/auth-metrics?range=24h');
  await expect(page.getByTestId('chart-auth-methods')).toBeVisible();
  await expect(page.getByTestId('chart-auth-errors').getByText('expired')).toBeVisible();
  await page.goto('/tools?range=24h');
  await expect(page.getByTestId('chart-tools-top').getByText('search')).toBeVisible();
  await page.goto('/discovery?range=1h');
  await expect(page.getByTestId('empty-state').or(page.getByTestId('chart-discovery-timing'))).toBeVisible();
});

test('a bad link says which parameter is wrong; a custom range; the overview fits a phone screen', async ({ page }) => {
  await signIn(page, undefined, '/?range=2w');
  await expect(page.getByTestId('invalid-query')).toContainText('range: expected one of 15m, 1h, 6h, 24h, 7d, 30d, 90d, 1y, custom');
  // A custom range: two dates (UTC), the "to" day included; the URL carries them.
  await page.goto(`/?service=${WEB}`);
  await page.getByRole('button', { name: 'Custom' }).click();
  const today = new Date().toISOString().slice(0, 10);
  const weekAgo = new Date(Date.now() - 7 * 86_400_000).toISOString().slice(0, 10);
  await page.getByLabel('From', { exact: true }).fill(weekAgo);
  await page.getByLabel('To', { exact: true }).fill(today);
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page).toHaveURL(new RegExp(`range=custom&from=${weekAgo}&to=${today}`));
  await expect(page.getByText('daily · UTC')).toBeVisible();
  await expect(page.getByTestId('kpi-requests-value')).toHaveText('3');

  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`/?service=${WEB}`);
  await expect(page.getByTestId('chart-requests').locator('.recharts-bar-rectangle').first()).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
});

test('signed out, the chart pages redirect to sign-in and the CSV exports refuse', async ({ request }) => {
  const page = await request.get('/tools', { maxRedirects: 0 });
  expect([302, 307]).toContain(page.status());
  expect(page.headers().location).toContain('/signin');
  const csv = await request.get('/export/explorer', { maxRedirects: 0 });
  expect(csv.status()).toBe(401);
  expect(await csv.json()).toEqual({ detail: expect.any(String) });
});
