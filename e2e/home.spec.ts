import { expect, test } from '@playwright/test';

test('the app starts from a fresh database and a page renders', async ({ page, request }) => {
  const health = await request.get('/health');
  expect(health.status()).toBe(200);
  expect(await health.json()).toEqual({ status: 'healthy', service: 'metrics-collection' });

  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'mcp-metrics' })).toBeVisible();
  await expect(page.getByTestId('db-status')).toHaveText('Database: connected');
});
