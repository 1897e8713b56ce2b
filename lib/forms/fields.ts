/** Readers of HTML form fields (always strings) into what the shared zod schemas expect. */

export function text(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === 'string' ? value : '';
}

/** An optional number: blank means "none" (null); anything else goes to the schema as typed, which accepts digits only. */
export function optionalNumber(form: FormData, name: string): string | null {
  const value = text(form, name).trim();
  return value === '' ? null : value;
}

/** A checkbox: present means on. */
export const checked = (form: FormData, name: string): boolean => form.get(name) !== null;
