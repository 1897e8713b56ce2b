import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST as postMetricsRoute } from '../app/metrics/route';
import { authOptions } from '../auth/options';
import { signInErrorMessage } from '../components/auth/sign-in-error';
import type { Db } from '../db/client';
import type { Sqlite } from '../db/sqlite-file';
import { csvCell, csvLine } from '../lib/dashboard/csv';
import { returnPath } from '../lib/http/return-path';
import { formatTimestamp, parseTimestamp } from '../lib/ingest/timestamp';
import { createApiKey } from '../lib/keys/create';
import { longestRetentionDays } from '../lib/retention/longest-retention';
import { updateRetentionPolicy } from '../lib/retention/update-policy';
import { SignInPaused } from '../lib/users/sign-in-throttle';
import { jsonRequest, withoutParams } from './helpers/http';
import { migratedDatabase } from './helpers/tempdb';

const postMetrics = withoutParams(postMetricsRoute);
const DAY_MS = 86_400_000;
const ORIGIN = 'http://metrics.test:3000';

describe('return path after sign-in', () => {
  it.each([
    '/.//evil.example/phish',
    '/x/..//evil.example',
    '/%2e//evil.example',
    '/%2E%2E//evil.example',
    '//evil.example',
    '/\\evil.example',
    '\\\\evil.example',
    '/\t/evil.example',
    'http://evil.example/',
    'https://metrics.test:3000/keys',
    'javascript:alert(1)',
    'http://[bad',
  ])('sends %j to / (not a path of this site, or one a browser would read as another host)', (target) => {
    expect(returnPath(decodeURIComponent(target), ORIGIN)).toBe('/');
    expect(returnPath(target, ORIGIN)).toBe('/');
  });

  it('keeps a path of this site, with its query and fragment', () => {
    expect(returnPath('/keys?range=1h#top', ORIGIN)).toBe('/keys?range=1h#top');
    expect(returnPath(`${ORIGIN}/explorer?service=a`, ORIGIN)).toBe('/explorer?service=a');
    expect(returnPath('/a/../retention', ORIGIN)).toBe('/retention');
    expect(returnPath('/%2F%2Fevil.example', ORIGIN)).toBe('/%2F%2Fevil.example');
    expect(returnPath(undefined, ORIGIN)).toBe('/');
  });

  it("is next-auth's redirect callback too", async () => {
    const redirect = authOptions.callbacks!.redirect!;
    expect(await redirect({ url: '/.//evil.example/phish', baseUrl: ORIGIN })).toBe(`${ORIGIN}/`);
    expect(await redirect({ url: `${ORIGIN}//evil.example`, baseUrl: ORIGIN })).toBe(`${ORIGIN}/`);
    expect(await redirect({ url: '/signin', baseUrl: ORIGIN })).toBe(`${ORIGIN}/signin`);
  });
});

describe('sign-in error codes', () => {
  it('become our words, and anything else shows nothing', () => {
    expect(signInErrorMessage('CredentialsSignin')).toBe('Wrong email or password.');
    expect(signInErrorMessage(new SignInPaused(42).code)).toBe(new SignInPaused(42).message);
    for (const text of ['Your account is locked. Call +1 555 0100', 'SignInPaused:soon', 'SignInPaused:1e9', 'toString', '__proto__', '', null]) {
      expect(signInErrorMessage(text)).toBeNull();
    }
  });
});

describe('CSV cells', () => {
  it('quote every text cell and leave numbers bare', () => {
    expect(csvLine(['name', 3, -1.5, null, true, 'a,b'])).toBe('"name",3,-1.5,,true,"a,b"\r\n');
  });

  it.each(['=1+1', '+1', '-1', '@SUM(A1)', ' =1+1', '\t=1', '\r\n=1', '\u3000=1', '\u00a0+1', '＝1+1', '＋1', '－1', '＠SUM(A1)', '  ＝1', '\tplain'])(
    'neutralise %j as text',
    (text) => {
      expect(csvCell(text)).toBe(`"'${text.replace(/"/g, '""')}"`);
    },
  );

  it('leave other text as it is', () => {
    expect(csvCell('a = b')).toBe('"a = b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
  });
});

describe('metric timestamps', () => {
  it('read years 0000-0099 as written, not as 1900-1999', () => {
    expect(formatTimestamp(parseTimestamp('0001-01-01T00:00:00Z')!)).toBe('0001-01-01T00:00:00.000Z');
    expect(formatTimestamp(parseTimestamp('0099-12-31T23:59:59.999')!)).toBe('0099-12-31T23:59:59.999Z');
    expect(formatTimestamp(parseTimestamp('0000-02-29T12:00:00+02:00')!)).toBe('0000-02-29T10:00:00.000Z');
    expect(parseTimestamp('0100-02-29T00:00:00')).toBeNull();
    expect(parseTimestamp('0001-02-29T00:00:00')).toBeNull();
  });
});

describe('POST /metrics refusals', () => {
  let db: Db;
  let sqlite: Sqlite;
  let cleanup: () => Promise<void>;
  let key: string;
  const send = async (body: unknown) => {
    const response = await postMetrics(jsonRequest('/metrics', { key, body }));
    return { status: response.status, body: await response.json() };
  };
  const metricAt = (timestamp: string) => ({ service: 'svc', metrics: [{ type: 'custom', value: 1, timestamp }] });
  const daysAgo = (days: number) => new Date(Date.now() - days * DAY_MS).toISOString();

  beforeAll(async () => {
    ({ db, sqlite, cleanup } = await migratedDatabase());
    key = (await createApiKey(db, { service: 'svc', rateLimit: 100_000 }, 'test')).key;
  });
  afterAll(() => cleanup());

  it('refuse 200,000 metrics on the list length alone, before looking at any of them', async () => {
    // Every item is malformed: validated one by one, each would add a 422 issue. Refused by the count alone,
    // it gets the old service's request-level rejection instead.
    const { status, body } = await send({ service: 'svc', metrics: Array.from({ length: 200_000 }, () => ({ type: 'bogus' })) });
    expect(status).toBe(200);
    expect(body).toMatchObject({ accepted: 0, rejected: 200_000, errors: ['metrics: must hold 1 to 100 metrics, got 200000'] });
  });

  it('still validates the items of a list of 100', async () => {
    const { status, body } = await send({ service: 'svc', metrics: Array.from({ length: 100 }, () => ({ type: 'bogus', value: 1 })) });
    expect(status).toBe(422);
    expect(body.detail).toHaveLength(100);
  });

  it('refuse each metric older than the longest retention period, naming it, and store a year-0001 time as year 1', async () => {
    const { body } = await send({
      service: 'svc',
      metrics: [
        { type: 'custom', value: 1, timestamp: '0001-01-01T00:00:00Z' },
        { type: 'custom', value: 2, timestamp: daysAgo(1096) },
        { type: 'custom', value: 3, timestamp: daysAgo(1094) },
      ],
    });
    const why = 'older than the longest retention period (1095 days): retention would delete it at once';
    expect(body).toMatchObject({ accepted: 1, rejected: 2, errors: [`metrics[0].timestamp: ${why}`, `metrics[1].timestamp: ${why}`] });

    await updateRetentionPolicy(db, { table: 'metrics_daily', retentionDays: 3650 }, 'test');
    expect(await send(metricAt(daysAgo(1096)))).toMatchObject({ status: 200, body: { accepted: 1 } });

    await updateRetentionPolicy(db, { table: 'metrics_hourly', retentionDays: 365, isActive: false }, 'test');
    expect(await send(metricAt('0001-01-01T00:00:00Z'))).toMatchObject({ status: 200, body: { accepted: 1 } });
    expect(sqlite.prepare(`SELECT timestamp FROM metrics WHERE value = 1 AND timestamp < '1000'`).all()).toEqual([{ timestamp: '0001-01-01T00:00:00.000Z' }]);
  });

  it("read the policies at most every few seconds, so another process's change shows soon", async () => {
    const now = Date.now() + 60_000;
    expect(await longestRetentionDays(db, now)).toBeNull();
    sqlite.prepare(`UPDATE retention_policies SET is_active = 1`).run();
    expect(await longestRetentionDays(db, now + 1_000)).toBeNull();
    expect(await longestRetentionDays(db, now + 11_000)).toBe(3650);
  });
});
