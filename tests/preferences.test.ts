import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/client';
import { deleteView } from '../lib/preferences/delete-view';
import { loadPreferences } from '../lib/preferences/load-preferences';
import { saveView } from '../lib/preferences/save-view';
import { setTimeZone } from '../lib/preferences/set-time-zone';
import { MAX_SAVED_VIEWS } from '../lib/preferences/validation';
import { createUser } from '../lib/users/create';
import { UserError } from '../lib/errors';
import { InvalidInput } from '../lib/invalid-input';
import { migratedDatabase } from './helpers/tempdb';

describe('preferences: time zone and saved views per user', () => {
  let db: Db;
  let cleanup: () => Promise<void>;
  const ann = 'ann@example.com';
  const bob = 'bob@example.com';
  beforeAll(async () => {
    ({ db, cleanup } = await migratedDatabase());
    await createUser(db, { email: ann, password: 'a long password 1', role: 'viewer' }, 'test');
    await createUser(db, { email: bob, password: 'a long password 2', role: 'admin' }, 'test');
  });
  afterAll(() => cleanup());

  it('remembers each user’s time zone, UTC until chosen', async () => {
    expect((await loadPreferences(db, ann)).timeZone).toBe('UTC');
    await setTimeZone(db, { timeZone: 'local' }, ann);
    expect((await loadPreferences(db, ann)).timeZone).toBe('local');
    expect((await loadPreferences(db, bob)).timeZone).toBe('UTC');
    await setTimeZone(db, { timeZone: 'UTC' }, ann);
    expect((await loadPreferences(db, ann)).timeZone).toBe('UTC');
    await expect(setTimeZone(db, { timeZone: 'Mars/Olympus' }, ann)).rejects.toThrow(InvalidInput);
    await expect(setTimeZone(db, { timeZone: 'UTC' }, 'nobody@example.com')).rejects.toThrow(UserError);
  });

  it('saves named views per user, replaces a name, deletes only the owner’s', async () => {
    const incident = await saveView(db, { name: ' Incident ', url: '/?range=1h&refresh=10s' }, ann);
    await saveView(db, { name: 'Tools', url: '/tools?service=mcp-github' }, ann);
    await saveView(db, { name: 'Incident', url: '/?range=15m' }, ann);
    expect((await loadPreferences(db, ann)).views.map((v) => [v.name, v.url])).toEqual([
      ['Incident', '/?range=15m'],
      ['Tools', '/tools?service=mcp-github'],
    ]);
    expect((await loadPreferences(db, bob)).views).toEqual([]);
    await expect(deleteView(db, { id: incident.id }, bob)).rejects.toThrow(/no such saved view/);
    await deleteView(db, { id: String(incident.id) }, ann);
    expect((await loadPreferences(db, ann)).views.map((v) => v.name)).toEqual(['Tools']);
  });

  it('takes only paths of this dashboard, and a bounded number of them', async () => {
    for (const url of ['https://evil.example/', '//evil.example/x', '/\\evil', 'javascript:alert(1)', '']) {
      await expect(saveView(db, { name: 'x', url }, bob), url).rejects.toThrow(InvalidInput);
    }
    await expect(saveView(db, { name: '  ', url: '/' }, bob)).rejects.toThrow(/Name the view/);
    for (let i = 0; i < MAX_SAVED_VIEWS; i++) await saveView(db, { name: `view ${i}`, url: `/?n=${i}` }, bob);
    await expect(saveView(db, { name: 'one more', url: '/' }, bob)).rejects.toThrow(/at most/);
    // Replacing an existing name is still allowed at the limit.
    await saveView(db, { name: 'view 0', url: '/?range=7d' }, bob);
    expect((await loadPreferences(db, bob)).views).toHaveLength(MAX_SAVED_VIEWS);
  });
});
