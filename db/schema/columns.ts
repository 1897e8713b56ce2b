import { sql } from 'drizzle-orm';
import { customType, text } from 'drizzle-orm/sqlite-core';

/** The spec declares flags as BOOLEAN (stored 0/1); drizzle's integer() would declare INTEGER. */
export const boolean = customType<{ data: boolean; driverData: number }>({
  dataType: () => 'BOOLEAN',
  toDriver: (value) => (value ? 1 : 0),
  fromDriver: (value) => Boolean(value),
});

/** `created_at TEXT DEFAULT (datetime('now'))`, as the spec writes it on most tables. */
export const createdNow = (name = 'created_at') => text(name).default(sql`(datetime('now'))`);
