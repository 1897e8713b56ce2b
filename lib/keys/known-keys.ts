import { writeTransaction, type Db, type Reader, type Tx } from '../../db/client';
import { findApiKeyByHash, type ApiKeyRecord } from '../../db/queries/api-keys';
import { readCache } from '../read-cache';

/**
 * Keys read for a request serve the requests of the next second. Read on every request, the lookup
 * cost the event loop 32-35 µs a request under ingestion (up to 4.7 ms when it met the writer
 * thread's commit; bench:ingest's single-metric phase, timed in findApiKeyByHash): SQLite drops a
 * connection's page cache whenever another connection has committed, which the writer thread does all
 * the time. A change made in this process (dashboard, admin API) applies to the next request all the
 * same (changeKey); one made elsewhere (the CLI, another instance) within the second.
 */
const keys = readCache<ApiKeyRecord | undefined>('known-keys', 1_000);

/** The key whose sha256 is `keyHash` (active or not), as read at most a second ago; an unknown hash is read every time. */
export function knownKey(db: Reader, keyHash: string, now: number = Date.now()): Promise<ApiKeyRecord | undefined> {
  return keys.read(
    `${db.location}\n${keyHash}`,
    () => findApiKeyByHash(db, keyHash),
    now,
    (key) => key !== undefined,
  );
}

/** A change to keys, in one transaction; once it has committed, every request of this process reads keys afresh. */
export async function changeKey<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  try {
    return await writeTransaction(db, work);
  } finally {
    keys.forget();
  }
}
