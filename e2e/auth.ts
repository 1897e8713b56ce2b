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

/** Runs `npm run admin -- ARGS` against the test server's database; `input` goes to standard input. */
function adminCli(args: string[], input?: string): string {
  const env = { ...process.env, SQLITE_DB_PATH: path.join(process.env.E2E_DATA_DIR!, 'metrics.db') };
  return execFileSync('npx', ['tsx', 'cli/index.ts', 'admin', ...args], { env, input, encoding: 'utf8' });
}

/** Creates a dashboard user in the test server's database through `npm run admin` (idempotent). */
export function ensureUser(user: { email: string; password: string }, role: 'admin' | 'viewer'): void {
  if (adminCli(['list']).includes(`${user.email} `)) return;
  adminCli(['create', user.email, '--role', role], `${user.password}\n`);
}

export function setPassword(email: string, password: string): void {
  adminCli(['set-password', email], `${password}\n`);
}
