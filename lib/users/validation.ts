import { z } from 'zod';

export const roleSchema = z.enum(['admin', 'viewer'], { error: 'role must be "admin" or "viewer"' });

// Deliberately loose (one @, no spaces): operators use local addresses such as admin@localhost.
export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(
    z
      .string()
      .regex(/^[^\s@]+@[^\s@]+$/, { error: 'enter an email address such as admin@example.com' })
      .max(254, { error: 'email is too long' }),
  );

// No upper-case/digit rules: length is what makes a password strong; the cap bounds hashing work.
export const passwordSchema = z
  .string()
  .min(10, { error: 'password must be at least 10 characters' })
  .max(200, { error: 'password must be at most 200 characters' });

export const newUserSchema = z.object({ email: emailSchema, password: passwordSchema, role: roleSchema });
/** Unvalidated: the verb checks it with newUserSchema. */
export type NewUser = { email: string; password: string; role: string };

export const setPasswordSchema = z.object({ email: emailSchema, password: passwordSchema });

export const setRoleSchema = z.object({ email: emailSchema, role: roleSchema });

export const credentialsSchema = z.object({ email: emailSchema, password: z.string().min(1).max(200) });
