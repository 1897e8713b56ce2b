import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST as postMetricsRoute } from '../app/metrics/route';
import type { Db } from '../db/client';
import { explainAdminActions, explainMetricAnnotations } from '../db/queries/annotations';
import { listAnnotations, MARKED_ACTIONS } from '../lib/annotations/list-annotations';
import { createApiKey } from '../lib/keys/create';
import { revokeApiKey } from '../lib/keys/revoke';
import { applyRetentionCleanup } from '../lib/retention/apply-cleanup';
import { createUser } from '../lib/users/create';
import { testEngine } from './helpers/engine';
import { jsonRequest, withoutParams } from './helpers/http';
import { expectRangeSearch, planForBigTables } from './helpers/range-search';
import { migratedDatabase } from './helpers/tempdb';

const postMetrics = withoutParams(postMetricsRoute);
const MINUTE = 60_000;

describe('annotations', () => {
  let db: Db;
  let cleanup: () => Promise<void>;
  let key: string;
  const start = Date.now() - 60 * MINUTE;
  const at = (minutes: number) => new Date(start + minutes * MINUTE).toISOString();
  beforeAll(async () => {
    ({ db, cleanup } = await migratedDatabase());
    ({ key } = await createApiKey(db, { service: 'deployer', rateLimit: 100_000 }, 'admin@test'));
  });
  afterAll(() => cleanup());

  async function send(service: string, metrics: object[]) {
    expect((await postMetrics(jsonRequest('/metrics', { key, body: { service, metrics } }))).status).toBe(200);
  }

  it('marks the span with annotation metrics and admin actions, oldest first, newest kept when bounded', async () => {
    await send('auth-server', [
      { type: 'custom', value: 1, timestamp: at(10).replace('Z', ''), dimensions: { annotation: '  deploy auth-server v2.3.1  ' } },
      { type: 'custom', value: 1, timestamp: at(30).replace('Z', ''), dimensions: { annotation: 'rollback', env: 'prod' } },
      // Not annotations: another type, a number, no text at all, and one outside the span.
      { type: 'tool_execution', value: 1, timestamp: at(20).replace('Z', ''), dimensions: { annotation: 'not a custom metric' } },
      { type: 'custom', value: 1, timestamp: at(21).replace('Z', ''), dimensions: { annotation: 42 } },
      { type: 'custom', value: 5, timestamp: at(22).replace('Z', ''), dimensions: { success: true } },
      { type: 'custom', value: 1, timestamp: at(-30).replace('Z', ''), dimensions: { annotation: 'before the span' } },
    ]);
    await send('registry', [{ type: 'custom', value: 1, timestamp: at(40).replace('Z', ''), dimensions: { annotation: 'x'.repeat(200) } }]);
    const { id } = (await createApiKey(db, { service: 'registry' }, 'admin@test')).record;
    await revokeApiKey(db, id, 'admin@test');
    await applyRetentionCleanup(db, { dryRun: false, actor: 'scheduler' });
    // Not marked: user changes, and dry runs (which write no audit row).
    await createUser(db, { email: 'someone@test', password: 'a long enough password', role: 'viewer' }, 'admin@test');
    await applyRetentionCleanup(db, { dryRun: true, actor: 'admin@test' });

    const span = { from: new Date(start), to: new Date(Date.now() + MINUTE) };
    const markers = await listAnnotations(db, span);
    expect(markers.map((m) => [m.kind, m.text, m.service, m.actor])).toEqual([
      ['metric', 'deploy auth-server v2.3.1', 'auth-server', null],
      ['metric', 'rollback', 'auth-server', null],
      ['metric', 'x'.repeat(200), 'registry', null],
      ['admin', 'API key created: api_key:1', null, 'admin@test'],
      ['admin', `API key created: api_key:${id}`, null, 'admin@test'],
      ['admin', `API key revoked: api_key:${id}`, null, 'admin@test'],
      ['admin', 'Retention cleanup: all tables', null, 'scheduler'],
    ]);
    expect(markers.filter((m) => m.kind === 'metric').map((m) => m.at)).toEqual(
      [at(10), at(30), at(40)].map((t) => expect.stringMatching(new RegExp(`^${t.slice(0, 19)}`))),
    );
    expect(markers.filter((m) => m.kind === 'admin').map((m) => m.action)).toEqual(['api_key.create', 'api_key.create', 'api_key.revoke', 'retention.cleanup']);

    // A service's view: its own annotations, and every admin action.
    expect((await listAnnotations(db, { ...span, service: 'registry' })).map((m) => m.service ?? m.kind)).toEqual([
      'registry',
      'admin',
      'admin',
      'admin',
      'admin',
    ]);
    // Bounded: the newest of each kind.
    expect((await listAnnotations(db, { ...span, limit: 1 })).map((m) => m.text)).toEqual(['x'.repeat(200), 'Retention cleanup: all tables']);
    await expect(listAnnotations(db, { from: span.to, to: span.from })).rejects.toThrow(/"to" must be after "from"/);
  });

  it('reads annotation metrics by their partial index and admin actions by the audit time index', async () => {
    const span = { from: at(0), to: at(60), limit: 100 };
    for (const filter of [{}, { service: 'auth-server' }]) {
      const plan = await planForBigTables(db, (reader) => explainMetricAnnotations(reader, { ...span, ...filter }));
      expectRangeSearch(plan, 'metrics', 'timestamp', { ordered: true, message: JSON.stringify(filter) });
      // The partial index implies the annotation condition: no row of the index search is filtered on it.
      if (testEngine() === 'sqlite')
        expect(plan.join('\n')).toMatch(/USING INDEX idx_metrics_annotations \(metric_type=\? AND timestamp>\? AND timestamp<\?\)/);
      else expect(plan.join('\n')).not.toMatch(/Filter: .*jsonb_typeof/);
    }
    const audit = await planForBigTables(db, (reader) => explainAdminActions(reader, span, MARKED_ACTIONS));
    // PostgreSQL plans a bitmap scan and a sort of the range's few rows while the table is small.
    expectRangeSearch(audit, 'audit_log', 'timestamp', { ordered: testEngine() === 'sqlite' });
  });
});
