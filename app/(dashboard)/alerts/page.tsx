import { canWrite, requirePageUser } from '@/auth/session';
import { EvaluateNowButton } from '@/components/alerts/EvaluateNowButton';
import { RuleControls } from '@/components/alerts/RuleControls';
import { RuleForm } from '@/components/alerts/RuleForm';
import { StateBadge } from '@/components/alerts/StateBadge';
import { ReadOnlyNotice } from '@/components/forms/ReadOnlyNotice';
import { formatNumber } from '@/components/shell/format';
import { PageHeader } from '@/components/shell/PageHeader';
import { cellClass, Table } from '@/components/shell/Table';
import { Timestamp } from '@/components/shell/Timestamp';
import { getDb } from '@/db/connection';
import { ALERT_CONDITIONS, redactedWebhookUrl } from '@/lib/alerts/conditions';
import { listAlertEvents } from '@/lib/alerts/list-events';
import { listAlertRules } from '@/lib/alerts/list-rules';
import { METRIC_TYPES } from '@/lib/ingest/validation';
import { listApiKeys } from '@/lib/keys/list';
import { createRuleAction, deleteRuleAction, evaluateNowAction, setRuleEnabledAction, updateRuleAction } from './actions';

export const dynamic = 'force-dynamic';

const HISTORY = 50;

const measured = (condition: keyof typeof ALERT_CONDITIONS, value: number | null) =>
  value === null ? 'no data' : `${formatNumber(Number(value.toFixed(2)))} ${ALERT_CONDITIONS[condition].unit}`;

export default async function AlertsPage() {
  const user = await requirePageUser();
  const writer = canWrite(user);
  const db = getDb().longReads;
  const [rules, events, keys] = await Promise.all([listAlertRules(db), listAlertEvents(db, { limit: HISTORY }), listApiKeys(db)]);
  const services = [...new Set(keys.map((k) => k.serviceName))].sort();
  // Webhook URLs often carry a token in their path: viewers see the host only.
  const webhook = (url: string) => (writer ? url : redactedWebhookUrl(url));
  const lastEvaluated = rules.reduce<string | null>((latest, r) => (r.evaluatedAt && (!latest || r.evaluatedAt > latest) ? r.evaluatedAt : latest), null);
  return (
    <>
      <PageHeader
        title="Alerts"
        description="Rules on a service's error rate or p95 duration over its last minutes, evaluated every minute; a webhook gets a JSON POST when a rule fires and when it resolves."
        actions={<EvaluateNowButton canWrite={writer} action={evaluateNowAction} />}
      />
      {!writer && <ReadOnlyNotice />}
      <section className="rounded-lg border border-zinc-200 p-4 dark:border-zinc-800">
        <h2 className="mb-3 text-lg font-semibold">New rule</h2>
        <RuleForm canWrite={writer} action={createRuleAction} metricTypes={METRIC_TYPES} services={services} />
      </section>

      <h2 className="mt-8 mb-1 text-lg font-semibold">Rules</h2>
      <p className="mb-3 text-sm text-zinc-500 dark:text-zinc-400">
        Last evaluated {lastEvaluated ? <Timestamp iso={lastEvaluated} inline /> : 'never'}. Error rate: failures among the metrics that reported
        dimensions.success; p95: of duration_ms. A window with no data resolves a firing rule.
      </p>
      {rules.length === 0 ? (
        <p className="text-sm text-zinc-500">No rules yet.</p>
      ) : (
        <Table head={['Rule', 'Watches', 'State', 'Last value', 'Webhook', '']} testId="alert-rules">
          {rules.map((r) => (
            <tr key={r.id} data-testid={`alert-rule-${r.id}`}>
              <td className={`${cellClass} min-w-32 break-words`}>
                <div className="font-medium">{r.name}</div>
                <details className="mt-1 text-xs">
                  <summary className="cursor-pointer text-zinc-500">Edit</summary>
                  <div className="mt-2 w-[min(56rem,80vw)]">
                    <RuleForm
                      canWrite={writer}
                      action={updateRuleAction.bind(null, r.id)}
                      metricTypes={METRIC_TYPES}
                      services={services}
                      rule={{ ...r, webhookUrl: webhook(r.webhookUrl) }}
                    />
                  </div>
                </details>
              </td>
              <td className={cellClass}>
                {r.service} · {r.metricType}
                <span className="block text-xs text-zinc-500 dark:text-zinc-400">
                  {ALERT_CONDITIONS[r.condition].label} &gt; {formatNumber(r.threshold)} {ALERT_CONDITIONS[r.condition].unit} over {r.windowMinutes} min
                </span>
              </td>
              <td className={cellClass}>
                <StateBadge state={r.enabled ? r.state : 'disabled'} testId="rule-state" />
                {r.enabled && r.stateSince && (
                  <span className="mt-1 block text-xs text-zinc-500 dark:text-zinc-400">
                    since <Timestamp iso={r.stateSince} />
                  </span>
                )}
              </td>
              <td className={`${cellClass} tabular-nums`}>
                {r.evaluatedAt ? measured(r.condition, r.lastValue) : '—'}
                {r.evaluatedAt && (
                  <span className="block text-xs text-zinc-500 dark:text-zinc-400">
                    at <Timestamp iso={r.evaluatedAt} />
                  </span>
                )}
              </td>
              <td className={`${cellClass} font-mono text-xs break-all`}>{webhook(r.webhookUrl)}</td>
              <td className={cellClass}>
                <RuleControls
                  name={r.name}
                  enabled={r.enabled}
                  canWrite={writer}
                  toggle={setRuleEnabledAction.bind(null, r.id, !r.enabled)}
                  remove={deleteRuleAction.bind(null, r.id)}
                />
              </td>
            </tr>
          ))}
        </Table>
      )}

      <h2 className="mt-8 mb-3 text-lg font-semibold">History</h2>
      {events.length === 0 ? (
        <p className="text-sm text-zinc-500">Nothing has fired yet.</p>
      ) : (
        <Table head={['When', 'Rule', 'Change', 'Value', 'Notification']} testId="alert-history">
          {events.map((e) => (
            <tr key={e.id} data-testid={`alert-event-${e.id}`}>
              <td className={cellClass}>
                <Timestamp iso={e.at} />
              </td>
              <td className={`${cellClass} min-w-40 break-words`}>
                {e.ruleName}
                <span className="block text-xs text-zinc-500 dark:text-zinc-400">
                  {e.service} · {e.metricType} · {ALERT_CONDITIONS[e.condition].label} &gt; {formatNumber(e.threshold)} {ALERT_CONDITIONS[e.condition].unit}
                </span>
              </td>
              <td className={cellClass}>
                <StateBadge state={e.state} testId="event-state" />
                {e.note && <span className="mt-1 block text-xs text-zinc-500 dark:text-zinc-400">{e.note}</span>}
              </td>
              <td className={`${cellClass} tabular-nums`}>{measured(e.condition, e.value)}</td>
              <td className={cellClass}>
                <StateBadge state={e.deliveryStatus} testId="event-delivery" />
                <span className="mt-1 block text-xs text-zinc-500 dark:text-zinc-400">
                  {e.attempts} {e.attempts === 1 ? 'try' : 'tries'}
                  {e.lastError ? ` · ${e.lastError}` : ''}
                </span>
              </td>
            </tr>
          ))}
        </Table>
      )}
    </>
  );
}
