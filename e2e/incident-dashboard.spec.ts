import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { signIn } from './auth';
import { createKey, ingestMetrics, minutesAgo } from './metrics';

// Services of their own, so that what other specs ingest into the shared test server does not count here;
// per worker process, since a worker that takes over after a failure ingests the data again.
const LIVE = `e2e-incident-live-${process.pid}`;
const TOOLS = `e2e-incident-tools-${process.pid}`;
let liveKey = '';
let toolsKey = '';
let newestCall = '';

const tool = (minutes: number, success: boolean, errorCode?: string) => ({
  type: 'tool_execution',
  timestamp: minutesAgo(minutes),
  value: 1,
  duration_ms: success ? 120 : 900,
  dimensions: { tool_name: success ? 'search_code' : 'create_issue', server_name: 'github', success },
  metadata: errorCode ? { error_code: errorCode } : {},
});

test.beforeAll(async ({ playwright }, testInfo) => {
  liveKey = createKey(LIVE).key;
  toolsKey = createKey(TOOLS).key;
  const request = await playwright.request.newContext({ baseURL: testInfo.project.use.baseURL });
  const calls = [tool(3, true), tool(2, true), tool(2, false, 'rate_limited'), tool(90, true)];
  newestCall = calls[1].timestamp;
  await ingestMetrics(request, toolsKey, TOOLS, calls);
  await request.dispose();
});

const sendLive = (request: APIRequestContext) =>
  ingestMetrics(request, liveKey, LIVE, [{ type: 'auth_request', value: 1, duration_ms: 30, dimensions: { success: true, method: 'jwt' } }]);

/** The centre of the nth bar of series `series` (0-based, in the order drawn) of a chart. */
async function bar(page: Page, chart: string, series: number) {
  const rect = page.getByTestId(chart).locator('.recharts-bar').nth(series).locator('.recharts-bar-rectangle').last();
  await expect(rect).toBeVisible();
  return rect;
}

test('live view: with refresh=10s a metric sent while the page is open shows up without a reload', async ({ page, request }) => {
  await sendLive(request);
  await signIn(page, undefined, `/?service=${LIVE}&range=15m`);
  await expect(page.getByTestId('kpi-requests-value')).toHaveText('1');
  await page.getByRole('group', { name: 'Auto-refresh' }).getByRole('link', { name: '10s' }).click();
  await expect(page).toHaveURL(/refresh=10s/);
  await expect(page.getByTestId('range-window')).toBeVisible();
  // Marks the document: a reload would lose it, a refresh keeps it.
  await page.evaluate(() => ((window as unknown as { kept: boolean }).kept = true));
  await sendLive(request);
  await expect(page.getByTestId('kpi-requests-value')).toHaveText('2', { timeout: 25_000 });
  expect(await page.evaluate(() => (window as unknown as { kept?: boolean }).kept)).toBe(true);
  // The 15 min and 6 h presets are there, and off stops it.
  await expect(page.getByRole('group', { name: 'Time range' }).getByRole('link', { name: '15 min' })).toHaveAttribute('aria-current', 'true');
  await page.getByRole('group', { name: 'Auto-refresh' }).getByRole('link', { name: 'off' }).click();
  await expect(page).not.toHaveURL(/refresh=/);
});

test('drill-down: a bar of failed calls opens the Explorer on that bucket, service and outcome', async ({ page }) => {
  await signIn(page, undefined, `/tools?service=${TOOLS}&range=1h`);
  await expect(page.getByTestId('kpi-tools-calls-value')).toHaveText('3');
  // Pointing at the bar, as a person would (its tooltip shows), then a click there.
  const box = (await (await bar(page, 'chart-tools-calls', 1)).boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 3 });
  await expect(page.getByTestId('chart-tools-calls').getByTestId('chart-tooltip')).toBeVisible();
  await page.mouse.down();
  await page.mouse.up();
  await expect(page).toHaveURL(/\/explorer\?/);
  const url = new URL(page.url());
  expect(Object.fromEntries(url.searchParams)).toMatchObject({ service: TOOLS, type: 'tool_execution', success: 'false', range: 'custom' });
  await expect(page.getByTestId('explorer-row')).toHaveCount(1);
  await expect(page.getByTestId('explorer-error-code')).toHaveText('rate_limited');
  await expect(page.getByTestId('explorer-outcome')).toHaveText('✗ failed');

  // The Explorer's own dimension filters: a tool name, then a request id from a row.
  await page.goto(`/explorer?service=${TOOLS}&range=24h`);
  await expect(page.getByTestId('explorer-row')).toHaveCount(4);
  await page.getByLabel('Tool').fill('search_code');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page).toHaveURL(/tool_name=search_code/);
  await expect(page.getByTestId('explorer-row')).toHaveCount(3);
  await page.getByLabel('Outcome').selectOption('false');
  await expect(page.getByTestId('empty-state')).toBeVisible();
});

test('legend entries hide and show a series in the URL, and open the Explorer on it', async ({ page }) => {
  await signIn(page, undefined, `/tools?service=${TOOLS}&range=1h`);
  const legend = page.getByTestId('chart-tools-calls').getByTestId('legend-entry');
  const failed = legend.filter({ hasText: 'failed' });
  await failed.click();
  await expect(page).toHaveURL(/hide=chart-tools-calls\.failed/);
  await expect(failed).toHaveAttribute('aria-pressed', 'false');
  // Only the succeeded bars are left.
  await expect(page.getByTestId('chart-tools-calls').locator('.recharts-bar')).toHaveCount(2);
  await failed.click();
  await expect(page).not.toHaveURL(/hide=/);
  await expect(failed).toHaveAttribute('aria-pressed', 'true');
  await page.getByTestId('chart-tools-calls').getByRole('button', { name: 'Explore succeeded' }).click();
  await expect(page).toHaveURL(/\/explorer\?.*success=true/);
  await expect(page.getByTestId('explorer-row')).toHaveCount(2);
});

test('dragging across a chart zooms the page into that stretch (custom range in the URL); the crosshair is shared', async ({ page }) => {
  await signIn(page, undefined, `/?service=${TOOLS}&range=6h`);
  const chart = page.getByTestId('chart-requests');
  const box = (await chart.locator('.recharts-cartesian-grid').boundingBox())!;
  const y = box.y + box.height / 2;
  // Over the newest calls' bar (a minute with data: the duration chart's tooltip lists its values). A minute is
  // under 2 px wide at 6 h: step aside until the tooltip names that minute, not a neighbour.
  const newest = (await chart.locator('.recharts-bar-rectangle path').last().boundingBox())!;
  const newestLabel = `${newestCall.slice(5, 10)} ${newestCall.slice(11, 16)} UTC`;
  const label = chart.getByTestId('chart-tooltip').locator('p').first();
  for (const dx of [0, 0.5, -0.5, 1, -1, 1.5, -1.5, 2, -2]) {
    await page.mouse.move(newest.x + newest.width / 2 + dx, y, { steps: 2 });
    if ((await label.textContent()) === newestLabel) break;
  }
  await expect(label).toHaveText(newestLabel);
  // The other chart's crosshair follows (syncId): its tooltip shows the same bucket while hovering this one.
  const hovered = await chart.getByTestId('chart-tooltip').locator('p').first().textContent();
  await expect(page.getByTestId('chart-durations').getByTestId('chart-tooltip').locator('p').first()).toHaveText(hovered!);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.6, y, { steps: 8 });
  await page.mouse.move(box.x + box.width * 0.3, y, { steps: 8 });
  await page.mouse.up();
  await expect(page).toHaveURL(/range=custom&from=.+&to=/);
  const url = new URL(page.url());
  expect(url.searchParams.get('service')).toBe(TOOLS);
  const span = Date.parse(`${url.searchParams.get('to')}Z`) - Date.parse(`${url.searchParams.get('from')}Z`);
  expect(span).toBeGreaterThan(0);
  expect(span).toBeLessThan(6 * 3_600_000);
  // The zoomed window holds the calls of the last minutes and the one of 90 minutes ago.
  await expect(page.getByTestId('kpi-requests-value')).toHaveText('4');
});

test('an annotation sent as a custom metric appears as a marker on the time charts; latency and errors split by tool', async ({ page, request }) => {
  await ingestMetrics(request, toolsKey, TOOLS, [{ type: 'custom', value: 1, timestamp: minutesAgo(1), dimensions: { annotation: 'deploy v2.3.1' } }]);
  await signIn(page, undefined, `/?service=${TOOLS}&range=1h`);
  // By the minute, the deploy has a marker of its own (admin actions, such as the key made for this spec, have theirs).
  const deploy = (chart: string) => page.getByTestId(chart).getByTestId('annotation-marker').filter({ hasText: 'deploy v2.3.1' });
  await expect(deploy('chart-requests')).toHaveCount(1);
  await expect(deploy('chart-durations')).toHaveCount(1);
  // The Tools view draws it too.
  await page.goto(`/tools?service=${TOOLS}&range=1h`);
  await expect(deploy('chart-tools-calls')).toHaveCount(1);

  await page.goto(`/?service=${TOOLS}&range=6h`);
  await page.getByLabel('Split by').selectOption('tool');
  await expect(page).toHaveURL(/split=tool/);
  const legend = page.getByTestId('chart-errors-by').getByTestId('legend-entry');
  await expect(legend).toHaveText(['search_code', 'create_issue']);
  await expect(page.getByRole('region', { name: 'p95 latency' })).toContainText('per tool');
});

// A zone without daylight saving, so that the expected local time is the UTC one plus 5:30 whatever the date.
test.describe('in a browser at UTC+05:30', () => {
  test.use({ timezoneId: 'Asia/Kolkata' });

  test('the time zone switch is remembered per user and moves table times too; a saved view keeps its URL under a name', async ({ page }) => {
    const hydrationErrors: string[] = [];
    const hydration = /hydrat|#418|#423|#425/i;
    page.on('console', (message) => {
      if (message.type() === 'error' && hydration.test(message.text())) hydrationErrors.push(message.text());
    });
    page.on('pageerror', (error) => {
      if (hydration.test(error.message)) hydrationErrors.push(error.message);
    });
    const explorer = `/explorer?service=${TOOLS}&range=1h`;
    await signIn(page, undefined, explorer);
    const zone = page.getByRole('group', { name: 'Time zone' });
    const newest = page.getByTestId('explorer-row').first().getByRole('cell').first().locator('time');
    const stored = (await newest.getAttribute('datetime'))!;
    const wallClock = (offsetMinutes: number) => new Date(Date.parse(stored) + offsetMinutes * 60_000).toISOString().slice(0, 19).replace('T', ' ');
    // The cell shows the date over the time and zone.
    const cell = (offsetMinutes: number, zoneName: string) => wallClock(offsetMinutes).replace(' ', '') + ` ${zoneName}`;
    await expect(newest).toHaveText(cell(0, 'UTC'));

    await zone.getByRole('button', { name: 'Local' }).click();
    await expect(zone.getByRole('button', { name: 'Local' })).toHaveAttribute('aria-pressed', 'true');
    await expect(newest).toHaveText(cell(330, 'UTC+05:30'));
    // The server renders the page in the browser's zone already (its cookie told it), so nothing changes on hydration.
    expect(await (await page.request.get(explorer)).text()).toContain(`${wallClock(330)} UTC+05:30`);
    await page.reload();
    await expect(zone.getByRole('button', { name: 'Local' })).toHaveAttribute('aria-pressed', 'true');
    await expect(newest).toHaveText(cell(330, 'UTC+05:30'));
    await zone.getByRole('button', { name: 'UTC' }).click();
    await expect(zone.getByRole('button', { name: 'UTC' })).toHaveAttribute('aria-pressed', 'true');
    await expect(newest).toHaveText(cell(0, 'UTC'));
    expect(hydrationErrors).toEqual([]);

    await page.goto(`/tools?service=${TOOLS}&range=1h`);
    await page.getByText(/^Saved views/).click();
    const name = `Tools ${process.pid}`;
    await page.getByLabel('View name').fill(name);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    const saved = page.getByRole('list', { name: 'Saved views' }).getByRole('link', { name });
    await expect(saved).toBeVisible();
    await page.goto('/');
    await page.getByText(/^Saved views/).click();
    await saved.click();
    await expect(page).toHaveURL(new RegExp(`/tools\\?service=${TOOLS}&range=1h$`));
    await page.getByText(/^Saved views/).click();
    await page.getByRole('button', { name: `Delete ${name}` }).click();
    await expect(saved).toHaveCount(0);
  });
});
