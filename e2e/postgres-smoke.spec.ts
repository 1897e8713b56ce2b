import { expect, test } from '@playwright/test';
import { signIn } from './auth';

// The same production build on PostgreSQL (playwright.config.ts's `postgres` project, run when
// TEST_DATABASE_URL is set): one walk through what an operator touches first.
const KEY = process.env.E2E_POSTGRES_KEY!;

test('on PostgreSQL: ingest, then the overview, explorer, keys and system pages show it', async ({ page, request }) => {
  const timestamp = new Date(Date.now() - 10 * 60_000).toISOString();
  const response = await request.post('/metrics', {
    headers: { 'X-API-Key': KEY },
    data: {
      service: 'smoke',
      metrics: [{ type: 'tool_execution', timestamp, value: 1, duration_ms: 120, dimensions: { tool_name: 'search', success: true } }],
    },
  });
  expect(response.status(), await response.text()).toBe(200);
  expect((await response.json()).accepted).toBe(1);

  await signIn(page);
  await page.goto('/?range=24h');
  await expect(page.getByTestId('kpi-requests')).toContainText('1');

  await page.goto('/explorer?range=24h&service=smoke');
  await expect(page.getByRole('row').filter({ hasText: 'tool_execution' })).toHaveCount(1);
  await expect(page.getByRole('row').filter({ hasText: 'tool_execution' })).toContainText('smoke');

  await page.goto('/keys');
  await expect(page.getByRole('row').filter({ hasText: 'METRICS_API_KEY_SMOKE' })).toContainText('active');

  await page.goto('/system');
  await expect(page.getByTestId('engine')).toContainText('PostgreSQL 1');
});
