import { expect, test } from '@playwright/test';
import { ADMIN, ensureUser, signIn, VIEWER } from './auth';

test('a signed-out visitor of any dashboard page is sent to sign-in and comes back after it', async ({ page }) => {
  await page.goto('/system');
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fsystem$/);
  await page.getByLabel('Email').fill(ADMIN.email);
  await page.getByLabel('Password').fill('not the password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('signin-error')).toHaveText('Wrong email or password.');

  await page.getByLabel('Password').fill(ADMIN.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/system$/);
  await expect(page.getByTestId('session-user')).toHaveText(`${ADMIN.email} · admin`);
});

test('sign-out ends the session', async ({ page }) => {
  await signIn(page);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/signin/);
  await page.goto('/keys');
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fkeys$/);
});

test('machine APIs are not redirected to the sign-in page', async ({ request }) => {
  const health = await request.get('/health', { maxRedirects: 0 });
  expect(health.status()).toBe(200);
  const session = await request.get('/api/auth/session', { maxRedirects: 0 });
  expect(session.status()).toBe(200);
  const ingest = await request.post('/metrics', { data: {}, maxRedirects: 0 });
  expect(ingest.status()).toBe(401);
  expect(await ingest.json()).toHaveProperty('detail');
});

test('the navigation reaches every page at phone width', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page);
  const nav = page.getByRole('navigation', { name: 'Dashboard' });
  await nav.getByRole('link', { name: 'Audit log' }).click();
  await expect(page).toHaveURL(/\/audit$/);
  await expect(nav.getByRole('link', { name: 'Audit log' })).toHaveAttribute('aria-current', 'page');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});

test('a viewer signs in read-only', async ({ page }) => {
  ensureUser(VIEWER, 'viewer');
  await signIn(page, VIEWER);
  await expect(page.getByTestId('session-user')).toHaveText(`${VIEWER.email} · viewer`);
});
