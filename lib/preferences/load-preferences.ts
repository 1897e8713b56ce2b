import type { Reader } from '../../db/client';
import { selectSavedViews, selectTimeZone, type SavedView } from '../../db/queries/preferences';
import { TIME_ZONES, type TimeZonePreference } from './validation';

export interface Preferences {
  timeZone: TimeZonePreference;
  views: SavedView[];
}

/** What `email` keeps: the time zone (UTC until chosen) and the saved views by name. */
export async function loadPreferences(db: Reader, email: string): Promise<Preferences> {
  const [stored, views] = await Promise.all([selectTimeZone(db, email), selectSavedViews(db, email)]);
  const timeZone = (TIME_ZONES as readonly string[]).includes(stored ?? '') ? (stored as TimeZonePreference) : 'UTC';
  return { timeZone, views };
}
