import { expect, test, type Locator, type Page } from '@playwright/test';
import { signIn } from './auth';
import { createKey, ingestMetrics, minutesAgo } from './metrics';
import { keepScreensOnFailure } from './screens';

// The dashboard as an operator meets it (issue 11): each test holds one defect that was found, on data
// ingested through POST /metrics into services of this spec's own. A worker restarted after a failure
// ingests again, under new names, so that no test counts the data twice.
const RUN = Date.now().toString(36);
const DOTS = `e2e-dv-dots-${RUN}`;
const WINDOW = `e2e-dv-window-${RUN}`;
const PCT = `e2e-dv-pct-${RUN}`;
const LONG = `e2e-dv-long-${RUN}`;
const MIX = `e2e-dv-mix-${RUN}`;
const CALLS = `e2e-dv-calls-${RUN}`;
const LONG_TOOL = 'get_current_time_by_timezone_for_region';
const COLORED = [1, 2, 3, 4, 5].map((i) => `e2e-dv-c${i}-${RUN}`);
let keyId = 0;

keepScreensOnFailure();

test.beforeAll(async ({ playwright }, testInfo) => {
  const { id, key } = createKey(`e2e-dv-${RUN}`);
  keyId = id;
  const request = await playwright.request.newContext({ baseURL: testInfo.project.use.baseURL });
  const send = (service: string, metrics: object[]) => ingestMetrics(request, key, service, metrics);
  const tool = (minutes: number, extra: object = {}) => ({
    type: 'tool_execution',
    timestamp: minutesAgo(minutes),
    value: 1,
    duration_ms: 120,
    dimensions: { tool_name: 'search', server_name: minutes % 2 ? 'srv-odd' : 'srv-even', success: true },
    ...extra,
  });
  // One sign-in and four discovery queries, all in one hour bucket: single points on every line chart.
  await send(DOTS, [
    { type: 'auth_request', timestamp: minutesAgo(20), value: 1, duration_ms: 40, dimensions: { success: true, method: 'jwt' } },
    ...[4, 4, 4, 5].map((results) => ({
      type: 'tool_discovery',
      timestamp: minutesAgo(20),
      value: 1,
      duration_ms: 30,
      dimensions: { query: 'find', results_count: results },
      metadata: { embedding_time_ms: 20, faiss_search_time_ms: 8 },
    })),
  ]);
  // Two calls in the last hour, two in the hour before it (61 minutes ago is in the hour bucket "1 h" used to start at).
  await send(WINDOW, [tool(5), tool(30), tool(61), tool(90)]);
  // 199 of 200 sign-ins succeed (99.5 %), and enough other rows that counts reach the thousands.
  for (let batch = 0; batch < 2; batch++) {
    await send(
      PCT,
      Array.from({ length: 100 }, (_, i) => ({
        type: 'auth_request',
        timestamp: minutesAgo(10),
        value: 1,
        duration_ms: 30 + i,
        dimensions: { success: batch === 1 && i === 99 ? false : true, method: 'jwt' },
      })),
    );
  }
  for (let batch = 0; batch < 10; batch++) {
    await send(
      PCT,
      Array.from({ length: 100 }, (_, i) => ({ type: 'custom', timestamp: minutesAgo(10), value: 1234.5 + i, duration_ms: 2 })),
    );
  }
  await send(LONG, [
    tool(3, { dimensions: { tool_name: LONG_TOOL, server_name: 'srv-long', success: false }, metadata: { error_code: 'timeout' } }),
    { type: 'custom', timestamp: minutesAgo(2), value: 1, dimensions: { note: 'n'.repeat(190) }, metadata: { url: `https://example.com/${'p'.repeat(400)}` } },
  ]);
  await send(MIX, [
    tool(15),
    tool(16),
    tool(17),
    ...Array.from({ length: 5 }, () => ({ type: 'health_check', timestamp: minutesAgo(15), value: 1, duration_ms: 3 })),
    ...Array.from({ length: 2 }, () => ({ type: 'protocol_latency', timestamp: minutesAgo(15), value: 1, duration_ms: 4 })),
  ]);
  const call = (minutes: number, method: string, client: string) =>
    tool(minutes, { dimensions: { tool_name: 'search', server_name: 'srv-calls', method, client_name: client, success: true } });
  await send(CALLS, [call(4, 'tools/call', 'claude-desktop'), call(6, 'tools/call', 'cursor'), call(8, 'tools/list', 'cursor')]);
  for (const service of COLORED) await send(service, [{ type: 'registry_operation', timestamp: minutesAgo(10), value: 1, duration_ms: 20 }]);
  await request.dispose();
});

/** The numbers on a chart's value axis, as drawn. */
async function axisTicks(chart: Locator, axis: 'x' | 'y'): Promise<string[]> {
  return chart.locator(`.recharts-${axis}Axis-tick-labels .recharts-cartesian-axis-tick-value`).allTextContents();
}

const horizontallyScrolls = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);

test('1: a series of one point is drawn as a dot, on the overview, auth and discovery line charts', async ({ page }) => {
  await signIn(page, undefined, `/?service=${DOTS}`);
  await expect(page.getByTestId('chart-durations').getByTestId('isolated-dot')).toHaveCount(4);
  await page.goto(`/auth-metrics?service=${DOTS}`);
  await expect(page.getByTestId('chart-auth-success').getByTestId('isolated-dot')).toHaveCount(1);
  await page.goto(`/discovery?service=${DOTS}`);
  await expect(page.getByTestId('chart-discovery-timing').getByTestId('isolated-dot')).toHaveCount(2);
  await expect(page.getByTestId('chart-discovery-results').getByTestId('isolated-dot')).toHaveCount(1);
  // 8 (smaller): a mean keeps its decimals.
  await expect(page.getByTestId('kpi-discovery-results-value')).toHaveText('4.25');
});

test('2: "1 h" is the last 60 minutes on every page, compared with the 60 minutes before', async ({ page }) => {
  await signIn(page, undefined, `/?service=${WINDOW}&range=1h`);
  await expect(page.getByTestId('kpi-requests-value')).toHaveText('2');
  await expect(page.getByTestId('kpi-requests-change')).toHaveText('■ 0.0 % vs the 1 h before');
  await expect(page.getByTestId('range-window')).toContainText('on every page');
  await page.goto(`/tools?service=${WINDOW}&range=1h`);
  await expect(page.getByTestId('kpi-tools-calls-value')).toHaveText('2');
  await page.goto(`/?service=${WINDOW}&range=24h`);
  await expect(page.getByTestId('kpi-requests-value')).toHaveText('4');
  await page.goto(`/tools?service=${WINDOW}&range=24h`);
  await expect(page.getByTestId('kpi-tools-calls-value')).toHaveText('4');
});

test('3: percentages keep a decimal, two near 100 %, in cards and tooltips', async ({ page }) => {
  await signIn(page, undefined, `/auth-metrics?service=${PCT}&range=1h`);
  await expect(page.getByTestId('kpi-auth-success-rate-value')).toHaveText('99.50 %');
  const dot = page.getByTestId('chart-auth-success').getByTestId('isolated-dot');
  const box = (await dot.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await expect(page.getByTestId('chart-tooltip')).toContainText('99.50 %');
  await page.goto(`/?service=${PCT}&range=1h`);
  await expect(page.getByTestId('kpi-error-rate-value')).toHaveText('0.5 %');
});

test('4: nothing is clipped at 1280 px: keys table, tool names, explorer JSON, axes, sidebar', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 600 });
  await signIn(page, undefined, '/keys');
  const table = page.getByTestId('keys-table');
  expect(await table.evaluate((t) => t.parentElement!.scrollWidth <= t.parentElement!.clientWidth)).toBe(true);
  await expect(table.getByRole('columnheader', { name: 'Status' })).toBeInViewport();

  await page.goto(`/tools?service=${LONG}`);
  const label = page.getByTestId('chart-tools-top').getByTestId('category-label');
  await expect(label).toHaveText(/^get_current_time_by_timezone/);
  const [chartBox, labelBox] = [await page.getByTestId('chart-tools-top').boundingBox(), await label.boundingBox()];
  expect(labelBox!.x).toBeGreaterThanOrEqual(chartBox!.x);

  await page.goto(`/explorer?service=${LONG}`);
  await page.getByTestId('explorer-row').first().locator('summary').click();
  const json = page.getByTestId('explorer-row').first().locator('pre');
  await expect(json.first()).toBeVisible();
  for (const pre of await json.all()) expect(await pre.evaluate((p) => p.scrollWidth <= p.clientWidth)).toBe(true);
  expect(await horizontallyScrolls(page)).toBe(false);

  // Axis labels on one line, at round steps; a count axis in whole numbers.
  await page.goto(`/?service=${PCT}&range=24h&type=all`);
  const durations = page.getByTestId('chart-durations');
  await expect(durations.getByTestId('isolated-dot').first()).toBeVisible();
  expect(
    await durations
      .locator('.recharts-yAxis-tick-labels .recharts-cartesian-axis-tick-value')
      .evaluateAll((ticks) => ticks.every((t) => t.querySelectorAll('tspan').length <= 1)),
  ).toBe(true);
  const values = (await axisTicks(durations, 'y')).map((t) => Number(t.replace(/,/g, '')));
  expect(values.length).toBeGreaterThanOrEqual(3);
  const step = values[1] - values[0];
  expect(values.every((v, i) => v === i * step)).toBe(true);
  expect([1, 2, 2.5, 5]).toContain(step / 10 ** Math.floor(Math.log10(step)));
  const counts = await axisTicks(page.getByTestId('chart-requests'), 'y');
  expect(counts.length).toBeGreaterThanOrEqual(2);
  expect(counts.every((t) => /^[\d,.KM]+$/.test(t) && !/^0\.\d/.test(t))).toBe(true);

  // The sidebar's background reaches the bottom of a long page.
  await page.goto('/explorer?range=24h');
  await expect(page.getByTestId('explorer-row')).toHaveCount(50);
  // Counted, the rows may still sit in React's hidden streaming container (it throttles reveals): measure once shown.
  await expect(page.getByTestId('explorer-row').last()).toBeVisible();
  const pageHeight = await page.evaluate(() => document.documentElement.scrollHeight);
  expect(pageHeight).toBeGreaterThan(600);
  expect((await page.locator('aside').boundingBox())!.height).toBeGreaterThanOrEqual(pageHeight - 1);
});

test('5: a new range shows its loading state at once, and so does a link to another page', async ({ page }) => {
  await signIn(page, undefined, `/?service=${WINDOW}`);
  // Hold the server's answer for the new view, to see what the page shows meanwhile.
  const hold = async (url: RegExp) =>
    page.route(url, async (route) => {
      if (route.request().headers().rsc) await new Promise((resolve) => setTimeout(resolve, 2500));
      await route.fallback();
    });
  await hold(/range=30d/);
  const picker = page.getByRole('group', { name: 'Time range' });
  await picker.getByRole('link', { name: '30 d' }).click();
  await expect(page.getByTestId('view-loading')).toBeVisible({ timeout: 1000 });
  await expect(picker.getByRole('link', { name: '30 d' })).toHaveAttribute('aria-current', 'true');
  await expect(picker.getByRole('link', { name: '24 h' })).not.toHaveAttribute('aria-current', 'true');
  await expect(page).toHaveURL(/range=30d/);
  await expect(page.getByTestId('view-loading')).toHaveCount(0);
  await expect(page.getByText('daily · UTC')).toBeVisible();

  await hold(/\/tools/);
  const tools = page.getByRole('navigation', { name: 'Dashboard' }).getByRole('link', { name: 'Tools' });
  await tools.click();
  await expect(tools.getByTestId('nav-pending')).toBeVisible({ timeout: 1000 });
  await expect(page.getByRole('heading', { name: 'Tools', exact: true })).toBeVisible();
  await expect(tools.getByTestId('nav-pending')).toHaveCount(0);
});

test('6: range and service follow from page to page; Auth, Discovery and Tools filter by service, Tools by server', async ({ page }) => {
  await signIn(page, undefined, `/?range=7d&service=${WINDOW}`);
  const nav = page.getByRole('navigation', { name: 'Dashboard' });
  await nav.getByRole('link', { name: 'Tools' }).click();
  await expect(page).toHaveURL(new RegExp(`/tools\\?range=7d&service=${WINDOW}$`));
  await expect(page.getByLabel('Service')).toHaveValue(WINDOW);
  await expect(page.getByTestId('kpi-tools-calls-value')).toHaveText('4');
  await page.getByLabel('Server').selectOption('srv-odd');
  await expect(page).toHaveURL(/server=srv-odd/);
  await expect(page.getByTestId('kpi-tools-calls-value')).toHaveText('2');

  await nav.getByRole('link', { name: 'Auth' }).click();
  await expect(page).toHaveURL(new RegExp(`/auth-metrics\\?range=7d&service=${WINDOW}$`));
  await expect(page.getByTestId('empty-state')).toBeVisible();
  await page.getByLabel('Service').selectOption(DOTS);
  await expect(page.getByTestId('kpi-auth-attempts-value')).toHaveText('1');
  await nav.getByRole('link', { name: 'Discovery' }).click();
  await expect(page).toHaveURL(new RegExp(`/discovery\\?range=7d&service=${DOTS}$`));
  await expect(page.getByTestId('kpi-discovery-queries-value')).toHaveText('4');
  // Pages outside the chart views take nothing along.
  await nav.getByRole('link', { name: 'API keys' }).click();
  await expect(page).toHaveURL(/\/keys$/);
});

test('6: Tools filters by MCP method and client too, kept in the URL', async ({ page }) => {
  await signIn(page, undefined, `/tools?service=${CALLS}`);
  const calls = page.getByTestId('kpi-tools-calls-value');
  await expect(calls).toHaveText('3');
  await page.getByLabel('Method').selectOption('tools/call');
  await expect(page).toHaveURL(/[?&]method=tools(%2F|\/)call/);
  await expect(calls).toHaveText('2');
  await page.getByLabel('Client').selectOption('cursor');
  await expect(page).toHaveURL(/[?&]client=cursor/);
  await expect(calls).toHaveText('1');
  // The URL is the view: loaded again, it shows the same filters and totals.
  await page.reload();
  await expect(page.getByLabel('Method')).toHaveValue('tools/call');
  await expect(page.getByLabel('Client')).toHaveValue('cursor');
  await expect(calls).toHaveText('1');
  await page.getByLabel('Method').selectOption({ label: 'All methods' });
  await expect(page).not.toHaveURL(/method=/);
  await expect(calls).toHaveText('2');
});

test('7: the overview counts requests unless asked for every type', async ({ page }) => {
  await signIn(page, undefined, `/?service=${MIX}`);
  await expect(page.getByTestId('kpi-requests-value')).toHaveText('3');
  await expect(page.getByTestId('type-scope')).toContainText('health checks, protocol latency');
  await page.getByLabel('Type').selectOption('all');
  await expect(page).toHaveURL(/type=all/);
  await expect(page.getByTestId('kpi-requests-value')).toHaveText('10');
  await page.getByLabel('Type').selectOption('health_check');
  await expect(page.getByTestId('kpi-requests-value')).toHaveText('5');
});

test('8: keys: deactivation asks first, the create form starts over after a key is made', async ({ page }) => {
  await signIn(page, undefined, `/keys/${keyId}`);
  await page.getByRole('button', { name: 'Deactivate key' }).click();
  const confirm = page.getByRole('group', { name: 'Confirm deactivation' });
  await expect(confirm).toContainText('refused from now on');
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByTestId('key-status')).toHaveText('active');
  await page.getByRole('button', { name: 'Deactivate key' }).click();
  await page.getByRole('button', { name: 'Yes, deactivate' }).click();
  await expect(page.getByTestId('key-status')).toHaveText('inactive');
  await page.getByRole('button', { name: 'Reactivate key' }).click();
  await expect(page.getByTestId('key-status')).toHaveText('active');

  await page.goto('/keys');
  const form = page.getByRole('form', { name: 'Create a key' });
  await form.getByLabel('Service name').fill(`e2e-dv-created-${RUN}`);
  await form.getByLabel('Daily limit').fill('5000');
  await form.getByRole('button', { name: 'Create key' }).click();
  await expect(page.getByTestId('new-key-panel')).toContainText(`e2e-dv-created-${RUN}`);
  await expect(form.getByLabel('Service name')).toHaveValue('');
  await expect(form.getByLabel('Daily limit')).toHaveValue('');
  await expect(
    page
      .getByTestId('keys-table')
      .getByRole('row')
      .filter({ hasText: `e2e-dv-created-${RUN}` }),
  ).toContainText('daily 5,000');
});

test('8: retention: a short hourly retention is warned about; the dry run is a table; nothing to delete offers no delete', async ({ page }) => {
  await signIn(page, undefined, '/retention');
  await expect(page.getByTestId('expired-metrics')).toHaveText(/^\d[\d,]* of \d{1,3}(,\d{3})+ expired$/);
  const hourly = page.getByTestId('policy-metrics_hourly');
  await hourly.getByLabel('Days metrics_hourly keeps').fill('3');
  await expect(page.getByTestId('warning-metrics_hourly')).toContainText('ranges up to 7 days');
  await hourly.getByLabel('Days metrics_hourly keeps').fill('30');
  await expect(page.getByTestId('warning-metrics_hourly')).toHaveCount(0);
  // So is a minute retention shorter than the 2 days the 1- and 5-minute charts read.
  await page.getByTestId('policy-metrics_minutely').getByLabel('Days metrics_minutely keeps').fill('1');
  await expect(page.getByTestId('warning-metrics_minutely')).toContainText('within the last 2 days');
  // The lines per tool, server and client have nothing finer to be counted from.
  await page.getByTestId('policy-metrics_dimension_hourly').getByLabel('Days metrics_dimension_hourly keeps').fill('3');
  await expect(page.getByTestId('warning-metrics_dimension_hourly')).toContainText('the older part of those lines is empty');

  await page.getByRole('button', { name: 'Dry run' }).click();
  const result = page.getByTestId('cleanup-result');
  await expect(result.getByRole('columnheader', { name: 'Would delete' })).toBeVisible();
  await expect(result.getByRole('row').filter({ hasText: 'metrics_daily' }).getByRole('cell')).toHaveCount(4);
  const wouldGo = (await result.locator('tbody tr td:last-child').allTextContents()).reduce((n, t) => n + (Number(t.replace(/,/g, '')) || 0), 0);
  await expect(page.getByRole('button', { name: 'Delete expired rows now' })).toHaveCount(wouldGo > 0 ? 1 : 0);
});

test('8: services never look like failures; stacked tooltips add up; times in a custom range', async ({ page }) => {
  await signIn(page, undefined, '/?range=1h');
  const bars = page.getByTestId('chart-requests').locator('.recharts-bar-rectangle path');
  await expect(bars.first()).toBeVisible();
  const fills = await bars.evaluateAll((paths) => paths.map((p) => p.getAttribute('fill')?.toLowerCase()));
  expect(fills.length).toBeGreaterThanOrEqual(COLORED.length);
  expect(fills).not.toContain('#ef4444');
  expect(fills).not.toContain('#10b981');
  // Over the last bucket, halfway up the plot: the tooltip of that bucket.
  const [bar, chart] = [(await bars.last().boundingBox())!, (await page.getByTestId('chart-requests').boundingBox())!];
  await page.mouse.move(bar.x + bar.width / 2, chart.y + chart.height / 3);
  // Every chart of the page follows the crosshair (one syncId): this chart's tooltip.
  await expect(page.getByTestId('chart-requests').getByTestId('chart-tooltip')).toContainText('Total');

  await page.goto(`/?service=${WINDOW}`);
  await page.getByRole('button', { name: 'Custom' }).click();
  const [from, to] = [minutesAgo(45), minutesAgo(-1)];
  await page.getByLabel('From', { exact: true }).fill(from.slice(0, 10));
  await page.getByLabel('From time').fill(from.slice(11, 16));
  await page.getByLabel('To', { exact: true }).fill(to.slice(0, 10));
  await page.getByLabel('To time').fill(to.slice(11, 16));
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page).toHaveURL(new RegExp(`from=${from.slice(0, 16).replace(':', '%3A')}`));
  await expect(page.getByTestId('range-window')).toContainText(from.slice(11, 16));
  await expect(page.getByTestId('kpi-requests-value')).toHaveText('2');
});

test('8: on a phone the navigation row shows the current page and hints that it scrolls', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, undefined, '/audit');
  const current = page.getByRole('navigation', { name: 'Dashboard' }).locator('[aria-current="page"]');
  await expect(current).toHaveText('Audit log');
  await expect(current).toBeInViewport({ ratio: 1 });
  expect(await horizontallyScrolls(page)).toBe(false);
});
