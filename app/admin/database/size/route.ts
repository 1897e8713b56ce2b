import { adminKeyOrSession } from '@/auth/access';
import { databaseSize } from '@/lib/database/size';
import { route } from '@/lib/http/route';

export const dynamic = 'force-dynamic';

/** The database file, WAL and SHM sizes, and page counts. */
export const GET = route({ access: adminKeyOrSession }, async ({ db }) => {
  const s = await databaseSize(db.longReads);
  return {
    file: s.file,
    file_bytes: s.fileBytes,
    wal_bytes: s.walBytes,
    shm_bytes: s.shmBytes,
    page_size: s.pageSize,
    page_count: s.pageCount,
    freelist_count: s.freelistCount,
    total_bytes: s.fileBytes + s.walBytes + s.shmBytes,
  };
});
