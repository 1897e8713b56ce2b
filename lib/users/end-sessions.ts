import { writeTransaction, type Db } from '../../db/client';
import { bumpSessionEpoch } from '../../db/queries/admin-users';

/** Ends every session of the user, on this server and any other sharing the database (sign-out). */
export async function endSessions(db: Db, email: string): Promise<void> {
  await writeTransaction(db, (tx) => bumpSessionEpoch(tx, email));
}
