import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export const SECRET_FILE_NAME = 'auth-secret';

export type SecretSource = 'environment' | 'data directory' | 'generated';

/** Whoever can read the secret can forge a session of any user: it must be readable by its owner only. */
export function secretFileWarning(file: string): string | null {
  const mode = fs.statSync(file).mode & 0o777;
  return mode & 0o077
    ? `${file} is readable by others (mode ${mode.toString(8).padStart(3, '0')}): anyone who reads it can forge a dashboard session; run chmod 600 ${file}`
    : null;
}

/** The session-signing secret from the environment (AUTH_SECRET or NEXTAUTH_SECRET), if any. */
export function secretFromEnvironment(env: NodeJS.ProcessEnv): string | undefined {
  return env.NEXTAUTH_SECRET || env.AUTH_SECRET || undefined;
}

/**
 * Makes sure `env.NEXTAUTH_SECRET` is set: from the environment, else from `<dataDir>/auth-secret`,
 * else a new random secret written there (owner-only), so sessions survive restarts of a fresh install.
 */
export function ensureAuthSecret(env: NodeJS.ProcessEnv, dataDir: string): SecretSource {
  const fromEnv = secretFromEnvironment(env);
  if (fromEnv) {
    env.NEXTAUTH_SECRET = fromEnv;
    return 'environment';
  }
  const file = path.join(dataDir, SECRET_FILE_NAME);
  if (fs.existsSync(file)) {
    const stored = fs.readFileSync(file, 'utf8').trim();
    if (stored.length < 32) throw new Error(`${file} holds no usable secret (expected at least 32 characters); delete it to generate a new one`);
    env.NEXTAUTH_SECRET = stored;
    return 'data directory';
  }
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const secret = randomBytes(32).toString('base64url');
  // 'wx': never overwrite a secret another process wrote in the meantime.
  fs.writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
  env.NEXTAUTH_SECRET = secret;
  return 'generated';
}
