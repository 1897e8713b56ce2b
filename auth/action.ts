import { UserError } from '@/lib/errors';
import { InvalidInput } from '@/lib/invalid-input';
import { requireRole } from './session';
import type { ActionState } from '@/lib/forms/action-state';

export type { ActionState };

/**
 * Runs a change for a signed-in admin, who becomes the audit actor. A signed-out user or a viewer is
 * refused with a message (401/403 in spirit) before anything is read or written; invalid input
 * comes back as messages per field, and nothing is written.
 */
export async function adminAction<R, T = undefined>(
  change: (actor: string) => R | Promise<R>,
  success: (result: R) => { message: string; data?: T },
): Promise<ActionState<T>> {
  try {
    const admin = await requireRole('admin');
    const { message, data } = success(await change(admin.email));
    return { status: 'ok', message, data: data as T };
  } catch (error) {
    if (error instanceof InvalidInput) return { status: 'error', message: 'Fix the marked fields; nothing was saved.', fields: error.fields };
    if (error instanceof UserError) return { status: 'error', message: error.message, fields: {} };
    throw error;
  }
}
