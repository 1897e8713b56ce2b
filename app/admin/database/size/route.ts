import { databaseSize } from '@/lib/database/size';
import { handle } from '@/lib/http/respond';
import { requireAdmin } from '../../_guard';

export const dynamic = 'force-dynamic';

/** The database file, WAL and SHM sizes, and page counts. */
export function GET(request: Request): Promise<Response> {
  return handle(async () => {
    await requireAdmin(request);
    const s = databaseSize();
    return Response.json({
      file: s.file,
      file_bytes: s.fileBytes,
      wal_bytes: s.walBytes,
      shm_bytes: s.shmBytes,
      page_size: s.pageSize,
      page_count: s.pageCount,
      freelist_count: s.freelistCount,
      total_bytes: s.fileBytes + s.walBytes + s.shmBytes,
    });
  });
}
