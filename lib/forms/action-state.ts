/** What a form's server action answers: nothing yet, a success message, or messages per field. */
export type ActionState<T = undefined> =
  { status: 'idle' } | { status: 'ok'; message: string; data: T } | { status: 'error'; message: string; fields: Record<string, string> };

export const IDLE = { status: 'idle' } as const;

/** A server action bound to a form: the state it answered last and the submitted fields in, its new state out. */
export type FormAction<T = undefined> = (state: ActionState<T>, form: FormData) => Promise<ActionState<T>>;
