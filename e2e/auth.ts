import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { expect, type Page } from '@playwright/test';

/** The first admin, created at start-up from playwright.config.ts's ADMIN_EMAIL/ADMIN_PASSWORD. */
export const ADMIN = { email: 'admin@e2e.test', password: 'e2e admin password' };
export const VIEWER = { email: 'viewer@e2e.test', password: 'e2e viewer password' };

export async function signIn(page: Page, user: { email: string; password: string } = ADMIN, path = '/'): Promise<void> {
  await page.goto(`/signin?callbackUrl=${encodeURIComponent(path)}`);
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('session-user')).toContainText(user.email);
}

/** Creates a dashboard user in the test server's database through `npm run admin` (idempotent). */
export function ensureUser(user: { email: string; password: string }, role: 'admin' | 'viewer'): void {
  const env = { ...process.env, SQLITE_DB_PATH: path.join(process.env.E2E_DATA_DIR!, 'metrics.db') };
  const list = execFileSync('npx', ['tsx', 'cli/index.ts', 'admin', 'list'], { env, encoding: 'utf8' });
  if (list.includes(`${user.email} `)) return;
  execFileSync('npx', ['tsx', 'cli/index.ts', 'admin', 'create', user.email, '--role', role], { env, input: `${user.password}\n` });
}
