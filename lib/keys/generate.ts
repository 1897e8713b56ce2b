import { createHash, randomBytes } from 'node:crypto';

export const KEY_PREFIX = 'mcp_metrics_';
/** Characters of a key shown in listings: the fixed prefix plus 8 random ones (~48 bits), never enough to use it. */
const VISIBLE_LENGTH = KEY_PREFIX.length + 8;

/** sha256 hex: the only form of a key that is ever stored. */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** What listings show of a key; keys from other generators (env keys of the old deployment) show 6 characters. */
export function visiblePrefix(key: string): string {
  return key.startsWith(KEY_PREFIX) ? key.slice(0, VISIBLE_LENGTH) : key.slice(0, 6);
}

/** A new random key: `mcp_metrics_` + 43 url-safe characters (256 random bits). */
export function generateApiKey(): { key: string; keyHash: string; keyPrefix: string } {
  const key = KEY_PREFIX + randomBytes(32).toString('base64url');
  return { key, keyHash: hashApiKey(key), keyPrefix: visiblePrefix(key) };
}
