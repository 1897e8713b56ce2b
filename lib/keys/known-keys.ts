import { writeTransaction, type Db, type Reader, type Tx } from '../../db/client';
import { findApiKeyByHash, type ApiKeyRecord } from '../../db/queries/api-keys';
import { processWide } from '../process-wide';

/**
 * How long a key read for a request serves the requests after it. Read on every request, the lookup
 * cost the event loop 32-35 µs a request under ingestion (up to 4.7 ms when it met the writer
 * thread's commit; bench:ingest's single-metric phase, timed in findApiKeyByHash): SQLite drops a
 * connection's page cache whenever another connection has committed, which the writer thread does all
 * the time. A change made in this process (dashboard, admin API) applies to the next request all the
 * same (changeKey); one made elsewhere (the CLI, another instance) within this.
 */
const KEPT_MS = 1_000;
/** Keys are few; a bound anyway, for a database with very many of them. */
const MAX_KEPT = 10_000;

// `changes` counts changeKey commits: a read that began before one does not refill what it forgot.
const kept = () => processWide('known-keys', () => ({ changes: 0, entries: new Map<string, { key: ApiKeyRecord; readAt: number }>() }));

/** The key whose sha256 is `keyHash` (active or not), as read at most KEPT_MS ago; an unknown hash is read every time. */
export async function knownKey(db: Reader, keyHash: string, now: number = Date.now()): Promise<ApiKeyRecord | undefined> {
  const { changes, entries } = kept();
  const id = `${db.location}\n${keyHash}`;
  const entry = entries.get(id);
  if (entry && now - entry.readAt < KEPT_MS) return entry.key;
  const key = await findApiKeyByHash(db, keyHash);
  if (key === undefined) entries.delete(id);
  else if (kept().changes === changes) {
    if (entries.size >= MAX_KEPT) entries.clear();
    entries.set(id, { key, readAt: now });
  }
  return key;
}

/** A change to keys, in one transaction; once it has committed, every request of this process reads keys afresh. */
export async function changeKey<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  try {
    return await writeTransaction(db, work);
  } finally {
    const state = kept();
    state.changes++;
    state.entries.clear();
  }
}
