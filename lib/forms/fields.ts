/** Readers of HTML form fields (always strings) into what the shared zod schemas expect. */

export function text(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === 'string' ? value : '';
}

/** An optional number: blank means "none" (null); anything else is handed to the schema as a number (NaN included, which it rejects). */
export function optionalNumber(form: FormData, name: string): number | null {
  const value = text(form, name).trim();
  return value === '' ? null : Number(value);
}

/** A checkbox: present means on. */
export const checked = (form: FormData, name: string): boolean => form.get(name) !== null;
