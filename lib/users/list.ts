import type { Sqlite } from '../../db/connection';
import { listAdminUsers, type AdminUser } from '../../db/queries/admin-users';

export function listUsers(db: Sqlite): AdminUser[] {
  return listAdminUsers(db);
}
