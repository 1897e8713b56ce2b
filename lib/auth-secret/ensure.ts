import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export const SECRET_FILE_NAME = 'auth-secret';

export type SecretSource = 'environment' | 'data directory' | 'generated';

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
  fs.mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  // 'wx': never overwrite a secret another process wrote in the meantime.
  fs.writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
  env.NEXTAUTH_SECRET = secret;
  return 'generated';
}
