import type { Reader } from '../../db/client';
import { listAdminUsers, type AdminUser } from '../../db/queries/admin-users';

export function listUsers(db: Reader): Promise<AdminUser[]> {
  return listAdminUsers(db);
}
