import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeTransaction, type Db } from '../db/client';
import { listAuditRows } from '../db/queries/audit-log';
import { ensureAuthSecret, SECRET_FILE_NAME } from '../lib/auth-secret/ensure';
import { UserError } from '../lib/errors';
import { createUser } from '../lib/users/create';
import { ensureFirstAdmin } from '../lib/users/ensure-first-admin';
import { InvalidInput } from '../lib/invalid-input';
import { findUser } from '../lib/users/find';
import { listUsers } from '../lib/users/list';
import { setPassword } from '../lib/users/set-password';
import { verifyCredentials } from '../lib/users/verify-credentials';
import { clearSignInFailures, reserveSignInAttempt, SIGN_IN_THROTTLE } from '../lib/users/sign-in-throttle';
import { migratedDatabase, tempDir } from './helpers/tempdb';

/** The client address sign-ins come from (the throttle counts per address, account and pair). */
const ADDRESS = '203.0.113.7';

describe('dashboard users', () => {
  let db: Db;
  let cleanup: () => Promise<void>;
  beforeEach(async () => ({ db, cleanup } = await migratedDatabase()));
  afterEach(() => cleanup());

  it('stores a salted scrypt hash, never the password, and audits the creation', async () => {
    await createUser(db, { email: ' Ops@Example.com ', password: 'correct horse battery', role: 'admin' }, 'cli:test');
    await createUser(db, { email: 'two@example.com', password: 'correct horse battery', role: 'viewer' }, 'cli:test');
    const rows = await db.all<{ email: string; hash: string }>(`SELECT email, password_hash AS hash FROM admin_users ORDER BY id`);
    expect(rows[0]!.email).toBe('ops@example.com');
    expect(rows[0]!.hash).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(rows[0]!.hash).not.toBe(rows[1]!.hash);
    expect(JSON.stringify(await db.all(`SELECT * FROM admin_users, audit_log`))).not.toContain('correct horse');
    expect((await listAuditRows(db)).at(-1)).toMatchObject({ actor: 'cli:test', action: 'user.create', target: 'ops@example.com' });
  });

  it('verifies credentials case-insensitively by email and records the sign-in time', async () => {
    await createUser(db, { email: 'a@example.com', password: 'long enough pw', role: 'viewer' }, 'cli:test');
    expect(await verifyCredentials(db, { email: 'a@example.com', password: 'wrong password' }, ADDRESS)).toBeNull();
    expect(await verifyCredentials(db, { email: 'nobody@example.com', password: 'long enough pw' }, ADDRESS)).toBeNull();
    expect(await verifyCredentials(db, { email: 'a@example.com' }, ADDRESS)).toBeNull();
    expect((await listUsers(db))[0]!.lastLoginAt).toBeNull();
    expect(await verifyCredentials(db, { email: 'A@example.com', password: 'long enough pw' }, ADDRESS)).toMatchObject({
      email: 'a@example.com',
      role: 'viewer',
    });
    expect((await listUsers(db))[0]!.lastLoginAt).not.toBeNull();
  });

  it('pauses an email from one address after repeated failed sign-ins, even for the right password, then lets it try again', async () => {
    await createUser(db, { email: 'slow@example.com', password: 'long enough pw', role: 'viewer' }, 'cli:test');
    for (let i = 0; i < SIGN_IN_THROTTLE.pair.freeFailures; i++) {
      expect(await verifyCredentials(db, { email: 'slow@example.com', password: `guess ${i}` }, ADDRESS)).toBeNull();
    }
    await expect(verifyCredentials(db, { email: 'slow@example.com', password: 'long enough pw' }, ADDRESS)).rejects.toThrow(
      /Too many failed sign-ins; try again in \d+ s\./,
    );
    expect(await verifyCredentials(db, { email: 'a@example.com', password: 'whatever' }, ADDRESS)).toBeNull(); // other emails unaffected

    const now = Date.now();
    const caller = { address: ADDRESS, email: 'slow@example.com' };
    await expect(reserveSignInAttempt(db, caller, now + SIGN_IN_THROTTLE.pair.firstPauseMs + 1)).resolves.toBeDefined();
    await clearSignInFailures(db, caller);
    await expect(reserveSignInAttempt(db, caller, now)).resolves.toBeDefined();
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
    expect(await listUsers(db)).toHaveLength(1);
    expect(await listAuditRows(db)).toHaveLength(1);
  });

  it('changes a password: the old one stops working, an unknown email is a 404', async () => {
    await createUser(db, { email: 'a@example.com', password: 'first password', role: 'admin' }, 'cli:test');
    await setPassword(db, { email: 'a@example.com', password: 'second password' }, 'cli:test');
    expect(await verifyCredentials(db, { email: 'a@example.com', password: 'first password' }, ADDRESS)).toBeNull();
    expect(await verifyCredentials(db, { email: 'a@example.com', password: 'second password' }, ADDRESS)).not.toBeNull();
    const missing = await setPassword(db, { email: 'b@example.com', password: 'second password' }, 'cli:test').catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(UserError);
    expect((missing as UserError).status).toBe(404);
    expect((await listAuditRows(db)).map((r) => r.action)).toEqual(['user.set_password', 'user.create']);
    expect(JSON.stringify(await listAuditRows(db))).not.toContain('second password');
  });

  it('moves the account to a new session epoch on a password change (sessions before it end)', async () => {
    await createUser(db, { email: 'a@example.com', password: 'first password', role: 'admin' }, 'cli:test');
    expect(await findUser(db, 'a@example.com')).toEqual({ email: 'a@example.com', role: 'admin', sessionEpoch: 0 });
    await setPassword(db, { email: 'a@example.com', password: 'second password' }, 'cli:test');
    expect((await findUser(db, 'a@example.com'))!.sessionEpoch).toBeGreaterThan(0);
    expect(await findUser(db, 'nobody@example.com')).toBeNull();
  });

  it('creates the first admin once: from ADMIN_EMAIL/ADMIN_PASSWORD, or admin@localhost with a generated password', async () => {
    expect(await ensureFirstAdmin(db, { ADMIN_EMAIL: 'boss@example.com', ADMIN_PASSWORD: 'from the environment' }, 'system')).toEqual({
      created: true,
      email: 'boss@example.com',
      generatedPassword: undefined,
    });
    expect(await ensureFirstAdmin(db, { ADMIN_EMAIL: 'other@example.com', ADMIN_PASSWORD: 'from the environment' }, 'system')).toEqual({ created: false });
    expect((await listUsers(db)).map((u) => u.email)).toEqual(['boss@example.com']);
    await writeTransaction(db, (tx) => tx.run(`DELETE FROM admin_users`));

    const generated = await ensureFirstAdmin(db, {}, 'system');
    expect(generated).toMatchObject({ created: true, email: 'admin@localhost' });
    const password = (generated as { generatedPassword: string }).generatedPassword;
    expect(password.length).toBeGreaterThanOrEqual(16);
    expect(await verifyCredentials(db, { email: 'admin@localhost', password }, ADDRESS)).toMatchObject({ role: 'admin' });
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
