import path from 'node:path';
import Database from 'better-sqlite3';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { ADMIN, ensureUser, signIn, VIEWER } from './auth';

// One story: the key created first is used, limited and deactivated by the tests after it.
test.describe.configure({ mode: 'serial' });

const SERVICE = 'e2e-keys';
let key = '';
let keyId = 0;

const ingest = (request: APIRequestContext, apiKey: string, service = SERVICE) =>
  request.post('/metrics', {
    headers: { 'X-API-Key': apiKey },
    data: { service, metrics: [{ type: 'custom', value: 1, timestamp: new Date().toISOString(), dimensions: { test: 'management' } }] },
  });

/** Direct access to the test server's database, to age rows the way time would. */
function testDatabase() {
  return new Database(path.join(process.env.E2E_DATA_DIR!, 'metrics.db'));
}

async function openKey(page: Page, range = '24h') {
  await page.goto(`/keys/${keyId}?range=${range}`);
  await expect(page.getByRole('heading', { name: SERVICE })).toBeVisible();
}

test('an admin creates a key: bad input is refused per field, the key is shown once with a copy button', async ({ page }) => {
  await signIn(page, ADMIN, '/keys');
  const form = page.getByRole('form', { name: 'Create a key' });
  await form.getByLabel('Service name').fill('bad name!');
  await form.getByLabel('Rate limit (requests/min)').fill('0');
  await form.getByRole('button', { name: 'Create key' }).click();
  await expect(page.getByTestId('service-error')).toHaveText('service name may contain only letters, digits, "_" and "-"');
  await expect(page.getByTestId('rateLimit-error')).toHaveText('limit must be at least 1');
  await expect(form.getByLabel('Service name')).toHaveValue('bad name!');
  const keysBefore = await page.getByTestId('keys-table').getByRole('row').count();
  await page.reload();
  expect(await page.getByTestId('keys-table').getByRole('row').count()).toBe(keysBefore);

  await form.getByLabel('Service name').fill(SERVICE);
  await form.getByLabel('Description').fill('created by the e2e suite');
  await form.getByLabel('Rate limit (requests/min)').fill('');
  await form.getByRole('button', { name: 'Create key' }).click();
  const panel = page.getByTestId('new-key-panel');
  await expect(panel).toContainText('it will not be shown again');
  await expect(panel.getByRole('button', { name: 'Copy' })).toBeVisible();
  key = await page.getByTestId('new-key').inputValue();
  expect(key).toMatch(/^mcp_metrics_/);

  const row = page.getByTestId('keys-table').getByRole('row').filter({ hasText: SERVICE });
  await expect(row).toContainText('1,000');
  await expect(row.getByTestId('key-status')).toHaveText('active');
  keyId = Number((await row.getByRole('link').getAttribute('href'))!.split('/').pop());

  await page.reload();
  await expect(page.getByTestId('new-key-panel')).toHaveCount(0);
  expect(await page.content()).not.toContain(key);
});

test('the new key ingests through POST /metrics and its page shows the usage', async ({ page, request }) => {
  for (let i = 0; i < 3; i++) expect((await ingest(request, key)).status()).toBe(200);
  await signIn(page);
  await openKey(page);
  await expect(page.getByTestId('usage-requests')).toHaveText('3');
  await expect(page.getByTestId('usage-429')).toHaveText('0');
  await expect(page.getByTestId('key-usage-chart').getByRole('application')).toBeVisible();
  await expect(page.getByTestId('key-usage-chart').locator('.recharts-line')).toHaveCount(3);

  await page.getByRole('navigation', { name: 'Usage range' }).getByRole('link', { name: '30d' }).click();
  await expect(page).toHaveURL(new RegExp(`/keys/${keyId}\\?range=30d$`));
  await expect(page.getByRole('heading', { name: 'Usage per day' })).toBeVisible();
  await expect(page.getByTestId('usage-requests')).toHaveText('3');
});

test('lowering the rate limit to 1 applies to the next request: a 429, counted on the key page', async ({ page, request }) => {
  await signIn(page);
  await openKey(page);
  const form = page.getByRole('form', { name: 'Edit limits' });
  await form.getByLabel('Daily limit').fill('1.5');
  await form.getByRole('button', { name: 'Save limits' }).click();
  await expect(page.getByTestId('dailyUsageLimit-error')).toHaveText('limit must be a whole number');

  await form.getByLabel('Daily limit').fill('');
  await form.getByLabel('Rate limit (requests/min)').fill('1');
  await form.getByRole('button', { name: 'Save limits' }).click();
  await expect(page.getByTestId('limits-message')).toHaveText('Limits saved; they apply from the next request.');

  const statuses: number[] = [];
  for (let i = 0; i < 3; i++) statuses.push((await ingest(request, key)).status());
  expect(statuses).toContain(429);
  const refused = await ingest(request, key);
  expect(refused.status()).toBe(429);
  expect((await refused.json()).detail).toBe('Rate limit exceeded. Limit: 1 requests/minute');

  await openKey(page);
  await expect(page.getByTestId('usage-429')).not.toHaveText('0');
  const again = page.getByRole('form', { name: 'Edit limits' });
  await expect(again.getByLabel('Rate limit (requests/min)')).toHaveValue('1');

  await again.getByLabel('Rate limit (requests/min)').fill('1000');
  await again.getByRole('button', { name: 'Save limits' }).click();
  await expect(page.getByTestId('limits-message')).toHaveText('Limits saved; they apply from the next request.');
  expect((await ingest(request, key)).status()).toBe(200);
});

test('a deactivated key is refused until it is reactivated', async ({ page, request }) => {
  await signIn(page);
  await openKey(page);
  await page.getByRole('button', { name: 'Deactivate key' }).click();
  await page.getByRole('button', { name: 'Yes, deactivate' }).click();
  await expect(page.getByTestId('active-message')).toContainText('Key deactivated');
  await expect(page.getByTestId('key-status')).toHaveText('inactive');
  const refused = await ingest(request, key);
  expect(refused.status()).toBe(401);
  expect(await refused.json()).toEqual({ detail: 'API key is inactive' });

  await page.getByRole('button', { name: 'Reactivate key' }).click();
  await expect(page.getByTestId('key-status')).toHaveText('active');
});

test('retention: edit a policy with validation, preview, dry run, then clean up', async ({ page, request }) => {
  // A metric whose row is 400 days old: expired under the 90-day default of `metrics`.
  expect((await ingest(request, key)).status()).toBe(200);
  const backdate = testDatabase();
  try {
    backdate.prepare(`UPDATE metrics SET created_at = datetime('now', '-400 days') WHERE id = (SELECT MAX(id) FROM metrics)`).run();
  } finally {
    backdate.close();
  }

  await signIn(page, ADMIN, '/retention');
  const policy = page.getByTestId('policy-metrics');
  await expect(page.getByTestId('expired-metrics')).toHaveText(/^1 of [\d,]+ expired$/);

  await policy.getByLabel('Days metrics keeps').fill('0');
  await policy.getByRole('button', { name: 'Save' }).click();
  await expect(policy.getByTestId('retentionDays-error')).toHaveText('retention days must be at least 1');
  await policy.getByLabel('Days metrics keeps').fill('2.5');
  await policy.getByRole('button', { name: 'Save' }).click();
  await expect(policy.getByTestId('retentionDays-error')).toHaveText('retention days must be a whole number of days');

  await policy.getByLabel('Days metrics keeps').fill('120');
  await policy.getByRole('button', { name: 'Save' }).click();
  await expect(policy.getByTestId('policy-message')).toHaveText('Saved: metrics keeps 120 days.');
  await page.reload();
  await expect(page.getByTestId('policy-metrics').getByLabel('Days metrics keeps')).toHaveValue('120');
  await expect(page.getByTestId('expired-metrics')).toHaveText(/^1 of [\d,]+ expired$/);

  const tools = page.getByTestId('policy-tool_metrics');
  await tools.getByLabel('Cleanup of tool_metrics on').uncheck();
  await tools.getByRole('button', { name: 'Save' }).click();
  await expect(tools.getByTestId('policy-message')).toHaveText('Saved: tool_metrics keeps 90 days (cleanup off).');
  await page.reload();
  await expect(page.getByTestId('expired-tool_metrics')).toHaveText(/^off \([\d,]+ rows\)$/);

  await expect(page.getByRole('button', { name: 'Delete expired rows now' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Dry run' }).click();
  await expect(page.getByTestId('cleanup-message')).toHaveText('Dry run: a cleanup now would delete 1 row.');
  const resultRow = (table: string) =>
    page
      .getByTestId('cleanup-result')
      .getByRole('row')
      .filter({ has: page.getByRole('cell', { name: table, exact: true }) });
  await expect(resultRow('metrics').getByRole('cell').last()).toHaveText('1');
  await expect(resultRow('tool_metrics').getByRole('cell').last()).toHaveText('skipped (cleanup off)');
  await expect(page.getByTestId('expired-metrics')).toHaveText(/^1 of [\d,]+ expired$/);
  await expect(page.getByTestId('last-run')).toContainText(`by ${ADMIN.email} (dry run): succeeded, 1 rows would be deleted`);

  await page.getByRole('button', { name: 'Delete expired rows now' }).click();
  await expect(page.getByTestId('cleanup-message')).toHaveText('Cleanup done: 1 row deleted.');
  await expect(page.getByTestId('expired-metrics')).toHaveText(/^0 of [\d,]+ expired$/);
  await expect(page.getByTestId('last-run')).toContainText(`by ${ADMIN.email}: succeeded, 1 rows deleted`);
});

test('the audit log lists the admin changes, without any key plaintext', async ({ page }) => {
  await signIn(page, ADMIN, '/audit');
  const audit = page.getByTestId('audit-rows');
  for (const action of ['api_key.create', 'api_key.set_limits', 'api_key.revoke', 'api_key.reactivate', 'retention.policy.update', 'retention.cleanup']) {
    await expect(audit.getByRole('row').filter({ hasText: action }).filter({ hasText: ADMIN.email }).first()).toBeVisible();
  }
  expect(await page.content()).not.toContain(key.slice(20));
});

test('a viewer sees everything read-only and the server refuses a forced change', async ({ page, request }) => {
  ensureUser(VIEWER, 'viewer');
  await signIn(page, VIEWER, '/keys');
  await expect(page.getByTestId('read-only-notice')).toBeVisible();
  const create = page.getByRole('form', { name: 'Create a key' });
  await expect(create.getByRole('button', { name: 'Create key' })).toBeDisabled();

  // Re-enable the controls in the browser, as a hand-made request would: the server action still refuses.
  await page.evaluate(() => document.querySelectorAll('fieldset[disabled], button[disabled]').forEach((e) => e.removeAttribute('disabled')));
  await create.getByLabel('Service name').fill('viewer-made');
  await create.getByRole('button', { name: 'Create key' }).click();
  await expect(page.getByTestId('form-message')).toHaveText('this needs the admin role; you are signed in as viewer');
  await page.reload();
  await expect(page.getByTestId('keys-table')).not.toContainText('viewer-made');

  await openKey(page);
  await expect(page.getByRole('button', { name: 'Save limits' })).toBeDisabled();
  await expect(page.getByRole('button', { name: 'Deactivate key' })).toBeDisabled();
  // As a hand-made request would: the form submitted without its (disabled) confirmation step.
  await page.getByRole('form', { name: 'Key status' }).evaluate((form: HTMLFormElement) => form.requestSubmit());
  await expect(page.getByTestId('active-message')).toHaveText('this needs the admin role; you are signed in as viewer');
  expect((await ingest(request, key)).status()).toBe(200);

  await page.goto('/retention');
  await expect(page.getByRole('button', { name: 'Dry run' })).toBeDisabled();
  await expect(page.getByTestId('policy-metrics').getByRole('button', { name: 'Save' })).toBeDisabled();
  await page.evaluate(() => document.querySelectorAll('fieldset[disabled], button[disabled]').forEach((e) => e.removeAttribute('disabled')));
  await page.getByTestId('policy-metrics').getByLabel('Days metrics keeps').fill('5');
  await page.getByTestId('policy-metrics').getByRole('button', { name: 'Save' }).click();
  await expect(page.getByTestId('policy-metrics').getByTestId('policy-message')).toHaveText('this needs the admin role; you are signed in as viewer');
  await page.reload();
  await expect(page.getByTestId('policy-metrics').getByLabel('Days metrics keeps')).toHaveValue('120');
});

test('the system page shows the schema version, file size and rows per table', async ({ page }) => {
  await signIn(page, VIEWER, '/system');
  await expect(page.getByTestId('schema-version')).toHaveText(/^(\d+) of \1$/);
  await expect(page.getByTestId('pending-migrations')).toHaveText('none');
  await expect(page.getByTestId('database-size')).toHaveText(/\d+(\.\d)? (KiB|MiB)/);
  const keysRow = page
    .getByTestId('table-rows')
    .getByRole('row')
    .filter({ has: page.getByRole('cell', { name: 'api_keys', exact: true }) });
  await expect(keysRow.getByRole('cell').nth(1)).toHaveText(/^[1-9][\d,]*$/);
});
