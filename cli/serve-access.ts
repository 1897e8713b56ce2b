import type { Db } from '../db/client';
import path from 'node:path';
import { ensureAuthSecret, SECRET_FILE_NAME, secretFileWarning } from '../lib/auth-secret/ensure';
import { ensureSharedAuthSecret } from '../lib/auth-secret/ensure-shared';
import { ensureFirstAdmin } from '../lib/users/ensure-first-admin';

/** The session secret: SQLite keeps a generated one beside its file, PostgreSQL in the database all instances share. */
async function prepareSecret(db: Db): Promise<void> {
  if (db.engine === 'postgres') {
    if ((await ensureSharedAuthSecret(db, process.env)) === 'database')
      console.log('[serve] session secret: kept in the database, shared by every instance (set AUTH_SECRET to use your own)');
    return;
  }
  const dataDir = path.dirname(db.location);
  const source = ensureAuthSecret(process.env, dataDir);
  if (source !== 'environment') {
    console.log(`[serve] session secret: ${source === 'generated' ? 'generated and kept' : 'read'} in ${dataDir} (set AUTH_SECRET to use your own)`);
    const warning = secretFileWarning(path.join(dataDir, SECRET_FILE_NAME));
    if (warning) console.warn(`[serve] warning: ${warning}`);
  }
}

/** Start-up steps of dashboard access: the session secret and, on a fresh database, the first admin. */
export async function prepareAccess(db: Db): Promise<void> {
  await prepareSecret(db);
  const admin = await ensureFirstAdmin(db, process.env, 'system:first-admin');
  if (!admin.created) return;
  if (admin.generatedPassword) {
    // Shown once, here only: the database keeps just the hash.
    console.log(
      `[serve] created the first admin ${admin.email} with password: ${admin.generatedPassword}\n` +
        `[serve] sign in and keep it, or change it with: npm run admin -- set-password ${admin.email}`,
    );
  } else {
    console.log(`[serve] created the first admin ${admin.email} (password from ADMIN_PASSWORD)`);
  }
}
