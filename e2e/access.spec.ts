import { expect, test } from '@playwright/test';
import { ADMIN, ensureUser, setPassword, signIn, VIEWER } from './auth';

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

test('a crafted callbackUrl sends the browser to the overview after sign-in, never to another host', async ({ page }) => {
  for (const target of ['/.//evil.example/phish', '/x/..//evil.example', '/%2e//evil.example']) {
    await page.context().clearCookies();
    await signIn(page, ADMIN, target);
    await expect(page).toHaveURL(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  }
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
  for (const [label, path] of [
    ['API keys', '/keys'],
    ['Retention', '/retention'],
    ['System', '/system'],
    ['Audit log', '/audit'],
  ]) {
    await nav.getByRole('link', { name: label }).click();
    await expect(page).toHaveURL(new RegExp(`${path}$`));
    await expect(nav.getByRole('link', { name: label })).toHaveAttribute('aria-current', 'page');
    // Wide tables scroll inside their box; the page itself never scrolls sideways.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, path).toBeLessThanOrEqual(0);
  }
});

test('the dashboard follows the system colour scheme', async ({ page }) => {
  await signIn(page, ADMIN, '/system');
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  await page.emulateMedia({ colorScheme: 'light' });
  const light = await background();
  await page.emulateMedia({ colorScheme: 'dark' });
  const dark = await background();
  expect(dark).not.toBe(light);
  // Dark means a dark background: its lightness (oklch's first number, or the rgb average) is low.
  const lightness = (color: string) => {
    const oklch = /oklch\(([\d.]+)(%?)/.exec(color);
    if (oklch) return Number(oklch[1]) / (oklch[2] ? 100 : 1);
    const rgb = color
      .match(/[\d.]+/g)!
      .slice(0, 3)
      .map(Number);
    return rgb.reduce((a, b) => a + b, 0) / 3 / 255;
  };
  expect(lightness(dark)).toBeLessThan(0.3);
  expect(lightness(light)).toBeGreaterThan(0.9);
});

test('a viewer signs in read-only', async ({ page }) => {
  ensureUser(VIEWER, 'viewer');
  await signIn(page, VIEWER);
  await expect(page.getByTestId('session-user')).toHaveText(`${VIEWER.email} · viewer`);
});

test('behind an HTTPS proxy without NEXTAUTH_URL, sign-in sets a secure session cookie that the pages accept', async ({ playwright, baseURL }) => {
  // The service sees plain http from the proxy, which says X-Forwarded-Proto: https.
  const behindProxy = { baseURL, extraHTTPHeaders: { 'X-Forwarded-Proto': 'https' } };
  const browser = await playwright.request.newContext(behindProxy);
  const { csrfToken } = await (await browser.get('/api/auth/csrf')).json();
  const signIn = await browser.post('/api/auth/callback/credentials', { form: { csrfToken, email: ADMIN.email, password: ADMIN.password, json: 'true' } });
  expect(signIn.status()).toBe(200);
  expect((await signIn.json()).url).toMatch(/^https:\/\//);
  const session = (await browser.storageState()).cookies.find((c) => c.name === '__Secure-next-auth.session-token');
  expect(session?.secure).toBe(true);
  expect((await browser.get('/keys', { maxRedirects: 0 })).status()).toBe(200);

  const stranger = await playwright.request.newContext(behindProxy);
  const signedOut = await stranger.get('/keys', { maxRedirects: 0 });
  expect(signedOut.status()).toBe(307);
  expect(signedOut.headers().location).toBe('/signin?callbackUrl=%2Fkeys');
  await Promise.all([browser.dispose(), stranger.dispose()]);
});

test('changing a password (npm run admin -- set-password) ends the sessions signed in before', async ({ page }) => {
  const user = { email: 'rotate@e2e.test', password: 'first e2e password' };
  ensureUser(user, 'viewer');
  await signIn(page, user, '/audit');
  setPassword(user.email, 'second e2e password');
  await page.reload();
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Faudit$/);
  await signIn(page, { ...user, password: 'second e2e password' }, '/audit');
  await expect(page).toHaveURL(/\/audit$/);
});

test('repeated wrong passwords pause sign-in for that email from this address, with a message', async ({ page }) => {
  const user = { email: 'guessed@e2e.test', password: 'the real e2e password' };
  ensureUser(user, 'viewer');
  await page.goto('/signin');
  await page.getByLabel('Email').fill(user.email);
  const submit = page.getByRole('button', { name: 'Sign in' });
  for (let i = 0; i < 5; i++) {
    await page.getByLabel('Password').fill(`wrong guess ${i}`);
    await submit.click();
    await expect(page.getByTestId('signin-error')).toHaveText('Wrong email or password.');
    await expect(submit).toBeEnabled();
  }
  await page.getByLabel('Password').fill(user.password);
  await submit.click();
  await expect(page.getByTestId('signin-error')).toHaveText(/^Too many failed sign-ins; try again in \d+ s\.$/);
  await expect(page).toHaveURL(/\/signin$/);
});
