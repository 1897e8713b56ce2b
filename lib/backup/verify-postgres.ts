import path from 'node:path';
import { inspectDump, type DumpReport } from './inspect-postgres';

/**
 * Checks a pg_dump custom-format backup: listed by pg_restore, then restored into a scratch database on
 * the server of `serverUrl` (created and dropped again) and its rows counted; throws a BackupError if it fails.
 */
export async function verifyPostgresBackup(file: string, serverUrl: string): Promise<DumpReport & { file: string }> {
  const resolved = path.resolve(file);
  return { file: resolved, ...(await inspectDump(resolved, serverUrl, { failure: `${file} failed its verification` })) };
}
