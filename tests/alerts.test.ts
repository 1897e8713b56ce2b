import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { GET as getRule, PATCH as patchRule, DELETE as deleteRuleRoute } from '../app/admin/alerts/[id]/route';
import { POST as evaluateRoute } from '../app/admin/alerts/evaluate/route';
import { GET as getEvents } from '../app/admin/alerts/events/route';
import { GET as getRules, POST as postRule } from '../app/admin/alerts/route';
import { POST as postMetricsRoute } from '../app/metrics/route';
import { writeTransaction, type Db } from '../db/client';
import { insertAlertEventRow, recordDeliveryRow, type AlertEventState } from '../db/queries/alerts';
import { listAuditRows } from '../db/queries/audit-log';
import { createAlertRule } from '../lib/alerts/create-rule';
import { deleteAlertRule } from '../lib/alerts/delete-rule';
import { evaluateAlertRules } from '../lib/alerts/evaluate';
import { evaluateAlertsNow } from '../lib/alerts/evaluate-now';
import { ruleEvent } from '../lib/alerts/events';
import { alertEvaluationTask } from '../lib/alerts/evaluation-task';
import { listAlertEvents } from '../lib/alerts/list-events';
import { listAlertRules } from '../lib/alerts/list-rules';
import { updateAlertRule } from '../lib/alerts/update-rule';
import type { AlertRuleInput } from '../lib/alerts/validation';
import { createApiKey } from '../lib/keys/create';
import { applyRetentionCleanup } from '../lib/retention/apply-cleanup';
import { every } from '../lib/schedule/every';
import { whileLeaseHeld } from '../lib/schedule/lease';
import { InvalidInput } from '../lib/invalid-input';
import { jsonRequest, withoutParams } from './helpers/http';
import { migratedDatabase } from './helpers/tempdb';

const postMetrics = withoutParams(postMetricsRoute);
const FAST = { backoffMs: 20, timeoutMs: 2000 };
const DAY = 86_400_000;

interface Received {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: Record<string, unknown>;
}

/**
 * A webhook receiver on 127.0.0.1: records every POST, answering each with the next of `answers`
 * (a status, or a function writing the response itself), then 200.
 */
async function receiver() {
  const received: Received[] = [];
  const answers: (number | ((res: http.ServerResponse) => void))[] = [];
  let delayMs = 0;
  const server = http.createServer((req, res) => {
    let text = '';
    req.on('data', (chunk: Buffer) => (text += chunk.toString()));
    req.on('end', () => {
      received.push({ path: req.url ?? '', headers: req.headers, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} });
      const answer = answers.shift() ?? 200;
      setTimeout(() => (typeof answer === 'number' ? res.writeHead(answer).end() : answer(res)), delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path = '/hook') => `http://127.0.0.1:${port}${path}`,
    port,
    received,
    answers,
    delay: (ms: number) => (delayMs = ms),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
type Receiver = Awaited<ReturnType<typeof receiver>>;

describe('alerts', () => {
  let db: Db;
  let cleanup: () => Promise<void>;
  let key: string;
  let adminKey: string;
  let hook: Receiver;
  beforeAll(async () => {
    ({ db, cleanup } = await migratedDatabase());
    key = (await createApiKey(db, { service: 'auth-server', rateLimit: 1_000_000 }, 'test')).key;
    adminKey = (await createApiKey(db, { service: 'ops', isAdmin: true }, 'test')).key;
  });
  afterAll(() => cleanup());
  beforeEach(async () => {
    hook = await receiver();
  });
  afterEach(async () => {
    await hook.close();
    // Each test starts without rules, events or rollups.
    await writeTransaction(db, async (tx) => {
      for (const table of ['alert_events', 'alert_rules', 'metrics_minutely', 'metrics_5min']) await tx.run(`DELETE FROM ${table}`);
    });
  });

  /** POSTs `n` metrics of `type` now, as a service would. */
  async function send(n: number, metric: { type?: string; success?: boolean; duration_ms?: number; service?: string }) {
    const body = {
      service: metric.service ?? 'auth-server',
      metrics: Array.from({ length: n }, () => ({
        type: metric.type ?? 'auth_request',
        value: 1,
        duration_ms: metric.duration_ms ?? 20,
        dimensions: metric.success === undefined ? {} : { success: metric.success },
      })),
    };
    expect((await postMetrics(jsonRequest('/metrics', { key, body }))).status).toBe(200);
  }

  const rule = (overrides: Partial<AlertRuleInput> = {}): AlertRuleInput => ({
    name: 'auth errors',
    service: 'auth-server',
    metricType: 'auth_request',
    condition: 'error_rate_pct',
    threshold: 20,
    windowMinutes: 5,
    webhookUrl: hook.url(),
    ...overrides,
  });

  it('validates rules field by field, and audits every change without the webhook path', async () => {
    const error = await createAlertRule(
      db,
      {
        name: ' ',
        service: 'bad service',
        metricType: 'nope',
        condition: 'p99',
        threshold: '1e3',
        windowMinutes: '0',
        webhookUrl: 'ftp://x/y',
      },
      'admin@test',
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidInput);
    expect(Object.keys((error as InvalidInput).fields).sort()).toEqual([
      'condition',
      'metricType',
      'name',
      'service',
      'threshold',
      'webhookUrl',
      'windowMinutes',
    ]);
    await expect(createAlertRule(db, rule({ threshold: 101 }), 'admin@test')).rejects.toThrow(/threshold: an error rate threshold is a percentage/);
    await expect(createAlertRule(db, rule({ webhookUrl: 'javascript:alert(1)' }), 'admin@test')).rejects.toThrow(/http:\/\/ or https:\/\//);
    expect(await listAlertRules(db)).toEqual([]);

    const created = await createAlertRule(db, rule({ webhookUrl: `${hook.url('/secret-token')}?t=1`, threshold: '2.5' }), 'admin@test');
    expect(created).toMatchObject({ name: 'auth errors', threshold: 2.5, windowMinutes: 5, enabled: true, state: 'ok', lastValue: null });
    const updated = await updateAlertRule(db, created.id, { threshold: 10, enabled: 'false' }, 'admin@test');
    expect(updated).toMatchObject({ threshold: 10, enabled: false, name: 'auth errors' });
    // Saving it unchanged writes nothing.
    expect(await updateAlertRule(db, created.id, { threshold: '10' }, 'admin@test')).toEqual(updated);
    await deleteAlertRule(db, created.id, 'admin@test');
    await expect(deleteAlertRule(db, created.id, 'admin@test')).rejects.toThrow(/no alert rule with id/);

    const audit = (await listAuditRows(db, { limit: 10 })).filter((r) => r.action.startsWith('alert_rule.'));
    expect(audit.map((r) => r.action)).toEqual(['alert_rule.delete', 'alert_rule.update', 'alert_rule.create']);
    expect(audit.every((r) => r.actor === 'admin@test' && r.target === `alert_rule:${created.id}`)).toBe(true);
    expect(JSON.stringify(audit)).not.toContain('secret-token');
    expect(JSON.parse(audit[1]!.after!)).toMatchObject({ threshold: 10, enabled: false, webhook: `http://127.0.0.1:${hook.port}/…` });
  });

  it('fires on the error rate of the minute rollups, retries a 500, stays quiet while firing, and resolves', async () => {
    const created = await createAlertRule(db, rule(), 'admin@test');
    await send(6, { success: false });
    await send(4, { success: true });
    // Another service's and another type's failures are not this rule's.
    await send(20, { success: false, service: 'registry' });
    await send(20, { success: false, type: 'tool_execution' });

    hook.answers.push(500);
    const fired = await evaluateAlertRules(db, { delivery: FAST });
    expect(fired).toMatchObject({ rules: 1, fired: [{ ruleId: created.id, value: 60 }], resolved: [], delivered: 1, failed: 0 });
    expect(hook.received).toHaveLength(2);
    const [first, retry] = hook.received;
    expect(retry).toEqual(first);
    expect(retry!.headers['content-type']).toBe('application/json');
    expect(retry!.body).toMatchObject({
      version: 1,
      status: 'firing',
      value: 60,
      rule: {
        id: created.id,
        name: 'auth errors',
        service: 'auth-server',
        metric_type: 'auth_request',
        condition: 'error_rate_pct',
        threshold: 20,
        window_minutes: 5,
      },
    });
    expect(retry!.body.summary).toBe('auth errors is firing: Error rate of auth-server auth_request is 60 % over the last 5 min (threshold 20 %)');
    const [event] = await listAlertEvents(db);
    expect(retry!.headers['x-alert-event-id']).toBe(String(event!.id));
    expect(event).toMatchObject({ state: 'firing', value: 60, deliveryStatus: 'delivered', attempts: 2, lastError: null });
    expect((await listAlertRules(db))[0]).toMatchObject({ state: 'firing', lastValue: 60 });

    // Still above the threshold: no new event, nothing sent.
    await send(2, { success: false });
    expect(await evaluateAlertRules(db, { delivery: FAST })).toMatchObject({ fired: [], resolved: [], delivered: 0 });
    expect(hook.received).toHaveLength(2);

    await send(60, { success: true });
    const resolved = await evaluateAlertRules(db, { delivery: FAST });
    expect(resolved.resolved).toEqual([{ ruleId: created.id, name: 'auth errors', value: (8 / 72) * 100 }]);
    expect(hook.received.at(-1)!.body).toMatchObject({ status: 'resolved', note: null, value: (8 / 72) * 100 });
    expect((await listAlertEvents(db)).map((e) => [e.state, e.deliveryStatus])).toEqual([
      ['resolved', 'delivered'],
      ['firing', 'delivered'],
    ]);

    // Minutes later the window holds nothing: a firing p95 rule on the same data resolves for lack of it.
    const slow = await createAlertRule(db, rule({ name: 'slow', condition: 'p95_ms', threshold: 15 }), 'admin@test');
    expect((await evaluateAlertRules(db, { delivery: FAST })).fired).toEqual([{ ruleId: slow.id, name: 'slow', value: expect.closeTo(20, 0) }]);
    const later = await evaluateAlertRules(db, { now: new Date(Date.now() + 6 * 60_000), delivery: FAST });
    expect(later.resolved).toEqual([{ ruleId: slow.id, name: 'slow', value: null }]);
    expect(hook.received.at(-1)!.body).toMatchObject({ status: 'resolved', value: null, note: 'no data in the window' });
  });

  it('records a notification it could not deliver: a 404 at once, a silent receiver after its tries, a redirect elsewhere unfollowed', async () => {
    const other = await receiver();
    try {
      await send(5, { success: false });
      const notFound = await createAlertRule(db, rule({ name: '404', webhookUrl: hook.url('/missing') }), 'admin@test');
      const silent = await createAlertRule(db, rule({ name: 'silent', webhookUrl: other.url('/slow') }), 'admin@test');
      hook.answers.push(404);
      other.delay(1000);
      const result = await evaluateAlertRules(db, { delivery: { attempts: 2, backoffMs: 10, timeoutMs: 200 } });
      expect(result).toMatchObject({ delivered: 0, failed: 2 });
      const events = await listAlertEvents(db);
      expect(events.find((e) => e.ruleId === notFound.id)).toMatchObject({ deliveryStatus: 'failed', attempts: 1, lastError: 'HTTP 404' });
      expect(events.find((e) => e.ruleId === silent.id)).toMatchObject({ deliveryStatus: 'failed', attempts: 2, lastError: 'no answer within the timeout' });
      other.delay(0);

      // A 307 to the same host is followed; to another host name (localhost is not 127.0.0.1), not.
      const sameHost = await createAlertRule(db, rule({ name: 'moved', webhookUrl: hook.url('/old') }), 'admin@test');
      hook.answers.push((res) => res.writeHead(307, { location: '/new' }).end());
      const elsewhere = await createAlertRule(db, rule({ name: 'elsewhere', webhookUrl: other.url('/away') }), 'admin@test');
      other.answers.push((res) => res.writeHead(307, { location: `http://localhost:${hook.port}/stolen` }).end());
      const before = hook.received.length;
      await evaluateAlertRules(db, { delivery: FAST });
      expect(hook.received.slice(before).map((r) => r.path)).toEqual(['/old', '/new']);
      const latest = await listAlertEvents(db);
      expect(latest.find((e) => e.ruleId === sameHost.id)).toMatchObject({ deliveryStatus: 'delivered', attempts: 1 });
      expect(latest.find((e) => e.ruleId === elsewhere.id)).toMatchObject({
        deliveryStatus: 'failed',
        attempts: 1,
        lastError: `HTTP 307 redirect to localhost:${hook.port} not followed`,
      });
    } finally {
      await other.close();
    }
  });

  it('after a failed delivery, the receiver’s later notifications wait for the next turn', async () => {
    const created = await createAlertRule(db, rule(), 'admin@test');
    await send(5, { success: false });
    await evaluateAlertRules(db, { delivery: FAST });
    // Two notifications owed to one receiver in one turn: "resolved" (rule changed), then "firing" again.
    await updateAlertRule(db, created.id, { threshold: 100 }, 'admin@test');
    await updateAlertRule(db, created.id, { threshold: 20 }, 'admin@test');
    hook.answers.push(500, 500);
    expect(await evaluateAlertRules(db, { delivery: { attempts: 2, backoffMs: 10 } })).toMatchObject({
      fired: [{ ruleId: created.id }],
      delivered: 0,
      failed: 1,
    });
    expect(hook.received).toHaveLength(3);
    expect((await listAlertEvents(db)).map((e) => [e.state, e.deliveryStatus])).toEqual([
      ['firing', 'pending'],
      ['resolved', 'failed'],
      ['firing', 'delivered'],
    ]);
    expect(await evaluateAlertRules(db, { delivery: FAST })).toMatchObject({ fired: [], delivered: 1, failed: 0 });
    expect((await listAlertEvents(db))[0]).toMatchObject({ state: 'firing', deliveryStatus: 'delivered' });
  });

  it('resolves a firing rule that is changed, disabled or deleted, and keeps the history of a deleted one', async () => {
    const created = await createAlertRule(db, rule(), 'admin@test');
    await send(5, { success: false });
    await evaluateAlertRules(db, { delivery: FAST });
    // A new name or webhook keeps the state; a new threshold starts it over, with a "resolved" event owed.
    expect(await updateAlertRule(db, created.id, { name: 'renamed' }, 'admin@test')).toMatchObject({ state: 'firing' });
    expect(await updateAlertRule(db, created.id, { threshold: 50 }, 'admin@test')).toMatchObject({ state: 'ok', lastValue: null });
    await evaluateAlertRules(db, { delivery: FAST });
    expect(hook.received.map((r) => [r.body.status, r.body.note])).toEqual([
      ['firing', null],
      ['resolved', 'rule changed'],
      ['firing', null],
    ]);
    await deleteAlertRule(db, created.id, 'admin@test');
    await evaluateAlertRules(db, { delivery: FAST });
    expect(hook.received.at(-1)!.body).toMatchObject({ status: 'resolved', note: 'rule deleted', rule: { id: created.id, name: 'renamed', threshold: 50 } });
    const history = await listAlertEvents(db);
    expect(history).toHaveLength(4);
    expect(history.every((e) => e.ruleId === created.id && e.deliveryStatus === 'delivered')).toBe(true);
  });

  it('retention deletes old events, but neither a notification still owed nor the event a firing rule fired with', async () => {
    const created = await createAlertRule(db, rule(), 'admin@test');
    /** An event of `created` (or of a rule since deleted) at `at`, its notification delivered unless `pending`. */
    const plant = (at: number, options: { state?: AlertEventState; pending?: boolean; ruleId?: number } = {}) =>
      writeTransaction(db, async (tx) => {
        const event = ruleEvent(created, options.state ?? 'resolved', null, null, new Date(at).toISOString());
        const id = await insertAlertEventRow(tx, { ...event, ruleId: options.ruleId ?? created.id });
        if (!options.pending) await recordDeliveryRow(tx, id, { status: 'delivered', attempts: 1, lastError: null, deliveredAt: event.at });
        return id;
      });
    await plant(Date.now() - 200 * DAY, { state: 'firing' });
    await plant(Date.now() - 199 * DAY);
    await send(5, { success: false });
    await evaluateAlertRules(db, { delivery: FAST });
    const [firing] = await listAlertEvents(db, { limit: 1 });
    const owed = await plant(Date.now() - 200 * DAY, { ruleId: created.id + 1000, pending: true });
    const recent = await plant(Date.now() - 10 * DAY, { ruleId: created.id + 1000 });
    const kept = async () => (await listAlertEvents(db, { limit: 500 })).map((e) => e.id).sort((a, b) => a - b);
    const clean = async (daysOn: number) =>
      (await applyRetentionCleanup(db, { dryRun: false, table: 'alert_events', actor: 'test', pauseMs: 0, now: new Date(Date.now() + daysOn * DAY) }))
        .tables[0];

    expect(await clean(0)).toMatchObject({ table: 'alert_events', column: 'at', retentionDays: 90, expiredRows: 2, deletedRows: 2 });
    expect(await kept()).toEqual([firing!.id, owed, recent]);
    // 100 days on, with the rule still firing: its firing event stays, as does the notification still owed.
    expect(await clean(100)).toMatchObject({ expiredRows: 1, deletedRows: 1 });
    expect(await kept()).toEqual([firing!.id, owed]);
    // Once the rule has resolved and every notification is sent, they age like the others.
    await updateAlertRule(db, created.id, { enabled: false }, 'admin@test');
    await evaluateAlertRules(db, { delivery: FAST });
    expect((await listAlertEvents(db)).map((e) => [e.state, e.deliveryStatus])).toEqual([
      ['resolved', 'delivered'],
      ['resolved', 'delivered'],
      ['firing', 'delivered'],
    ]);
    expect(await clean(100)).toMatchObject({ deletedRows: 3 });
    expect(await kept()).toEqual([]);
  });

  it('of two instances whose turn comes at once, the one holding the lease notifies, once', async () => {
    const created = await createAlertRule(db, rule(), 'admin@test');
    await send(5, { success: false });
    await evaluateAlertRules(db, { delivery: FAST });
    // Raising the threshold resolves it: a notification is owed to the next turn of either instance.
    await updateAlertRule(db, created.id, { threshold: 100 }, 'admin@test');
    expect((await listAlertEvents(db))[0]).toMatchObject({ state: 'resolved', deliveryStatus: 'pending' });
    // Both instances' turns are due at once (a 50 ms schedule, last run longer ago); a slow receiver keeps
    // the first one's delivery open while the second runs its turn.
    await new Promise((resolve) => setTimeout(resolve, 100));
    hook.delay(300);
    const lines: string[] = [];
    const stops = ['instance-a', 'instance-b'].map((holder) =>
      every(
        alertEvaluationTask(db, holder, (line) => lines.push(line), { intervalMs: 50, startDelayMs: 0, delivery: FAST }),
        (line) => lines.push(line),
      ),
    );
    try {
      await expect.poll(async () => (await listAlertEvents(db))[0]?.deliveryStatus, { timeout: 10_000 }).toBe('delivered');
      await new Promise((resolve) => setTimeout(resolve, 700));
    } finally {
      stops.forEach((stop) => stop());
    }
    expect(lines).toEqual([]);
    expect(hook.received.map((r) => r.body.status)).toEqual(['firing', 'resolved']);
    // "Evaluate now" waits for no one: while the lease is held elsewhere it answers 409.
    await whileLeaseHeld(db, 'alerts', 'instance-c', async () => {
      await expect(evaluateAlertsNow(db)).rejects.toMatchObject({ status: 409 });
    });
  });

  it('serves the admin API: create, read, change, evaluate, history, delete; 422 names the field sent', async () => {
    const headers = { 'x-api-key': adminKey };
    const call = (
      handler: (r: Request, c: { params: Promise<Record<string, string>> }) => Promise<Response>,
      path: string,
      init: RequestInit = {},
      id?: number,
    ) =>
      handler(new Request(`http://localhost/admin/alerts${path}`, { ...init, headers: { ...headers, 'content-type': 'application/json' } }), {
        params: Promise.resolve<Record<string, string>>(id === undefined ? {} : { id: String(id) }),
      });

    expect((await getRules(new Request('http://localhost/admin/alerts'), { params: Promise.resolve({}) })).status).toBe(401);
    const invalid = await call(postRule, '', { method: 'POST', body: JSON.stringify({ name: 'x', service: 'auth-server', metric_type: 'auth_request' }) });
    expect(invalid.status).toBe(422);
    expect(((await invalid.json()) as { detail: { loc: string[] }[] }).detail.map((d) => d.loc.join('.'))).toEqual([
      'body.condition',
      'body.threshold',
      'body.window_minutes',
      'body.webhook_url',
    ]);

    const body = {
      name: 'p95',
      service: 'auth-server',
      metric_type: 'auth_request',
      condition: 'p95_ms',
      threshold: 10,
      window_minutes: 3,
      webhook_url: hook.url(),
    };
    const created = await call(postRule, '', { method: 'POST', body: JSON.stringify(body) });
    expect(created.status).toBe(201);
    const json = (await created.json()) as { id: number };
    expect(json).toMatchObject({ ...body, enabled: true, state: 'ok' });
    expect(await (await call(getRule, `/${json.id}`, {}, json.id)).json()).toEqual(json);
    expect((await call(getRule, '/999', {}, 999)).status).toBe(404);

    const patched = await call(patchRule, `/${json.id}`, { method: 'PATCH', body: JSON.stringify({ window_minutes: 2 }) }, json.id);
    expect(await patched.json()).toMatchObject({ window_minutes: 2, threshold: 10 });
    expect((await call(patchRule, `/${json.id}`, { method: 'PATCH', body: JSON.stringify({ window_minutes: 0 }) }, json.id)).status).toBe(422);

    await send(3, { duration_ms: 40 });
    const evaluation = await call(evaluateRoute, '/evaluate', { method: 'POST' });
    expect(await evaluation.json()).toEqual({
      rules: 1,
      fired: [{ rule_id: json.id, name: 'p95', value: expect.closeTo(40, 0) }],
      resolved: [],
      delivered: 1,
      failed: 0,
    });
    const events = (await (await call(getEvents, `/events?rule_id=${json.id}&limit=5`)).json()) as { events: object[] };
    expect(events.events).toEqual([expect.objectContaining({ rule_id: json.id, state: 'firing', delivery_status: 'delivered', attempts: 1 })]);
    expect((await call(getEvents, '/events?limit=0')).status).toBe(422);

    expect((await call(deleteRuleRoute, `/${json.id}`, { method: 'DELETE' }, json.id)).status).toBe(204);
    expect(await (await call(getRules, '')).json()).toEqual({ rules: [] });
  });
});
