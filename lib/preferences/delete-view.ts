import { writeTransaction, type Db } from '../../db/client';
import { deleteSavedView } from '../../db/queries/preferences';
import { UserError } from '../errors';
import { parseInput } from '../validation';
import { savedViewIdSchema } from './validation';

/** Deletes one of `email`'s saved views; another user's view is not found. */
export async function deleteView(db: Db, input: { id: unknown }, email: string): Promise<void> {
  const { id } = parseInput(savedViewIdSchema, input);
  if ((await writeTransaction(db, (tx) => deleteSavedView(tx, email, id))) === 0) throw new UserError('no such saved view', 404);
}
