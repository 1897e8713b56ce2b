import { expect, test } from '@playwright/test';

test('the app starts from a fresh database and a signed-out visitor lands on the sign-in page', async ({ page, request }) => {
  const health = await request.get('/health');
  expect(health.status()).toBe(200);
  expect(await health.json()).toEqual({ status: 'healthy', service: 'metrics-collection' });

  await page.goto('/');
  await expect(page).toHaveURL(/\/signin\?callbackUrl=/);
  await expect(page.getByRole('heading', { name: 'mcp-metrics' })).toBeVisible();
});
