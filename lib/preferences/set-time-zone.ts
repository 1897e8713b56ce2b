import { writeTransaction, type Db } from '../../db/client';
import { upsertTimeZone } from '../../db/queries/preferences';
import { UserError } from '../errors';
import { parseInput } from '../validation';
import { timeZoneSchema, type TimeZonePreference } from './validation';

/** Remembers the time zone `email` sees the charts in. */
export async function setTimeZone(db: Db, input: { timeZone: unknown }, email: string): Promise<TimeZonePreference> {
  const { timeZone } = parseInput(timeZoneSchema, input);
  if (!(await writeTransaction(db, (tx) => upsertTimeZone(tx, email, timeZone)))) throw new UserError(`no user ${email}`, 404);
  return timeZone;
}
