import type { Reader } from '../../db/client';
import { pageStats, storageBytes } from '../../db/queries/database';

export interface DatabaseSize {
  file: string;
  fileBytes: number;
  walBytes: number;
  shmBytes: number;
  pageSize: number;
  pageCount: number;
  /** Pages freed by deletes and not yet returned to the file system (incremental vacuum does that). */
  freelistCount: number;
}

/** The database file, its WAL and shared-memory files, and its page counts. */
export async function databaseSize(db: Reader): Promise<DatabaseSize> {
  return { file: db.location, ...(await storageBytes(db)), ...(await pageStats(db)) };
}
