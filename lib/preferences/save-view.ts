import { writeTransaction, type Db } from '../../db/client';
import { countSavedViews, upsertSavedView, type SavedView } from '../../db/queries/preferences';
import { UserError } from '../errors';
import { parseInput } from '../validation';
import { MAX_SAVED_VIEWS, savedViewSchema } from './validation';

/** Saves the dashboard URL `url` as `name` for `email` (the same name again replaces its URL). */
export async function saveView(db: Db, input: { name: unknown; url: unknown }, email: string): Promise<SavedView> {
  const view = parseInput(savedViewSchema, input);
  return writeTransaction(db, async (tx) => {
    const existing = await countSavedViews(tx, email);
    const saved = await upsertSavedView(tx, email, view);
    if (!saved) throw new UserError(`no user ${email}`, 404);
    if (existing >= MAX_SAVED_VIEWS && (await countSavedViews(tx, email)) > MAX_SAVED_VIEWS) {
      throw new UserError(`at most ${MAX_SAVED_VIEWS} saved views: delete one first`, 409);
    }
    return saved;
  });
}
