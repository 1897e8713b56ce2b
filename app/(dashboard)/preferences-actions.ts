'use server';

import { revalidatePath } from 'next/cache';
import { requireRole } from '@/auth/session';
import { getDb } from '@/db/connection';
import { UserError } from '@/lib/errors';
import type { ActionState } from '@/lib/forms/action-state';
import { deleteView } from '@/lib/preferences/delete-view';
import { saveView } from '@/lib/preferences/save-view';
import { setTimeZone } from '@/lib/preferences/set-time-zone';
import { InvalidInput } from '@/lib/invalid-input';

/** A change to the signed-in user's own preferences (viewers keep theirs too). */
async function ownAction(change: (email: string) => Promise<unknown>, message: string): Promise<ActionState> {
  try {
    await change((await requireRole('viewer')).email);
    revalidatePath('/', 'layout');
    return { status: 'ok', message, data: undefined };
  } catch (error) {
    if (error instanceof InvalidInput) return { status: 'error', message: Object.values(error.fields).join('; '), fields: error.fields };
    if (error instanceof UserError) return { status: 'error', message: error.message, fields: {} };
    throw error;
  }
}

export async function setTimeZoneAction(timeZone: string): Promise<ActionState> {
  return ownAction((email) => setTimeZone(getDb(), { timeZone }, email), `Times shown in ${timeZone}.`);
}

export async function saveViewAction(_: ActionState, form: FormData): Promise<ActionState> {
  return ownAction((email) => saveView(getDb(), { name: form.get('name'), url: form.get('url') }, email), 'View saved.');
}

export async function deleteViewAction(id: number): Promise<ActionState> {
  return ownAction((email) => deleteView(getDb(), { id }, email), 'View deleted.');
}
