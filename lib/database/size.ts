import fs from 'node:fs';
import type { Reader } from '../../db/client';
import { pageStats } from '../../db/queries/database';

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

const bytesOf = (file: string) => (fs.existsSync(file) ? fs.statSync(file).size : 0);

/** The database file, its WAL and shared-memory files, and its page counts. */
export async function databaseSize(db: Reader): Promise<DatabaseSize> {
  const file = db.location;
  return { file, fileBytes: bytesOf(file), walBytes: bytesOf(`${file}-wal`), shmBytes: bytesOf(`${file}-shm`), ...(await pageStats(db)) };
}
