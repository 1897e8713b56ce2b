import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Sqlite } from '../db/connection';
import { listAuditRows } from '../db/queries/audit-log';
import { ensureAuthSecret, SECRET_FILE_NAME } from '../lib/auth-secret/ensure';
import { UserError } from '../lib/errors';
import { createUser } from '../lib/users/create';
import { ensureFirstAdmin } from '../lib/users/ensure-first-admin';
import { InvalidInput } from '../lib/validation';
import { findUser } from '../lib/users/find';
import { listUsers } from '../lib/users/list';
import { setPassword } from '../lib/users/set-password';
import { verifyCredentials } from '../lib/users/verify-credentials';
import { assertSignInAllowed, FAILURES_BEFORE_PAUSE, PAUSE_MS, recordSignIn } from '../lib/users/sign-in-throttle';
import { migratedDatabase, tempDir } from './helpers/tempdb';

describe('dashboard users', () => {
  let db: Sqlite;
  let cleanup: () => void;
  beforeEach(async () => ({ db, cleanup } = await migratedDatabase()));
  afterEach(() => cleanup());

  it('stores a salted scrypt hash, never the password, and audits the creation', async () => {
    await createUser(db, { email: ' Ops@Example.com ', password: 'correct horse battery', role: 'admin' }, 'cli:test');
    await createUser(db, { email: 'two@example.com', password: 'correct horse battery', role: 'viewer' }, 'cli:test');
    const rows = db.prepare(`SELECT email, password_hash AS hash FROM admin_users ORDER BY id`).all() as { email: string; hash: string }[];
    expect(rows[0]!.email).toBe('ops@example.com');
    expect(rows[0]!.hash).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(rows[0]!.hash).not.toBe(rows[1]!.hash);
    expect(JSON.stringify(db.prepare(`SELECT * FROM admin_users, audit_log`).all())).not.toContain('correct horse');
    expect(listAuditRows(db).at(-1)).toMatchObject({ actor: 'cli:test', action: 'user.create', target: 'ops@example.com' });
  });

  it('verifies credentials case-insensitively by email and records the sign-in time', async () => {
    await createUser(db, { email: 'a@example.com', password: 'long enough pw', role: 'viewer' }, 'cli:test');
    expect(await verifyCredentials(db, { email: 'a@example.com', password: 'wrong password' })).toBeNull();
    expect(await verifyCredentials(db, { email: 'nobody@example.com', password: 'long enough pw' })).toBeNull();
    expect(await verifyCredentials(db, { email: 'a@example.com' })).toBeNull();
    expect(listUsers(db)[0]!.lastLoginAt).toBeNull();
    expect(await verifyCredentials(db, { email: 'A@example.com', password: 'long enough pw' })).toMatchObject({ email: 'a@example.com', role: 'viewer' });
    expect(listUsers(db)[0]!.lastLoginAt).not.toBeNull();
  });

  it('pauses an email after repeated failed sign-ins, even for the right password, then lets it try again', async () => {
    await createUser(db, { email: 'slow@example.com', password: 'long enough pw', role: 'viewer' }, 'cli:test');
    for (let i = 0; i < FAILURES_BEFORE_PAUSE; i++) expect(await verifyCredentials(db, { email: 'slow@example.com', password: `guess ${i}` })).toBeNull();
    await expect(verifyCredentials(db, { email: 'slow@example.com', password: 'long enough pw' })).rejects.toThrow(
      /Too many failed sign-ins for this email; try again in \d+ s\./,
    );
    expect(await verifyCredentials(db, { email: 'a@example.com', password: 'whatever' })).toBeNull(); // other emails unaffected

    const now = Date.now();
    expect(() => assertSignInAllowed('slow@example.com', now + PAUSE_MS + 1)).not.toThrow();
    recordSignIn('slow@example.com', true);
    expect(() => assertSignInAllowed('slow@example.com', now)).not.toThrow();
  });

  it('rejects bad input per field and duplicate emails, writing nothing', async () => {
    const attempt = (input: { email: string; password: string; role: string }) => createUser(db, input, 'cli:test');
    const error = await attempt({ email: 'no-at-sign', password: 'short', role: 'root' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidInput);
    expect((error as InvalidInput).fields).toEqual({
      email: 'enter an email address such as admin@example.com',
      password: 'password must be at least 10 characters',
      role: 'role must be "admin" or "viewer"',
    });
    await attempt({ email: 'a@example.com', password: 'long enough pw', role: 'admin' });
    await expect(attempt({ email: 'A@example.com', password: 'long enough pw', role: 'admin' })).rejects.toThrow(/already exists/);
    expect(listUsers(db)).toHaveLength(1);
    expect(listAuditRows(db)).toHaveLength(1);
  });

  it('changes a password: the old one stops working, an unknown email is a 404', async () => {
    await createUser(db, { email: 'a@example.com', password: 'first password', role: 'admin' }, 'cli:test');
    await setPassword(db, { email: 'a@example.com', password: 'second password' }, 'cli:test');
    expect(await verifyCredentials(db, { email: 'a@example.com', password: 'first password' })).toBeNull();
    expect(await verifyCredentials(db, { email: 'a@example.com', password: 'second password' })).not.toBeNull();
    const missing = await setPassword(db, { email: 'b@example.com', password: 'second password' }, 'cli:test').catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(UserError);
    expect((missing as UserError).status).toBe(404);
    expect(listAuditRows(db).map((r) => r.action)).toEqual(['user.set_password', 'user.create']);
    expect(JSON.stringify(listAuditRows(db))).not.toContain('second password');
  });

  it('dates the last account change, which a password change moves forward (sessions before it end)', async () => {
    await createUser(db, { email: 'a@example.com', password: 'first password', role: 'admin' }, 'cli:test');
    db.prepare(`UPDATE admin_users SET updated_at = '2026-01-02 03:04:05'`).run();
    expect(findUser(db, 'a@example.com')).toEqual({ email: 'a@example.com', role: 'admin', changedAt: Date.UTC(2026, 0, 2, 3, 4, 5) });
    const before = Date.now();
    await setPassword(db, { email: 'a@example.com', password: 'second password' }, 'cli:test');
    expect(findUser(db, 'a@example.com')!.changedAt).toBeGreaterThanOrEqual(before);
    expect(findUser(db, 'nobody@example.com')).toBeNull();
  });

  it('creates the first admin once: from ADMIN_EMAIL/ADMIN_PASSWORD, or admin@localhost with a generated password', async () => {
    expect(await ensureFirstAdmin(db, { ADMIN_EMAIL: 'boss@example.com', ADMIN_PASSWORD: 'from the environment' }, 'system')).toEqual({
      created: true,
      email: 'boss@example.com',
      generatedPassword: undefined,
    });
    expect(await ensureFirstAdmin(db, { ADMIN_EMAIL: 'other@example.com', ADMIN_PASSWORD: 'from the environment' }, 'system')).toEqual({ created: false });
    expect(listUsers(db).map((u) => u.email)).toEqual(['boss@example.com']);
    db.prepare(`DELETE FROM admin_users`).run();

    const generated = await ensureFirstAdmin(db, {}, 'system');
    expect(generated).toMatchObject({ created: true, email: 'admin@localhost' });
    const password = (generated as { generatedPassword: string }).generatedPassword;
    expect(password.length).toBeGreaterThanOrEqual(16);
    expect(await verifyCredentials(db, { email: 'admin@localhost', password })).toMatchObject({ role: 'admin' });
  });

  it('refuses a too-short ADMIN_PASSWORD with a message naming the field', async () => {
    await expect(ensureFirstAdmin(db, { ADMIN_PASSWORD: 'short' }, 'system')).rejects.toThrow('password: password must be at least 10 characters');
  });
});

describe('session secret', () => {
  it('uses the environment, else keeps a generated secret in the data directory across restarts', () => {
    const { dir, cleanup } = tempDir();
    try {
      expect(ensureAuthSecret({ AUTH_SECRET: 'from-env' } as NodeJS.ProcessEnv, dir)).toBe('environment');
      expect(fs.existsSync(path.join(dir, SECRET_FILE_NAME))).toBe(false);

      const first = {} as NodeJS.ProcessEnv;
      expect(ensureAuthSecret(first, dir)).toBe('generated');
      expect(first.NEXTAUTH_SECRET!.length).toBeGreaterThanOrEqual(32);
      expect(fs.statSync(path.join(dir, SECRET_FILE_NAME)).mode & 0o077).toBe(0);

      const second = {} as NodeJS.ProcessEnv;
      expect(ensureAuthSecret(second, dir)).toBe('data directory');
      expect(second.NEXTAUTH_SECRET).toBe(first.NEXTAUTH_SECRET);

      fs.writeFileSync(path.join(dir, SECRET_FILE_NAME), 'short\n');
      expect(() => ensureAuthSecret({} as NodeJS.ProcessEnv, dir)).toThrow(/holds no usable secret/);
    } finally {
      cleanup();
    }
  });
});
