import { z } from 'zod';

/** The charts' time zone: UTC, or the browser's own. */
export const TIME_ZONES = ['UTC', 'local'] as const;
export type TimeZonePreference = (typeof TIME_ZONES)[number];

export const timeZoneSchema = z.object({ timeZone: z.enum(TIME_ZONES) });

/** More saved views than this would make an unusable menu. */
export const MAX_SAVED_VIEWS = 50;

// A path of this dashboard with its query: one leading slash (never `//host` or a scheme), no backslash.
const DASHBOARD_URL = /^\/(?![/\\])[^\s\\]*$/;

export const savedViewSchema = z.object({
  name: z.string().trim().min(1, 'Name the view').max(80),
  url: z.string().max(2000).regex(DASHBOARD_URL, 'expected a path of this dashboard, such as /?range=1h'),
});

export const savedViewIdSchema = z.object({ id: z.coerce.number().int().positive() });
